namespace TlsServer.Engine;

/// <summary>Checks options before anything is loaded or bound.</summary>
internal static class OptionsValidator
{
    public static void Validate(ServerOptions o)
    {
        if (o.Port is < 0 or > 65535)
        {
            throw Invalid("PortOutOfRange", $"The port {o.Port} is not between 0 and 65535.", o.Port);
        }

        if (o.Protocols.Count == 0)
        {
            throw Invalid("NoProtocol", "At least one protocol version must be allowed.", o.Protocols);
        }

        Tls.ProtocolRange.Resolve(o);

        if (o.HandshakeTimeout <= TimeSpan.Zero)
        {
            throw Invalid("HandshakeTimeoutOutOfRange", "The handshake timeout must be positive.", o.HandshakeTimeout);
        }

        if (o.IdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            throw Invalid("IdleTimeoutOutOfRange", "The idle timeout must be positive.", o.IdleTimeout);
        }

        if (o.ConnectionLimit <= 0)
        {
            throw Invalid("ConnectionLimitOutOfRange", "ConnectionLimit must be at least 1.", o.ConnectionLimit);
        }

        if (o.MaxHandshakeMessageSize is < 1024 or > 16 * 1024 * 1024)
        {
            throw Invalid("MaxHandshakeMessageSizeOutOfRange", "MaxHandshakeMessageSize must be between 1024 and 16777216 bytes.", o.MaxHandshakeMessageSize);
        }

        if (o.ReceiveBufferLimit <= 0)
        {
            throw Invalid("ReceiveBufferLimitOutOfRange", "ReceiveBufferLimit must be at least 1 byte.", o.ReceiveBufferLimit);
        }

        if (o.MaxConnections is <= 0)
        {
            throw Invalid("MaxConnectionsOutOfRange", "MaxConnections must be at least 1.", o.MaxConnections);
        }

        if (o.SessionHistoryLimit <= 0)
        {
            throw Invalid("SessionHistoryLimitOutOfRange", "SessionHistoryLimit must be at least 1.", o.SessionHistoryLimit);
        }

        if (o.Certificate is not null && (o.CertificatePath is not null || o.KeyPath is not null))
        {
            throw Invalid("CertificateSourceConflict", "Give either a certificate object or certificate and key paths, not both.", null);
        }

        if (o.MaxSendFragment is < Tls.RecordLayerSettings.MinFragmentLength or > Tls.RecordLayerSettings.MaxFragmentLength)
        {
            throw Invalid("MaxSendFragmentOutOfRange", "MaxSendFragment must be between 512 and 16384 bytes, as in OpenSSL.", o.MaxSendFragment);
        }

        if (o.ReadBufferSize is < 1 or > Connections.SocketIo.MaxReadBufferSize)
        {
            throw Invalid("ReadBufferSizeOutOfRange", "ReadBufferSize must be between 1 and 1048576 bytes.", o.ReadBufferSize);
        }

        OpenSslOnlyOptions.Validate(o);
        Sessions.ResumptionOptionsValidator.Validate(o);
        Applications.ApplicationOptions.Validate(o);
        Verification.ClientAuthenticationValidator.Validate(o.ClientAuthentication);
        TransportOptionsValidator.Validate(o);
        Engines.Platform.SystemEngineSupport.Validate(o);
    }

    internal static TlsServerException Invalid(string id, string message, object? target) =>
        new(id, ErrorKind.InvalidArgument, message, target);
}
