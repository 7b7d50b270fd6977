using System.Net.Sockets;
using System.Net;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Resumption;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle.Dtls;

/// <summary>
/// One DTLS association driven through BouncyCastle's blocking DtlsServerProtocol on a thread of its own (the
/// number of associations is bounded). Its retransmission timers run inside BouncyCastle; sends hold one lock.
/// The peer, session recording, resumption and diagnostics are the same as a TLS <see cref="Connection"/>'s.
/// </summary>
internal sealed class DtlsConnection : ConnectionBase
{
    /// <summary>How long one receive waits before the loop looks at stop requests and the idle timeout.</summary>
    private const int ReceiveSliceMillis = 250;

    private readonly BouncyCastleEngine _engine;
    private readonly Config.DtlsConfig _settings;
    private readonly DtlsRequest? _request;
    private readonly byte[]? _verifiedHello;
    private readonly ServerPeer _peer;
    private readonly object _writer = new();
    private DtlsTransport? _transport;

    public DtlsConnection(BouncyCastleEngine engine, Engines.IConnectionHost host, Socket socket, IPEndPoint remote, DtlsRequest? request,
        byte[]? verifiedHello, Config.DtlsConfig settings)
        : base(host, remote, socket.LocalEndPoint as IPEndPoint)
    {
        _engine = engine;
        _settings = settings;
        _request = request;
        _verifiedHello = verifiedHello;
        _peer = new ServerPeer(engine.Tls, Record) { Resumption = new SessionResumption(engine.SessionStore, engine.Tls, Record.Activity) };
        _peer.HandshakeCompleted += OnEstablished;
        _peer.Diagnostics = Diagnostics;
        _peer.AlertObserved += OnDtlsAlert;
        Diagnostics.ReadSecretsFrom(new KeyLogSecrets(() => _peer.Context));
        Association = new DatagramAssociation(socket, remote, Record, host.Counters, settings, Diagnostics);
    }

    public DatagramAssociation Association { get; }

    /// <summary>Raised once when the association has ended, so the dispatcher forgets its endpoint.</summary>
    public event Action? Ended;

    public override CommandSupport Commands => CommandSupport.BouncyCastleDtls;

    /// <summary>UDP has no connection to reset: the association is dropped without close_notify.</summary>
    protected override string AbortAction => "association dropped, no close_notify";

    public override ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        lock (_writer)
        {
            var transport = _transport ?? throw new InvalidOperationException("The DTLS handshake has not completed.");
            int limit = transport.GetSendLimit();
            for (int offset = 0; offset < data.Length; offset += limit)
            {
                transport.Send(data.Span.Slice(offset, Math.Min(limit, data.Length - offset)));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>s_server's P: one datagram of raw bytes to the client, under the DTLS layer.</summary>
    public override Task SendPlaintextAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        lock (_writer)
        {
            Association.Send(data.Span);
        }

        Record.Activity.AddPlaintextSent(data.Length);
        Record.Activity.AddAction(SessionActionKind.Plaintext, $"{data.Length} bytes under the DTLS layer");
        return Task.CompletedTask;
    }

    public override Task RunAsync() => Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public override string Describe(Exception failure) => ConnectionErrors.Describe(failure);

    protected override void OnAbort() => _peer.Resumption.Invalidate();

    protected override void ResetTransport() => Association.Abort();

    protected override void DisposeTransport()
    {
        Association.Close();
        Ended?.Invoke();
    }

    private void Run()
    {
        var outcome = ConnectionOutcome.Closed("connection closed");
        try
        {
            using (Closing.Token.Register(Association.Abort))
            {
                var transport = new DtlsServerProtocolObserved(Diagnostics, _verifiedHello).Accept(_peer, Association, _request);
                lock (_writer)
                {
                    _transport = transport;
                }
            }

            outcome = Serve(_transport);
        }
        catch (Exception) when (Closing.IsCancellationRequested && !Established)
        {
            outcome = ConnectionOutcome.Failed(Closing.Reason ?? "the server stopped during the handshake");
        }
        catch (Exception) when (Aborting)
        {
            outcome = ConnectionOutcome.Closed(Closing.Reason ?? "the server dropped the association");
        }
        catch (TlsTimeoutException)
        {
            outcome = HandshakeTimedOut(_engine.HandshakeTimeout);
        }
        catch (AssociationClosedException) when (Record.Alert is { Code: 0, IsSent: false })
        {
            outcome = ConnectionOutcome.Closed("the client sent close_notify");
        }
        catch (Exception e)
        {
            outcome = ConnectionFailures.Outcome(e, Host.Counters);
        }
        finally
        {
            Finish(outcome);
        }
    }

    /// <summary>After the handshake: application data to the mode's application until a close, a stop or the idle timeout.</summary>
    private ConnectionOutcome Serve(DtlsTransport transport)
    {
        var buffer = new byte[transport.GetReceiveLimit()];
        var lastData = DateTime.UtcNow;
        while (true)
        {
            if (Closing.IsCancellationRequested)
            {
                if (Aborting)
                {
                    return ConnectionOutcome.Closed(Closing.Reason ?? "the server dropped the association");
                }

                CloseGracefully(transport);
                return ConnectionOutcome.Closed(Closing.Reason ?? "the server stopped");
            }

            int received = transport.Receive(buffer, 0, buffer.Length, ReceiveSliceMillis);
            if (received < 0)
            {
                if (DateTime.UtcNow - lastData >= _settings.IdleTimeout)
                {
                    CloseGracefully(transport);
                    return IdleTimedOut(_settings.IdleTimeout);
                }

                continue;
            }

            lastData = DateTime.UtcNow;
            if (received > 0)
            {
                DeliverAsync(buffer.AsMemory(0, received).ToArray()).AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private void CloseGracefully(DtlsTransport transport)
    {
        lock (_writer)
        {
            try
            {
                transport.Close(); // close_notify
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // the socket is gone with the server
            }
        }
    }

    /// <summary>Received alerts reach the trace here: the TLS protocol subclass reports them itself, the DTLS one only to the peer.</summary>
    private void OnDtlsAlert(TlsAlert alert)
    {
        if (!alert.IsSent)
        {
            Diagnostics.AlertReceived(alert.Fatal ? AlertLevel.fatal : AlertLevel.warning, (short)alert.Code);
        }

        OnAlert(alert);
    }
}
