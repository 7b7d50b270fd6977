using System.Net;
using System.Net.Sockets;

namespace TlsServer.Engine.Tests.Wire;

/// <summary>Sends exact bytes to a server and reads its answer, every wait bounded.</summary>
internal static class WireClient
{
    /// <summary>How long a server may take to answer; the machine is loaded, so this is generous.</summary>
    public static readonly TimeSpan ReplyDeadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sends <paramref name="data"/> and, unless <paramref name="keepOpen"/>, closes the sending side, so a server that
    /// waits for more sees the end and closes instead of timing out. Reads until the server closes, sends a plaintext alert
    /// or the deadline passes.
    /// </summary>
    public static async Task<WireReply> ExchangeAsync(int port, byte[] data, bool keepOpen = false, TimeSpan? deadline = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(deadline ?? ReplyDeadline);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        try
        {
            await socket.SendAsync(data, SocketFlags.None, timeout.Token);
            if (!keepOpen)
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (SocketException)
        {
            // The server may already have answered and closed; read what it sent.
        }

        var received = new List<byte>();
        var buffer = new byte[16384];
        string end;
        while (true)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                end = WireReply.Timeout;
                break;
            }
            catch (SocketException)
            {
                end = WireReply.Close; // a reset is a close too
                break;
            }

            if (n == 0)
            {
                end = WireReply.Close;
                break;
            }

            received.AddRange(buffer.AsSpan(0, n).ToArray());
            var partial = WireReply.Parse(received.ToArray(), WireReply.Timeout);
            if (partial.End != WireReply.Timeout)
            {
                return partial; // a plaintext alert ends the exchange
            }
        }

        return WireReply.Parse(received.ToArray(), end);
    }
}
