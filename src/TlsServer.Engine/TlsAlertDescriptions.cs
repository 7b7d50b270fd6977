using TlsServer.Engine.Registry;

namespace TlsServer.Engine;

/// <summary>The alert descriptions TLS defines, by their RFC names (close_notify, handshake_failure…).</summary>
public static class TlsAlertDescriptions
{
    private static readonly Dictionary<string, int> Codes = AlertCodes.All.ToDictionary(a => a.Name, a => a.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known name, in code order.</summary>
    public static IReadOnlyList<string> Names { get; } = AlertCodes.All.Select(a => a.Name).ToArray();

    public static bool TryGetCode(string name, out int code) => Codes.TryGetValue(name, out code);

    /// <summary>The RFC name, or unknown(code) for a code TLS does not define.</summary>
    public static string Name(int code) => AlertCodes.Name(code) ?? $"unknown({code})";

    /// <summary>RFC 8446 6: only close_notify and user_canceled are warnings; every other alert is fatal.</summary>
    public static TlsAlertLevel DefaultLevel(int code) =>
        code is AlertCodes.CloseNotify or AlertCodes.UserCanceled ? TlsAlertLevel.Warning : TlsAlertLevel.Fatal;
}
