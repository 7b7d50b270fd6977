using System.Collections;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine;
using TlsServer.Engine.Credentials;

namespace TlsServer.PowerShell;

/// <summary>
/// Reads -ServerNameCertificate: host name → an X509Certificate2 with its key, a path (PEM with its key, or PFX), or a
/// hashtable with CertificatePath, KeyPath, KeyPassword (SecureString) or Pass (OpenSSL syntax).
/// </summary>
internal static class ServerNameCertificates
{
    public static IReadOnlyList<ServerNameCredential> Read(Hashtable? map, Func<string, string> resolvePath)
    {
        var result = new List<ServerNameCredential>();
        foreach (DictionaryEntry entry in map ?? new Hashtable())
        {
            string host = entry.Key?.ToString() ?? string.Empty;
            result.Add(Value(host, entry.Value is PSObject ps ? ps.BaseObject : entry.Value, resolvePath));
        }

        return result;
    }

    /// <summary>Clears every password array the entries hold.</summary>
    public static void Clear(IEnumerable<ServerNameCredential> entries)
    {
        foreach (var e in entries)
        {
            if (e.KeyPassword is not null)
            {
                Array.Clear(e.KeyPassword);
            }
        }
    }

    private static ServerNameCredential Value(string host, object? value, Func<string, string> resolvePath)
    {
        switch (value)
        {
            case X509Certificate2 certificate:
                return new ServerNameCredential { HostName = host, Certificate = certificate };
            case string path:
                return new ServerNameCredential { HostName = host, CertificatePath = resolvePath(path) };
            case IDictionary table:
                string? certPath = Get<string>(table, "CertificatePath"), keyPath = Get<string>(table, "KeyPath"), pass = Get<string>(table, "Pass");
                var secure = Get<SecureString>(table, "KeyPassword");
                return new ServerNameCredential
                {
                    HostName = host,
                    Certificate = Get<X509Certificate2>(table, "Certificate"),
                    CertificatePath = certPath is null ? null : resolvePath(certPath),
                    KeyPath = keyPath is null ? null : resolvePath(keyPath),
                    KeyPassword = secure is not null ? SecureStrings.ToChars(secure)
                        : pass is not null ? OpenSslPassword.Resolve(pass, Console.In.ReadLine) : null,
                };
            default:
                throw new TlsServerException(ErrorIds.ServerNameCertificateInvalid, ErrorKind.InvalidArgument,
                    $"The value for '{host}' in -ServerNameCertificate must be a certificate with its key, a certificate path, or a hashtable with CertificatePath, KeyPath and KeyPassword or Pass.",
                    host);
        }
    }

    private static T? Get<T>(IDictionary table, string key) where T : class
    {
        foreach (DictionaryEntry e in table)
        {
            if (string.Equals(e.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                return (e.Value is PSObject ps ? ps.BaseObject : e.Value) as T;
            }
        }

        return null;
    }
}
