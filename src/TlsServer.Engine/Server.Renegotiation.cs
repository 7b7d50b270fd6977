using TlsServer.Engine.Engines;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine;

/// <summary>Asking for a client certificate after the handshake (s_server's R), where the engine can.</summary>
public sealed partial class Server
{
    private const int PostHandshakeAuthExtension = 49;

    /// <summary>
    /// s_server's R: a TLS 1.2 renegotiation or TLS 1.3 post-handshake authentication that asks for a client certificate,
    /// where the connection can (the System engine); refused with the reason where it cannot.
    /// </summary>
    private RenegotiationResult RenegotiateForCertificate(ITlsConnection connection, RenegotiationOptions options, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var record = connection.Record;
        long id = record.Id;
        bool tls13 = record.Protocol == TlsProtocol.Tls13;
        connection.Commands.Require(tls13 ? ConnectionCommand.PostHandshakeAuthentication : ConnectionCommand.Renegotiation, id);
        if (options.HelloRequestOnly || options.RequestPeerUpdate)
        {
            throw TlsServerException.Invalid(ErrorIds.RenegotiationOptionConflict,
                "-RequestClientCertificate goes with neither -HelloRequestOnly nor -RequestPeerUpdate.", id);
        }

        if (tls13 && record.ClientHello?.ExtensionList.Any(e => e.Type == PostHandshakeAuthExtension) != true)
        {
            throw new TlsServerException(ErrorIds.PostHandshakeAuthNotOffered, ErrorKind.InvalidOperation,
                $"Session {id} is TLS 1.3 and its client did not offer post-handshake auth (the post_handshake_auth extension), so no "
                + "certificate may be asked for after the handshake. Connect with a client that offers it (openssl s_client -enable_pha), "
                + "or ask during the handshake with Start-TlsServer -ClientCertificate Request.", id);
        }

        return RequestClientCertificate(connection, tls13, wait, cancellationToken);
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
