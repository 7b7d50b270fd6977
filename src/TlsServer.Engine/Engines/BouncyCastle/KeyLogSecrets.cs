using Org.BouncyCastle.Tls;
using TlsServer.Engine.Diagnostics;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>The secrets of a BouncyCastle connection as the key log writes them, read from its security parameters.</summary>
internal sealed class KeyLogSecrets : IKeyLogSource
{
    private readonly Func<TlsContext?> _context;

    /// <param name="context">The connection's context, once it has one.</param>
    public KeyLogSecrets(Func<TlsContext?> context) => _context = context;

    public void WriteHandshakeSecrets(KeyLog log)
    {
        if (_context() is { } context)
        {
            var sp = context.SecurityParameters;
            Write(log, sp, ("CLIENT_HANDSHAKE_TRAFFIC_SECRET", sp.BaseKeyClient), ("SERVER_HANDSHAKE_TRAFFIC_SECRET", sp.BaseKeyServer));
        }
    }

    public void WriteUpdatedSecret(KeyLog log, bool server, int generation)
    {
        if (_context() is { } context)
        {
            var sp = context.SecurityParameters;
            Write(log, sp, server
                ? ($"SERVER_TRAFFIC_SECRET_{generation}", sp.TrafficSecretServer)
                : ($"CLIENT_TRAFFIC_SECRET_{generation}", sp.TrafficSecretClient));
        }
    }

    /// <summary>At handshake completion, while BouncyCastle still holds them: the master secret (TLS 1.2 and older) or the application and exporter secrets (TLS 1.3).</summary>
    public static void WriteSessionSecrets(KeyLog log, SecurityParameters sp)
    {
        if (TlsUtilities.IsTlsV13(sp.NegotiatedVersion))
        {
            Write(log, sp,
                ("CLIENT_TRAFFIC_SECRET_0", sp.TrafficSecretClient),
                ("SERVER_TRAFFIC_SECRET_0", sp.TrafficSecretServer),
                ("EXPORTER_SECRET", sp.ExporterMasterSecret));
        }
        else
        {
            Write(log, sp, ("CLIENT_RANDOM", sp.MasterSecret));
        }
    }

    private static void Write(KeyLog log, SecurityParameters sp, params (string Label, Org.BouncyCastle.Tls.Crypto.TlsSecret? Secret)[] secrets) =>
        log.Write(sp.ClientRandom, secrets.Select(s => (s.Label, SecretBytes.Read(s.Secret))).ToArray());
}
