using System.Net.Sockets;
using TlsServer.Engine.Applications;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine;

/// <summary>
/// The connection behind one session, for cmdlets: send data to the client, and in interactive mode read what the
/// client sent (also after the connection ended, while the server keeps the session). Get one from
/// <see cref="Server.GetConnection"/>. Safe to use from any thread.
/// </summary>
public sealed class SessionConnection
{
    /// <summary>The most plaintext given to the TLS layer at once, so a large send never sits whole in its queue.</summary>
    public const int SendChunkSize = 64 * 1024;

    private readonly ServerRuntime _runtime;
    private readonly SessionRecord _record;

    internal SessionConnection(ServerRuntime runtime, SessionRecord record)
    {
        _runtime = runtime;
        _record = record;
    }

    public Server Server => _record.Server;

    public long SessionId => _record.Id;

    /// <summary>True while the connection is open.</summary>
    public bool IsOpen => !_record.IsEnded;

    /// <summary>Bytes received and not read yet (interactive mode).</summary>
    public int UnreadBytes => _record.Received?.Count ?? 0;

    /// <summary>Unread bytes the server discarded after the session ended, to stay within its retention limit.</summary>
    public long DiscardedBytes => _record.Received?.Discarded ?? 0;

    /// <summary>Sends data to the client as application data; with the server's Crlf setting, LF becomes CRLF first.</summary>
    /// <exception cref="TlsServerException">SessionNotEstablished, SessionClosed or SendFailed.</exception>
    public void Send(byte[] data, CancellationToken cancellationToken = default)
    {
        var connection = _runtime.FindConnection(_record.Id);
        if (connection is null || _record.IsEnded)
        {
            throw Error(ErrorIds.SessionClosed, ErrorKind.InvalidOperation, "has ended; nothing more can be sent to it");
        }

        if (!_record.HandshakeCompleted)
        {
            throw Error(ErrorIds.SessionNotEstablished, ErrorKind.InvalidOperation, "has not completed its handshake yet; wait with Wait-TlsSession -State Established");
        }

        var payload = _runtime.Crlf ? Crlf.Expand(data) : data;
        try
        {
            for (int offset = 0; offset < payload.Length; offset += SendChunkSize)
            {
                var chunk = payload.AsMemory(offset, Math.Min(SendChunkSize, payload.Length - offset));
                connection.SendAsync(chunk, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            throw Error(ErrorIds.SendFailed, ErrorKind.WriteError, $"could not be sent to: {connection.Describe(e)}", e);
        }
    }

    /// <summary>Takes up to <paramref name="maxBytes"/> of what the client sent and nobody has read yet.</summary>
    /// <exception cref="TlsServerException">SessionNotInteractive when the server's mode keeps no received data.</exception>
    public byte[] Receive(int maxBytes = int.MaxValue) => Buffer().Take(maxBytes);

    /// <summary>
    /// Takes what the client sent as UTF-8 text. A character whose bytes have not all arrived waits for the next call
    /// while the connection is open.
    /// </summary>
    public string ReceiveText() => Buffer().TakeText();

    /// <summary>Waits until unread data is there or the connection has ended; false when the time ran out first.</summary>
    public bool WaitForData(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Buffer().WaitForData(timeout, cancellationToken);

    public override string ToString() => $"{Server.Name}#{SessionId}";

    private ReceiveBuffer Buffer() => _record.Received
        ?? throw Error(ErrorIds.SessionNotInteractive, ErrorKind.InvalidOperation,
            $"runs in {Server.Mode} mode, which keeps nothing for Receive-TlsData; only interactive mode (a server started without -Www, -WwwRoot, -HttpRoot or -Reverse) does");

    private TlsServerException Error(string id, ErrorKind kind, string what, Exception? inner = null) =>
        new(id, kind, $"Session {SessionId} of server '{Server.Name}' {what}.", this, inner);
}
