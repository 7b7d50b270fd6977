using TlsServer.Engine.Engines;

namespace TlsServer.Engine;

/// <summary>The connected commands as each engine can do them: asking for a client certificate after the handshake (s_server's R).</summary>
public sealed partial class Server
{
    private const int PostHandshakeAuthExtension = 49;

    /// <summary>
    /// What the engine does itself, or refuses: a result, or null to go on with BouncyCastle's KeyUpdate and HelloRequest.
    /// </summary>
    private RenegotiationResult? RenegotiateByCapabilities(ITlsConnection connection, RenegotiationOptions options, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var can = _runtime.Engine.Capabilities;
        var record = connection.Record;
        long id = record.Id;
        bool tls13 = record.Protocol == TlsProtocol.Tls13;
        if (options.RequestClientCertificate && (tls13 ? can.PostHandshakeAuthentication : can.Renegotiation))
        {
            if (options.HelloRequestOnly || options.RequestPeerUpdate)
            {
                throw new TlsServerException("RenegotiationOptionConflict", ErrorKind.InvalidArgument,
                    "-RequestClientCertificate goes with neither -HelloRequestOnly nor -RequestPeerUpdate.", id);
            }

            if (tls13 && record.ClientHello?.ExtensionList.Any(e => e.Type == PostHandshakeAuthExtension) != true)
            {
                throw new TlsServerException("PostHandshakeAuthNotOffered", ErrorKind.InvalidOperation,
                    $"Session {id} is TLS 1.3 and its client did not offer post-handshake auth (the post_handshake_auth extension), so no "
                    + "certificate may be asked for after the handshake. Connect with a client that offers it (openssl s_client -enable_pha), "
                    + "or ask during the handshake with Start-TlsServer -ClientCertificate Request.", id);
            }

            return RequestClientCertificate(connection, tls13, wait, cancellationToken);
        }

        if (tls13 && !options.HelloRequestOnly && !options.RequestClientCertificate)
        {
            RequireCapability(can.KeyUpdate, "KeyUpdateNotSupported", "send a TLS 1.3 KeyUpdate (s_server's k and K)", id);
        }

        if (!tls13 && options.HelloRequestOnly)
        {
            RequireCapability(can.HelloRequest, "HelloRequestNotSupported", "send a HelloRequest alone", id);
        }

        if (!tls13 && !options.HelloRequestOnly && !options.RequestClientCertificate && can.Renegotiation)
        {
            throw new TlsServerException("RenegotiationRequiresClientCertificate", ErrorKind.NotImplemented,
                $"The {Engine} engine renegotiates only to ask for a client certificate (SslStream's NegotiateClientCertificateAsync, "
                + "s_server's R); add -RequestClientCertificate. A renegotiation without one (s_server's r) needs openssl s_server.", id);
        }

        return null;
    }

    private void RequireCapability(bool capable, string errorId, string what, long sessionId)
    {
        if (!capable)
        {
            throw new TlsServerException(errorId, ErrorKind.NotImplemented,
                $"The {Engine} engine cannot {what}: .NET's SslStream has no way to. Start the server with -Engine BouncyCastle for it.",
                sessionId);
        }
    }

    /// <summary>Runs the exchange, bounded by <paramref name="wait"/> (or <see cref="CommandTimeout"/> when zero).</summary>
    private RenegotiationResult RequestClientCertificate(ITlsConnection connection, bool tls13, TimeSpan wait, CancellationToken cancellationToken)
    {
        var record = connection.Record;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(wait > TimeSpan.Zero ? wait : CommandTimeout);
        bool completed;
        try
        {
            connection.RequestClientCertificateAsync(bounded.Token).GetAwaiter().GetResult();
            completed = true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the client did not answer in time; the connection goes on
            completed = false;
        }
        catch (ObjectDisposedException)
        {
            throw Closed(record.Id, "renegotiate");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // the connection is closing with the reason on the session
            record.Activity.WaitUntil(a => a.Ended, StopGracePeriod, cancellationToken);
            completed = false;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new RenegotiationResult(record.Snapshot(), tls13 ? RenegotiationMethod.PostHandshakeAuthentication : RenegotiationMethod.Renegotiation,
            false, null, null, completed);
    }
}
