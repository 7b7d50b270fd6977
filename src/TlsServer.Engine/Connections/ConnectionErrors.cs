using System.Net.Sockets;
using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Connections;

/// <summary>Words for why a connection failed; never a stack trace.</summary>
internal static class ConnectionErrors
{
    public static string Describe(Exception e) => e switch
    {
        TlsFatalAlertReceived r => $"the client sent the fatal alert {AlertDescription.GetName(r.AlertDescription)}",
        TlsFatalAlert a => $"the server sent the fatal alert {AlertDescription.GetName(a.AlertDescription)}" + Detail(a),
        SocketException s => $"socket error: {s.SocketErrorCode}",
        IOException io when io.InnerException is SocketException s => $"socket error: {s.SocketErrorCode}",
        ObjectDisposedException => "the connection was closed",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>BouncyCastle words its alerts "name(code); detail": keep the detail, if any.</summary>
    private static string Detail(TlsFatalAlert alert)
    {
        int separator = alert.Message?.IndexOf("; ", StringComparison.Ordinal) ?? -1;
        return separator < 0 ? string.Empty : ": " + alert.Message![(separator + 2)..];
    }
}
