using System.Net.Sockets;
using TlsServer.Engine.Engines;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine;

/// <summary>The connected commands, by session id: what s_server does with a key press, for any live session.</summary>
public sealed partial class Server
{
    /// <summary>How long a command may wait to write: the client may have stopped reading.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How this server resumes sessions (cache, context, tickets), and the TLS 1.3 gap.</summary>
    public ResumptionSettings Resumption { get; }

    /// <summary>
    /// s_server's q: close_notify, then close; with <paramref name="abort"/>, a TCP reset without close_notify.
    /// Waits up to <paramref name="wait"/> for the connection to end and returns the session as it is then.
    /// </summary>
    public Session CloseSession(long sessionId, bool abort, TimeSpan wait, CancellationToken cancellationToken)
    {
        var connection = Live(sessionId, "close");
        if (abort)
        {
            connection.Abort("the server reset the connection without close_notify (Stop-TlsSession -Abort)");
        }
        else
        {
            connection.Close("the server closed the connection (Stop-TlsSession)");
        }

        connection.Record.Activity.WaitUntil(a => a.Ended, wait, cancellationToken);
        return connection.Record.Snapshot();
    }

    /// <summary>
    /// s_server's r, R, k and K. TLS 1.3: a KeyUpdate. TLS 1.2 and older: a HelloRequest, when asked for explicitly;
    /// R asks for a client certificate. What the session's engine cannot do is refused by its <see cref="CommandSupport"/>.
    /// </summary>
    public RenegotiationResult Renegotiate(long sessionId, RenegotiationOptions options, TimeSpan wait, CancellationToken cancellationToken)
    {
        var connection = Live(sessionId, "renegotiate");
        var record = connection.Record;
        if (!record.HandshakeCompleted)
        {
            throw new TlsServerException(ErrorIds.SessionNotEstablished, ErrorKind.InvalidOperation,
                $"Session {sessionId} of '{Name}' is still in its handshake; wait for it to be established.", sessionId);
        }

        if (options.RequestClientCertificate)
        {
            return RenegotiateForCertificate(connection, options, wait, cancellationToken);
        }

        var activity = record.Activity;
        if (record.Protocol == TlsProtocol.Tls13)
        {
            if (options.HelloRequestOnly)
            {
                throw new TlsServerException(ErrorIds.HelloRequestNotInTls13, ErrorKind.InvalidOperation,
                    "TLS 1.3 has no HelloRequest and no renegotiation. Without -HelloRequestOnly the session gets a KeyUpdate.", sessionId);
            }

            connection.Commands.Require(ConnectionCommand.KeyUpdate, sessionId);
            int received = activity.KeyUpdatesReceived;
            Run(token => connection.UpdateKeysAsync(options.RequestPeerUpdate, token), sessionId, cancellationToken);
            bool? peerUpdated = null;
            if (options.RequestPeerUpdate)
            {
                activity.WaitUntil(a => a.KeyUpdatesReceived > received || a.Ended, wait, cancellationToken);
                peerUpdated = activity.KeyUpdatesReceived > received;
            }

            return new RenegotiationResult(record.Snapshot(), RenegotiationMethod.KeyUpdate, options.RequestPeerUpdate, peerUpdated, null);
        }

        if (!options.HelloRequestOnly)
        {
            if (connection.Commands.Can(ConnectionCommand.Renegotiation))
            {
                throw TlsServerException.NotSupported(ErrorIds.RenegotiationRequiresClientCertificate,
                    $"The {connection.Commands.Name} engine renegotiates only to ask for a client certificate (SslStream's "
                    + "NegotiateClientCertificateAsync, s_server's R); add -RequestClientCertificate. A renegotiation without one (s_server's r) "
                    + "needs openssl s_server.", sessionId);
            }

            connection.Commands.Require(ConnectionCommand.Renegotiation, sessionId);
        }

        if (options.RequestPeerUpdate)
        {
            throw new TlsServerException(ErrorIds.KeyUpdateRequiresTls13, ErrorKind.InvalidOperation,
                $"-RequestPeerUpdate asks for a TLS 1.3 KeyUpdate; this session is {record.Protocol}.", sessionId);
        }

        connection.Commands.Require(ConnectionCommand.HelloRequest, sessionId);
        Run(connection.SendHelloRequestAsync, sessionId, cancellationToken);
        activity.WaitUntil(a => a.HelloRequestResponse is not null, wait, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return new RenegotiationResult(record.Snapshot(), RenegotiationMethod.HelloRequest, false, null,
            activity.HelloRequestResponse ?? HelloRequestResponse.Ignored);
    }

    /// <summary>s_server's P: raw bytes under the TLS layer; a client should fail with a protocol error.</summary>
    public Session SendPlaintext(long sessionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var connection = Live(sessionId, "send to");
        Run(token => connection.SendPlaintextAsync(data, token), sessionId, cancellationToken);
        return connection.Record.Snapshot();
    }

    /// <summary>
    /// Sends any alert (s_server has no such command). After a fatal alert the connection ends; this waits up to
    /// <paramref name="wait"/> for that and returns the session as it is then.
    /// </summary>
    public Session SendAlert(long sessionId, TlsAlertLevel level, int description, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (description is < 0 or > 255)
        {
            throw TlsServerException.Invalid(ErrorIds.AlertDescriptionOutOfRange,
                $"An alert description is one byte: {description} is not between 0 and 255.", description);
        }

        var connection = Live(sessionId, "send an alert to");
        connection.Commands.Require(ConnectionCommand.SendAlert, sessionId);
        Run(token => connection.SendAlertAsync(level, (short)description, token), sessionId, cancellationToken);
        if (level == TlsAlertLevel.Fatal)
        {
            connection.Record.Activity.WaitUntil(a => a.Ended, wait, cancellationToken);
        }

        return connection.Record.Snapshot();
    }

    private ITlsConnection Live(long sessionId, string action)
    {
        if (_runtime.FindConnection(sessionId) is { } connection && !connection.Record.IsEnded)
        {
            return connection;
        }

        FindRecord(sessionId);
        throw Closed(sessionId, action);
    }

    private TlsServerException Closed(long sessionId, string action) =>
        new(ErrorIds.SessionClosed, ErrorKind.InvalidOperation,
            $"Session {sessionId} of server '{Name}' has ended; there is no connection to {action}.", sessionId);

    /// <summary>Runs a command on the connection, bounded by <see cref="CommandTimeout"/>.</summary>
    private void Run(Func<CancellationToken, Task> command, long sessionId, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(CommandTimeout);
        try
        {
            command(bounded.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TlsServerException(ErrorIds.SessionBusy, ErrorKind.OperationTimeout,
                $"Session {sessionId} of '{Name}' could not be written to within {CommandTimeout.TotalSeconds:0} s: the client is not reading.",
                sessionId);
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException or IOException)
        {
            throw Closed(sessionId, "write to");
        }
    }
}
