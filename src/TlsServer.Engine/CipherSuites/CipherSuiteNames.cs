using TlsServer.Engine.Registry;

namespace TlsServer.Engine.CipherSuites;

/// <summary>IANA names come from the registry's table (<see cref="IanaCipherSuites"/>); OpenSSL names from <see cref="OpenSslCipherNames"/>.</summary>
internal static class CipherSuiteNames
{
    public static string IanaName(int id) => IanaCipherSuites.Name(id) ?? $"0x{id:X4}";

    public static string? OpenSslName(int id) =>
        OpenSslCipherNames.ById.TryGetValue(id, out var name) ? name : null;

    public static IReadOnlyList<string> IanaNames(IEnumerable<int> ids) => ids.Select(IanaName).ToArray();
}
