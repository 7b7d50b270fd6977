using System.Net.Sockets;
using TlsServer.Engine.Engines;

namespace TlsServer.Engine;

/// <summary>The connected commands, by session id: what s_server does with a key press, for any live session.</summary>
public sealed partial class Server
{
    /// <summary>How long a command may wait to write: the client may have stopped reading.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How this server resumes sessions (cache, context, tickets), and the TLS 1.3 gap.</summary>
    public ResumptionSettings Resumption => _runtime.SessionStore.Settings;

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
    /// s_server's r, R, k and K. TLS 1.3: a KeyUpdate. TLS 1.2 and older: only a HelloRequest, when asked for
    /// explicitly, because BouncyCastle cannot renegotiate.
    /// </summary>
    public RenegotiationResult Renegotiate(long sessionId, RenegotiationOptions options, TimeSpan wait, CancellationToken cancellationToken)
    {
        var connection = Live(sessionId, "renegotiate");
        var record = connection.Record;
        if (!record.HandshakeCompleted)
        {
            throw new TlsServerException("SessionNotEstablished", ErrorKind.InvalidOperation,
                $"Session {sessionId} of '{Name}' is still in its handshake; wait for it to be established.", sessionId);
        }

        if (RenegotiateByCapabilities(connection, options, wait, cancellationToken) is { } handled)
        {
            return handled;
        }

        var activity = record.Activity;
        if (record.Protocol == TlsProtocol.Tls13)
        {
            CheckTls13(options, sessionId);
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

        CheckTls12(options, sessionId, record.Protocol);
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
            throw new TlsServerException("AlertDescriptionOutOfRange", ErrorKind.InvalidArgument,
                $"An alert description is one byte: {description} is not between 0 and 255.", description);
        }

        var connection = Live(sessionId, "send an alert to");
        RequireCapability(_runtime.Engine.Capabilities.SendAlert, "SendAlertNotSupported", "send an alert of its choosing", sessionId);
        Run(token => connection.SendAlertAsync(level, (short)description, token), sessionId, cancellationToken);
        if (level == TlsAlertLevel.Fatal)
        {
            connection.Record.Activity.WaitUntil(a => a.Ended, wait, cancellationToken);
        }

        return connection.Record.Snapshot();
    }

    private static void CheckTls13(RenegotiationOptions options, long sessionId)
    {
        if (options.RequestClientCertificate)
        {
            throw new TlsServerException("PostHandshakeAuthNotSupported", ErrorKind.NotImplemented,
                "TLS 1.3 post-handshake client authentication is a BouncyCastle gap: it cannot send a CertificateRequest after the handshake. "
                + "Ask for the client certificate during the handshake instead, or test post-handshake auth against openssl s_server (its c command).",
                sessionId);
        }

        if (options.HelloRequestOnly)
        {
            throw new TlsServerException("HelloRequestNotInTls13", ErrorKind.InvalidOperation,
                "TLS 1.3 has no HelloRequest and no renegotiation. Without -HelloRequestOnly the session gets a KeyUpdate.", sessionId);
        }
    }

    private static void CheckTls12(RenegotiationOptions options, long sessionId, TlsProtocol? protocol)
    {
        if (options.RequestClientCertificate || !options.HelloRequestOnly)
        {
            throw new TlsServerException("RenegotiationNotSupported", ErrorKind.NotImplemented,
                $"BouncyCastle cannot renegotiate a {protocol} session (it refuses every ClientHello after the handshake with no_renegotiation), "
                + "so it can neither renegotiate nor ask for a client certificate afterwards. Use -HelloRequestOnly to send a HelloRequest and see "
                + "how the client answers, or test renegotiation against openssl s_server (its r and R commands).",
                sessionId);
        }

        if (options.RequestPeerUpdate)
        {
            throw new TlsServerException("KeyUpdateRequiresTls13", ErrorKind.InvalidOperation,
                $"-RequestPeerUpdate asks for a TLS 1.3 KeyUpdate; this session is {protocol}.", sessionId);
        }
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
        new("SessionClosed", ErrorKind.InvalidOperation,
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
            throw new TlsServerException("SessionBusy", ErrorKind.OperationTimeout,
                $"Session {sessionId} of '{Name}' could not be written to within {CommandTimeout.TotalSeconds:0} s: the client is not reading.",
                sessionId);
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException or IOException)
        {
            throw Closed(sessionId, "write to");
        }
    }
}
