using System.Net.Security;
using System.Net.Sockets;

namespace TlsServer.Tests.Harness;

/// <summary>.NET's SslStream as a client that trusts any certificate and keeps the connection open.</summary>
public static class DotNetTlsClient
{
    public static SslStream Connect(int port)
    {
        var ssl = new SslStream(new TcpClient("127.0.0.1", port).GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        ssl.AuthenticateAsClient("localhost");
        ssl.ReadTimeout = 10_000;
        return ssl;
    }
}
