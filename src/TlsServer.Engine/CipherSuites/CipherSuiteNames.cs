using System.Reflection;
using BcCipherSuite = Org.BouncyCastle.Tls.CipherSuite;

namespace TlsServer.Engine.Tls;

/// <summary>
/// IANA names come from BouncyCastle's CipherSuite constants, which are spelled as IANA spells them;
/// OpenSSL names come from <see cref="OpenSslCipherNames"/>.
/// </summary>
internal static class CipherSuiteNames
{
    private static readonly Lazy<Dictionary<int, string>> Iana = new(ReadIana);

    public static string IanaName(int id) =>
        Iana.Value.TryGetValue(id, out var name) ? name : $"0x{id:X4}";

    public static string? OpenSslName(int id) =>
        OpenSslCipherNames.ById.TryGetValue(id, out var name) ? name : null;

    public static IReadOnlyList<string> IanaNames(IEnumerable<int> ids) => ids.Select(IanaName).ToArray();

    private static Dictionary<int, string> ReadIana()
    {
        var names = new Dictionary<int, string>();
        foreach (var field in typeof(BcCipherSuite).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.IsLiteral && field.FieldType == typeof(int) && field.Name.StartsWith("TLS_", StringComparison.Ordinal))
            {
                names.TryAdd((int)field.GetRawConstantValue()!, field.Name);
            }
        }

        return names;
    }
}
