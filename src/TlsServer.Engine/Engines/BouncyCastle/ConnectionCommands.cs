using TlsServer.Engine.Tls;

namespace TlsServer.Engine.Connections;

/// <summary>The connected commands (s_server's q, r, k, K, P, and any alert), each under the writer lock.</summary>
internal sealed partial class Connection
{
    private volatile bool _aborting;

    /// <summary>s_server's q: close_notify, then close. The server keeps accepting.</summary>
    public void Close(string reason)
    {
        Record.Activity.AddAction(SessionActionKind.Close, "close_notify, then close");
        RequestClose(reason);
    }

    /// <summary>Resets the TCP connection without close_notify; the session can no longer be resumed.</summary>
    public void Abort(string reason)
    {
        _aborting = true;
        _peer.Resumption.Invalidate();
        Record.Activity.AddAction(SessionActionKind.Abort, "TCP reset, no close_notify");
        ConnectionReset.Arm(_socket);
        RequestClose(reason);
    }

    /// <summary>A fault's TCP reset: like <see cref="Abort"/>, but not one of the session's connected commands.</summary>
    private void AbortForFault(string reason)
    {
        _aborting = true;
        ConnectionReset.Arm(_socket);
        RequestClose(reason);
    }

    public Task UpdateKeysAsync(bool requestPeerUpdate, CancellationToken cancellationToken) =>
        WithProtocolAsync(p =>
        {
            p.UpdateKeys(requestPeerUpdate);
            Record.Activity.AddAction(SessionActionKind.KeyUpdate, requestPeerUpdate ? "update_requested" : "update_not_requested");
        }, cancellationToken);

    public Task SendHelloRequestAsync(CancellationToken cancellationToken) =>
        WithProtocolAsync(p =>
        {
            p.SendHelloRequest();
            Record.Activity.AddAction(SessionActionKind.HelloRequest, "HelloRequest sent");
        }, cancellationToken);

    public async Task SendAlertAsync(TlsAlertLevel level, short description, CancellationToken cancellationToken)
    {
        string name = TlsAlertDescriptions.Name(description);
        if (level == TlsAlertLevel.Fatal)
        {
            // the client may close before RequestClose below: the reason must be ours either way
            _closing.Explain($"the server sent the fatal alert {name} (Send-TlsAlert)");
        }

        await WithProtocolAsync(p =>
        {
            p.SendAlert(level, description);
            Record.Activity.AddAction(SessionActionKind.Alert, $"{level.ToString().ToLowerInvariant()} {name}");
        }, cancellationToken).ConfigureAwait(false);
        if (level == TlsAlertLevel.Fatal)
        {
            _peer.Resumption.Invalidate();
            RequestClose(_closing.Reason!);
        }
    }

    /// <summary>s_server's P: bytes straight onto the TCP connection, under the TLS layer.</summary>
    public async Task SendPlaintextAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PlaintextSender.SendAsync(_socket, data, Record, _server.Counters, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Never called: <see cref="Engines.EngineCapabilities.BouncyCastle"/> has no renegotiation and no post-handshake auth.</summary>
    public Task RequestClientCertificateAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("BouncyCastle can neither renegotiate nor ask for a certificate after the handshake.");

    private async Task WithProtocolAsync(Action<ServerProtocol> command, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_protocol.IsClosed)
            {
                throw new ObjectDisposedException(nameof(Connection));
            }

            command(_protocol);
            await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }
}
