using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using TlsServer.Engine.Connections;

namespace TlsServer.Engine.Engines.Platform;

/// <summary>The connected commands SslStream allows: close, reset, raw bytes, and asking for a client certificate.</summary>
internal sealed partial class SystemConnection
{
    private volatile bool _aborting;
    private volatile bool _requestingCertificate;
    private volatile bool _refusedCertificate;
    private volatile bool _failedByCommand;

    public void Close(string reason)
    {
        Record.Activity.AddAction(SessionActionKind.Close, "close_notify, then close");
        RequestClose(reason);
    }

    public void Abort(string reason)
    {
        _aborting = true;
        Record.Activity.AddAction(SessionActionKind.Abort, "TCP reset, no close_notify");
        ConnectionReset.Arm(_socket);
        RequestClose(reason);
    }

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

    /// <summary>
    /// SslStream's NegotiateClientCertificateAsync: a TLS 1.2 renegotiation (HelloRequest, then a full handshake with a
    /// CertificateRequest) or a TLS 1.3 CertificateRequest (post-handshake auth). It refuses to start while a read is
    /// pending, so the receive loop is paused first; the certificate goes through the same verification as in a handshake.
    /// </summary>
    public async Task RequestClientCertificateAsync(CancellationToken cancellationToken)
    {
        await _pause.BeginAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            // read before: a failed SslStream throws from its properties
            bool tls13 = _ssl.SslProtocol == SslProtocols.Tls13;
            try
            {
                _transport.ReadCancellation = cancellationToken;
                _requestingCertificate = true;
                Record.Activity.AddAction(SessionActionKind.ClientCertificateRequest,
                    tls13 ? "CertificateRequest (post-handshake auth)" : "HelloRequest, then a renegotiation with a CertificateRequest");
#pragma warning disable CA1416 // reached only where EngineCapabilities.System allows it
                await _ssl.NegotiateClientCertificateAsync(cancellationToken).ConfigureAwait(false);
#pragma warning restore CA1416
                if (_refusedCertificate)
                {
                    // SslStream may report the refusal only on the next read
                    throw new AuthenticationException($"the client certificate was refused ({Record.ClientVerifyResult})");
                }

                Record.Activity.CountRenegotiation();
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _failedByCommand = true;
                RequestClose($"{(tls13 ? "post-handshake auth" : "the renegotiation")} failed: {SystemErrors.Describe(e)}");
                throw;
            }
            finally
            {
                _requestingCertificate = false;
                _writer.Release();
            }
        }
        finally
        {
            _pause.End();
        }
    }

    public Task UpdateKeysAsync(bool requestPeerUpdate, CancellationToken cancellationToken) => throw Unsupported();

    public Task SendHelloRequestAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task SendAlertAsync(TlsAlertLevel level, short description, CancellationToken cancellationToken) => throw Unsupported();

    /// <summary>Callers check <see cref="EngineCapabilities"/> first; reaching this is a bug, not a user error.</summary>
    private static NotSupportedException Unsupported() => new("SslStream cannot do this; EngineCapabilities.System says so.");
}
