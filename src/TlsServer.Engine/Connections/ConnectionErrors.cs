using System.Net.Sockets;
using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Connections;

/// <summary>Words for why a connection failed; never a stack trace.</summary>
internal static class ConnectionErrors
{
    public static string Describe(Exception e) => e switch
    {
        TlsFatalAlertReceived r => $"the client sent the fatal alert {AlertDescription.GetName(r.AlertDescription)}",
        TlsFatalAlert a => $"the server sent the fatal alert {AlertDescription.GetName(a.AlertDescription)}"
            + (string.IsNullOrEmpty(a.Message) || a.Message == AlertDescription.GetText(a.AlertDescription) ? string.Empty : $": {a.Message}"),
        SocketException s => $"socket error: {s.SocketErrorCode}",
        IOException io when io.InnerException is SocketException s => $"socket error: {s.SocketErrorCode}",
        ObjectDisposedException => "the connection was closed",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
