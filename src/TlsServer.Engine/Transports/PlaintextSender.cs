using System.Net.Sockets;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Transports;

/// <summary>s_server's P for every engine: bytes straight onto the TCP connection, counted and logged. Call under the writer lock.</summary>
internal static class PlaintextSender
{
    public static async Task SendAsync(Socket socket, ReadOnlyMemory<byte> data, SessionRecord record, ServerCounters counters,
        CancellationToken cancellationToken)
    {
        for (int sent = 0; sent < data.Length;)
        {
            sent += await socket.SendAsync(data[sent..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        record.AddSent(data.Length);
        counters.AddSent(data.Length);
        record.Activity.AddPlaintextSent(data.Length);
        record.Activity.AddAction(SessionActionKind.Plaintext, $"{data.Length} bytes under the TLS layer");
    }
}
