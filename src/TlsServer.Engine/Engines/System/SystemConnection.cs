using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.Platform;

/// <summary>
/// One accepted socket under .NET's SslStream. The receive loop waits for data with a zero-byte read that a
/// post-handshake command can cancel (<see cref="ReadPause"/>); application writes, close_notify and the
/// renegotiation hold one writer lock, so at most one read and one write are ever pending, as SslStream requires.
/// </summary>
internal sealed partial class SystemConnection : StreamConnection
{
    private const int ReadBufferSize = 16 * 1024;

    private readonly SystemEngine _engine;
    private readonly TransportStream _transport;
    private readonly SslStream _ssl;
    private readonly ReadPause _pause = new();

    public SystemConnection(Socket socket, SystemEngine engine, IConnectionHost host)
        : base(socket, host)
    {
        _engine = engine;
        _transport = new TransportStream(socket, Record, host.Counters, Diagnostics);
        _ssl = new SslStream(_transport, leaveInnerStreamOpen: true);
    }

    public override async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await Writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _ssl.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Writer.Release();
        }
    }

    public override async Task RunAsync()
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
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Closing.Token);
        deadline.CancelAfter(_engine.HandshakeTimeout);
        _transport.ReadCancellation = deadline.Token;
        try
        {
            await _ssl.AuthenticateAsServerAsync(SelectOptions, null, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception) when (Closing.IsCancellationRequested)
        {
            return ConnectionOutcome.Failed(Closing.Reason ?? "the server stopped during the handshake");
        }
        catch (Exception) when (deadline.IsCancellationRequested)
        {
            return HandshakeTimedOut(_engine.HandshakeTimeout);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            return ConnectionOutcome.Failed(SystemErrors.Describe(e));
        }

        OnEstablished(SystemNegotiated.Read(_ssl, Record.ClientHello));
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

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Closing.Token);
            if (_engine.IdleTimeout is { } idle)
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
                    return ConnectionOutcome.Closed(Closing.Reason ?? "the client closed the connection");
                }

                await DeliverAsync(buffer.AsSpan(0, received).ToArray()).ConfigureAwait(false);
            }
            catch (Exception) when (Closing.IsCancellationRequested)
            {
                await CloseGracefullyAsync().ConfigureAwait(false);
                string reason = Closing.Reason ?? "the server stopped";
                return _failedByCommand ? ConnectionOutcome.Failed(reason) : ConnectionOutcome.Closed(reason);
            }
            catch (Exception) when (deadline.IsCancellationRequested)
            {
                await CloseGracefullyAsync().ConfigureAwait(false);
                return IdleTimedOut(_engine.IdleTimeout!.Value);
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

        Diagnostics.HandshakeReceived(message);
        if (Record.ClientHello is { } hello)
        {
            Record.SetOffered(CipherSuiteNames.IanaNames(hello.CipherSuites.Where(s => !Registry.IanaCipherSuites.IsSignalling(s))));
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

    protected override Task SendCloseNotifyAsync(CancellationToken cancellationToken) => _ssl.ShutdownAsync().WaitAsync(cancellationToken);

    public override string Describe(Exception failure) => SystemErrors.Describe(failure);

    protected override void DisposeTransport()
    {
        Socket.Dispose();
        _ssl.Dispose();
    }
}
