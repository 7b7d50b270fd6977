using Org.BouncyCastle.Tls;
using TlsServer.Engine.Tls;

namespace TlsServer.Engine.Diagnostics;

/// <summary>
/// The NSS key log (SSLKEYLOGFILE format) that Wireshark reads and OpenSSL's -keylogfile writes: one line per secret,
/// "LABEL client_random_hex secret_hex". Lines are appended and flushed at once, one writer at a time.
/// </summary>
internal sealed class KeyLog : IDisposable
{
    private readonly StreamWriter _writer;

    private KeyLog(StreamWriter writer) => _writer = writer;

    public static KeyLog? Open(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return new KeyLog(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TlsServerException(ErrorIds.KeyLogNotWritable, ErrorKind.PermissionDenied,
                $"The key log '{path}' cannot be opened for writing: {e.Message}", path, e);
        }
    }

    /// <summary>TLS 1.3 handshake traffic secrets, written when the server sends EncryptedExtensions.</summary>
    public void HandshakeSecrets(SecurityParameters sp) => Write(sp,
        ("CLIENT_HANDSHAKE_TRAFFIC_SECRET", sp.BaseKeyClient),
        ("SERVER_HANDSHAKE_TRAFFIC_SECRET", sp.BaseKeyServer));

    /// <summary>At handshake completion: the master secret (TLS 1.2 and older) or the application and exporter secrets (TLS 1.3).</summary>
    public void SessionSecrets(SecurityParameters sp)
    {
        if (TlsUtilities.IsTlsV13(sp.NegotiatedVersion))
        {
            Write(sp,
                ("CLIENT_TRAFFIC_SECRET_0", sp.TrafficSecretClient),
                ("SERVER_TRAFFIC_SECRET_0", sp.TrafficSecretServer),
                ("EXPORTER_SECRET", sp.ExporterMasterSecret));
        }
        else
        {
            Write(sp, ("CLIENT_RANDOM", sp.MasterSecret));
        }
    }

    /// <summary>After a TLS 1.3 KeyUpdate: CLIENT_TRAFFIC_SECRET_N or SERVER_TRAFFIC_SECRET_N.</summary>
    public void UpdatedSecret(SecurityParameters sp, bool server, int generation) => Write(sp,
        server ? ($"SERVER_TRAFFIC_SECRET_{generation}", sp.TrafficSecretServer) : ($"CLIENT_TRAFFIC_SECRET_{generation}", sp.TrafficSecretClient));

    public void Dispose()
    {
        lock (_writer)
        {
            _writer.Dispose();
        }
    }

    private void Write(SecurityParameters sp, params (string Label, Org.BouncyCastle.Tls.Crypto.TlsSecret? Secret)[] secrets)
    {
        string random = Convert.ToHexString(sp.ClientRandom).ToLowerInvariant();
        lock (_writer)
        {
            try
            {
                foreach (var (label, secret) in secrets)
                {
                    if (SecretBytes.Read(secret) is { } value)
                    {
                        _writer.Write($"{label} {random} {Convert.ToHexString(value).ToLowerInvariant()}\n");
                    }
                }

                _writer.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // the server is stopping or the disk is full; the connection goes on
            }
        }
    }
}
