using TlsServer.Engine.Runtime;


namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>The connected commands (s_server's q, r, k, K, P, and any alert), each under the writer lock.</summary>
internal sealed partial class Connection
{
    public override CommandSupport Commands => CommandSupport.BouncyCastleTls;

    public override Task UpdateKeysAsync(bool requestPeerUpdate, CancellationToken cancellationToken) =>
        WithProtocolAsync(p =>
        {
            p.UpdateKeys(requestPeerUpdate);
            Record.Activity.AddAction(SessionActionKind.KeyUpdate, requestPeerUpdate ? "update_requested" : "update_not_requested");
        }, cancellationToken);

    public override Task SendHelloRequestAsync(CancellationToken cancellationToken) =>
        WithProtocolAsync(p =>
        {
            p.SendHelloRequest();
            Record.Activity.AddAction(SessionActionKind.HelloRequest, "HelloRequest sent");
        }, cancellationToken);

    public override async Task SendAlertAsync(TlsAlertLevel level, short description, CancellationToken cancellationToken)
    {
        string name = TlsAlertDescriptions.Name(description);
        if (level == TlsAlertLevel.Fatal)
        {
            // the client may close before RequestClose below: the reason must be ours either way
            Closing.Explain($"the server sent the fatal alert {name} (Send-TlsAlert)");
        }

        await WithProtocolAsync(p =>
        {
            p.SendAlert(level, description);
            Record.Activity.AddAction(SessionActionKind.Alert, $"{level.ToString().ToLowerInvariant()} {name}");
        }, cancellationToken).ConfigureAwait(false);
        if (level == TlsAlertLevel.Fatal)
        {
            _peer.Resumption.Invalidate();
            RequestClose(Closing.Reason!);
        }
    }

    private async Task WithProtocolAsync(Action<ServerProtocol> command, CancellationToken cancellationToken)
    {
        await Writer.WaitAsync(cancellationToken).ConfigureAwait(false);
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
            Writer.Release();
        }
    }
}
