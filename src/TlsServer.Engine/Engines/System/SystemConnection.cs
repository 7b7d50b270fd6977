using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine.Applications;
using TlsServer.Engine.Connections;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Sessions;

namespace TlsServer.Engine.Engines.Platform;

/// <summary>
/// One accepted socket under .NET's SslStream. The receive loop waits for data with a zero-byte read that a
/// post-handshake command can cancel (<see cref="ReadPause"/>); application writes, close_notify and the
/// renegotiation hold one writer lock, so at most one read and one write are ever pending, as SslStream requires.
/// </summary>
internal sealed partial class SystemConnection : ITlsConnection
{
    private const int ReadBufferSize = 16 * 1024;

    private readonly Socket _socket;
    private readonly ServerRuntime _server;
    private readonly SystemEngine _engine;
    private readonly TransportStream _transport;
    private readonly SslStream _ssl;
    private readonly ConnectionDiagnostics _diagnostics;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly CloseSignal _closing;
    private readonly ReadPause _pause = new();
    private readonly IApplication _application;
    private volatile bool _established;

    public SystemConnection(Socket socket, ServerRuntime server, SystemEngine engine, long id)
    {
        _socket = socket;
        _server = server;
        _engine = engine;
        Record = new SessionRecord(server.Server, id, socket.RemoteEndPoint as IPEndPoint, socket.LocalEndPoint as IPEndPoint);
        _diagnostics = new ConnectionDiagnostics(server.Diagnostics, Record, () => null);
        _transport = new TransportStream(socket, Record, server.Counters, _diagnostics);
        _ssl = new SslStream(_transport, leaveInnerStreamOpen: true);
        _closing = new CloseSignal(server.Stopping);
        _application = server.CreateApplication(this);
    }

    public SessionRecord Record { get; }

    public void RequestClose(string reason) => _closing.Request(reason);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _ssl.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task RunAsync()
    {
        var outcome = ConnectionOutcome.Closed("connection closed");
        try
        {
            outcome = await HandshakeAsync().ConfigureAwait(false) ?? await ReceiveAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            outcome = ConnectionOutcome.Failed(SystemErrors.Describe(e));
        }
        finally
        {
            _pause.Close();
            Finish(outcome);
        }
    }

    /// <summary>Null when the handshake completed; otherwise how the connection ended.</summary>
    private async Task<ConnectionOutcome?> HandshakeAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        deadline.CancelAfter(_server.HandshakeTimeout);
        _transport.ReadCancellation = deadline.Token;
        try
        {
            await _ssl.AuthenticateAsServerAsync(SelectOptions, null, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception) when (_closing.IsCancellationRequested)
        {
            return ConnectionOutcome.Failed(_closing.Reason ?? "the server stopped during the handshake");
        }
        catch (Exception) when (deadline.IsCancellationRequested)
        {
            _server.Counters.CountHandshakeTimeout();
            return ConnectionOutcome.Failed($"the handshake did not complete within {_server.HandshakeTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            return ConnectionOutcome.Failed(SystemErrors.Describe(e));
        }

        OnEstablished();
        return null;
    }

    private async Task<ConnectionOutcome> ReceiveAsync()
    {
        var buffer = new byte[ReadBufferSize];
        while (true)
        {
            if (await _pause.HoldIfRequestedAsync().ConfigureAwait(false))
            {
                continue;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            if (_server.IdleTimeout is { } idle)
            {
                deadline.CancelAfter(idle);
            }

            _transport.ReadCancellation = deadline.Token;
            try
            {
                if (!await WaitForDataAsync(deadline.Token).ConfigureAwait(false))
                {
                    continue;
                }

                int received = await _ssl.ReadAsync(buffer, deadline.Token).ConfigureAwait(false);
                if (received == 0)
                {
                    await CloseGracefullyAsync().ConfigureAwait(false);
                    return ConnectionOutcome.Closed(_closing.Reason ?? "the client closed the connection");
                }

                var data = buffer.AsSpan(0, received).ToArray();
                if (_server.Server.HasDataReceivedSubscribers)
                {
                    _server.Events.Raise(ServerEventKind.DataReceived, Record, data: data);
                }

                await _application.OnDataAsync(data, _closing.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_closing.IsCancellationRequested)
            {
                await CloseGracefullyAsync().ConfigureAwait(false);
                string reason = _closing.Reason ?? "the server stopped";
                return _failedByCommand ? ConnectionOutcome.Failed(reason) : ConnectionOutcome.Closed(reason);
            }
            catch (Exception) when (deadline.IsCancellationRequested)
            {
                await CloseGracefullyAsync().ConfigureAwait(false);
                _server.Counters.CountIdleTimeout();
                return ConnectionOutcome.Closed($"no data for {_server.IdleTimeout!.Value.TotalSeconds:0.###} s (idle timeout)");
            }
        }
    }

    /// <summary>SslStream's zero-byte read: returns when data (or the end) is there, false when a pause cancelled the wait.</summary>
    private async Task<bool> WaitForDataAsync(CancellationToken deadline)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(deadline, _pause.Token);
        try
        {
            await _ssl.ReadAsync(Memory<byte>.Empty, waiting.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
        {
            return false;
        }
    }

    private ValueTask<SslServerAuthenticationOptions> SelectOptions(SslStream stream, SslClientHelloInfo info, object? state,
        CancellationToken cancellationToken)
    {
        var hello = OnClientHello();
        string? name = string.IsNullOrEmpty(info.ServerName) ? null : info.ServerName;
        return ValueTask.FromResult(_engine.OptionsFor(name, hello, ValidateClientCertificate));
    }

    /// <summary>Records the ClientHello (with its JA3/JA4 and, with -TlsExtDebug, its extensions as text) and the offered suites.</summary>
    private TlsClientHello? OnClientHello()
    {
        if (_transport.ClientHello.Message is not { } message)
        {
            return null;
        }

        _diagnostics.HandshakeReceived(message);
        if (Record.ClientHello is { } hello)
        {
            Record.SetOffered(Tls.CipherSuiteNames.IanaNames(hello.CipherSuites.Where(s => !Org.BouncyCastle.Tls.CipherSuite.IsScsv(s))));
        }

        return Record.ClientHello;
    }

    private bool ValidateClientCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        bool later = _requestingCertificate;
        var policy = later ? _engine.LaterRequest : _engine.ClientAuthentication;
        if (policy is null)
        {
            return true;
        }

        bool accepted = policy.Accept(SentChain(certificate, chain), required: !later && policy.Mode == ClientCertificateMode.Require, Record);
        _refusedCertificate |= !accepted;
        return accepted;
    }

    /// <summary>The client's certificate and the others it sent, which .NET hands over as the chain's extra store.</summary>
    private static IReadOnlyList<byte[]> SentChain(X509Certificate? certificate, X509Chain? chain)
    {
        if (certificate is null)
        {
            return Array.Empty<byte[]>();
        }

        byte[] leaf = certificate.GetRawCertData();
        var others = chain?.ChainPolicy.ExtraStore.Select(c => c.RawData).Where(d => !d.AsSpan().SequenceEqual(leaf)) ?? Enumerable.Empty<byte[]>();
        return others.Prepend(leaf).ToArray();
    }

    private void OnEstablished()
    {
        Record.SetEstablished(SystemNegotiated.Read(_ssl, Record.ClientHello));
        if (_ssl.SslProtocol != SslProtocols.Tls13 && Record.ClientHello is { } hello)
        {
            Record.SetSecureRenegotiation(SystemNegotiated.SignalsSecureRenegotiation(hello));
        }

        Record.SetServerIdentity(_ssl.LocalCertificate is { } local ? new X509Certificate2(local.GetRawCertData()) : null, null);
        _established = true;
        _server.OnHandshakeCompleted(Record, _diagnostics);
    }

    private async Task CloseGracefullyAsync()
    {
        if (_aborting)
        {
            return;
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _writer.WaitAsync(grace.Token).ConfigureAwait(false);
            try
            {
                await _ssl.ShutdownAsync().WaitAsync(grace.Token).ConfigureAwait(false);
                _socket.Shutdown(SocketShutdown.Send);
            }
            finally
            {
                _writer.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException
                                      or InvalidOperationException or AuthenticationException)
        {
            // The peer is gone or not reading; the socket is closed below either way.
        }
    }

    private void Finish(ConnectionOutcome outcome)
    {
        _socket.Dispose();
        _ssl.Dispose();
        _closing.Dispose();
        _server.End(this, outcome, _established);
    }
}
