using System.Diagnostics;
using System.Net;
using TlsServer.Engine.Applications;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Engines;

namespace TlsServer.Engine.Runtime;

/// <summary>
/// The life of a connection that every engine and transport shares: its session, diagnostics, close signal and
/// application; close and abort; the handshake's completion; data to the application; the timeouts' outcomes; and the
/// end, reported once to the host. An engine's connection adds the protocol and the transport.
/// </summary>
internal abstract class ConnectionBase : ITlsConnection
{
    private volatile bool _established;
    private volatile bool _aborting;

    protected ConnectionBase(IConnectionHost host, IPEndPoint? remote, IPEndPoint? local)
    {
        Host = host;
        Record = host.NewSession(remote, local);
        Diagnostics = new ConnectionDiagnostics(host.Diagnostics, Record);
        Closing = new CloseSignal(host.Stopping);
        Application = host.ApplicationFor(this);
    }

    public SessionRecord Record { get; }

    public abstract CommandSupport Commands { get; }

    protected IConnectionHost Host { get; }

    protected ConnectionDiagnostics Diagnostics { get; }

    protected CloseSignal Closing { get; }

    protected IApplication Application { get; }

    /// <summary>True once the handshake has completed.</summary>
    protected bool Established => _established;

    /// <summary>True once <see cref="Abort"/> was asked for: no close_notify is sent.</summary>
    protected bool Aborting => _aborting;

    /// <summary>What the session's action log says an abort does on this transport.</summary>
    protected abstract string AbortAction { get; }

    public abstract Task RunAsync();

    public abstract string Describe(Exception failure);

    public abstract ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    public abstract Task SendPlaintextAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    public void RequestClose(string reason) => Closing.Request(reason);

    /// <summary>s_server's q: close_notify, then close. The server keeps accepting.</summary>
    public void Close(string reason)
    {
        Record.Activity.AddAction(SessionActionKind.Close, "close_notify, then close");
        RequestClose(reason);
    }

    /// <summary>Ends the connection without close_notify (a TCP reset, or a dropped association).</summary>
    public void Abort(string reason)
    {
        OnAbort();
        Record.Activity.AddAction(SessionActionKind.Abort, AbortAction);
        Drop(reason);
    }

    // The methods of commands a connection cannot do are never called: its Commands refuse them first.
    public virtual Task UpdateKeysAsync(bool requestPeerUpdate, CancellationToken cancellationToken) => throw new UnreachableException();

    public virtual Task SendHelloRequestAsync(CancellationToken cancellationToken) => throw new UnreachableException();

    public virtual Task SendAlertAsync(TlsAlertLevel level, short description, CancellationToken cancellationToken) => throw new UnreachableException();

    public virtual Task RequestClientCertificateAsync(CancellationToken cancellationToken) => throw new UnreachableException();

    /// <summary>Ends the connection without close_notify and records no action: a fault's reset, not a connected command.</summary>
    protected void Drop(string reason)
    {
        _aborting = true;
        ResetTransport();
        RequestClose(reason);
    }

    /// <summary>Before an abort is recorded: what the engine drops with it (BouncyCastle: the session's resumption).</summary>
    protected virtual void OnAbort()
    {
    }

    /// <summary>Makes the transport end without a goodbye when it closes.</summary>
    protected abstract void ResetTransport();

    protected abstract void DisposeTransport();

    /// <summary>The handshake completed: the session takes what it settled.</summary>
    protected void OnEstablished(NegotiatedState state)
    {
        _established = true;
        Host.HandshakeCompleted(this, Diagnostics, state);
    }

    /// <summary>An alert was sent or received: the session's event.</summary>
    protected void OnAlert(TlsAlert alert) =>
        Host.Event(alert.IsSent ? ServerEventKind.AlertSent : ServerEventKind.AlertReceived, Record, alert);

    /// <summary>Decrypted application data: the DataReceived event (when someone listens), then the mode's application.</summary>
    protected ValueTask DeliverAsync(byte[] data)
    {
        if (Host.WantsData)
        {
            Host.Event(ServerEventKind.DataReceived, Record, data: data);
        }

        return Application.OnDataAsync(data, Closing.Token);
    }

    protected ConnectionOutcome HandshakeTimedOut(TimeSpan timeout)
    {
        Host.Counters.CountHandshakeTimeout();
        return ConnectionOutcome.Failed($"the handshake did not complete within {timeout.TotalSeconds:0.###} s");
    }

    protected ConnectionOutcome IdleTimedOut(TimeSpan idle)
    {
        Host.Counters.CountIdleTimeout();
        return ConnectionOutcome.Closed($"no data for {idle.TotalSeconds:0.###} s (idle timeout)");
    }

    /// <summary>Closes the transport and ends the session once.</summary>
    protected void Finish(ConnectionOutcome outcome)
    {
        DisposeTransport();
        Closing.Dispose();
        Host.Ended(this, outcome, _established);
    }
}
