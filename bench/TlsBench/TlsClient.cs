using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace TlsBench;

/// <summary>A TLS client connection to the server under test on 127.0.0.1 (SslStream; OpenSSL underneath on Linux).</summary>
internal static class TlsClient
{
    public static async Task<SslStream> ConnectAsync(int port, CancellationToken cancellationToken,
        SslProtocols protocols = SslProtocols.None, TlsCipherSuite? tls13Suite = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SslStream? stream = null;
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = protocols,
                // The bench measures the server, not certificate checks; the peer is our own loopback server.
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            };
            if (tls13Suite is { } suite)
            {
                options.CipherSuitesPolicy = new CipherSuitesPolicy(new[] { suite });
            }

            await stream.AuthenticateAsClientAsync(options, cancellationToken);
            return stream;
        }
        catch
        {
            stream?.Dispose();
            socket.Dispose();
            throw;
        }
    }
}
