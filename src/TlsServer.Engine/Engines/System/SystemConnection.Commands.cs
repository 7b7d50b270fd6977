using System.Net.Sockets;
using System.Security.Authentication;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.Platform;

/// <summary>The connected commands SslStream allows: close, reset, raw bytes, and asking for a client certificate.</summary>
internal sealed partial class SystemConnection
{
    private volatile bool _requestingCertificate;
    private volatile bool _refusedCertificate;
    private volatile bool _failedByCommand;

    /// <summary>
    /// SslStream's NegotiateClientCertificateAsync: a TLS 1.2 renegotiation (HelloRequest, then a full handshake with a
    /// CertificateRequest) or a TLS 1.3 CertificateRequest (post-handshake auth). It refuses to start while a read is
    /// pending, so the receive loop is paused first; the certificate goes through the same verification as in a handshake.
    /// </summary>
    public override async Task RequestClientCertificateAsync(CancellationToken cancellationToken)
    {
        await _pause.BeginAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            // read before: a failed SslStream throws from its properties
            bool tls13 = _ssl.SslProtocol == SslProtocols.Tls13;
            try
            {
                _transport.ReadCancellation = cancellationToken;
                _requestingCertificate = true;
                Record.Activity.AddAction(SessionActionKind.ClientCertificateRequest,
                    tls13 ? "CertificateRequest (post-handshake auth)" : "HelloRequest, then a renegotiation with a CertificateRequest");
#pragma warning disable CA1416 // reached only where CommandSupport.System allows it
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
                Writer.Release();
            }
        }
        finally
        {
            _pause.End();
        }
    }

    public override CommandSupport Commands => CommandSupport.System;
}
