using Org.BouncyCastle.Tls;

namespace TlsServer.Engine;

/// <summary>The alert descriptions TLS defines, by their RFC names (close_notify, handshake_failure…).</summary>
public static class TlsAlertDescriptions
{
    private static readonly Dictionary<string, int> Codes = Enumerable.Range(0, 256)
        .Where(code => AlertDescription.GetName((short)code) != "UNKNOWN")
        .ToDictionary(code => AlertDescription.GetName((short)code), code => code, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known name, in code order.</summary>
    public static IReadOnlyList<string> Names { get; } = Codes.OrderBy(c => c.Value).Select(c => c.Key).ToArray();

    public static bool TryGetCode(string name, out int code) => Codes.TryGetValue(name, out code);

    /// <summary>The RFC name, or unknown(code) for a code TLS does not define.</summary>
    public static string Name(int code)
    {
        string name = AlertDescription.GetName((short)code);
        return name == "UNKNOWN" ? $"unknown({code})" : name;
    }

    /// <summary>RFC 8446 6: only close_notify and user_canceled are warnings; every other alert is fatal.</summary>
    public static TlsAlertLevel DefaultLevel(int code) =>
        code is AlertDescription.close_notify or AlertDescription.user_canceled ? TlsAlertLevel.Warning : TlsAlertLevel.Fatal;
}
