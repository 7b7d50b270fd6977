namespace TlsServer.Engine.Diagnostics;

/// <summary>
/// The NSS key log (SSLKEYLOGFILE format) that Wireshark reads and OpenSSL's -keylogfile writes: one line per secret,
/// "LABEL client_random_hex secret_hex". Lines are appended and flushed at once, one writer at a time.
/// </summary>
internal sealed class KeyLog : IDisposable
{
    private readonly StreamWriter _writer;

    private KeyLog(StreamWriter writer) => _writer = writer;

    public static KeyLog? Open(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return new KeyLog(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TlsServerException(ErrorIds.KeyLogNotWritable, ErrorKind.PermissionDenied,
                $"The key log '{path}' cannot be opened for writing: {e.Message}", path, e);
        }
    }

    public void Dispose()
    {
        lock (_writer)
        {
            _writer.Dispose();
        }
    }

    /// <summary>One line per secret the engine could read (a null one is left out), all for one client random.</summary>
    public void Write(byte[] clientRandom, params (string Label, byte[]? Secret)[] secrets)
    {
        string random = Convert.ToHexString(clientRandom).ToLowerInvariant();
        lock (_writer)
        {
            try
            {
                foreach (var (label, secret) in secrets)
                {
                    if (secret is { } value)
                    {
                        _writer.Write($"{label} {random} {Convert.ToHexString(value).ToLowerInvariant()}\n");
                    }
                }

                _writer.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // the server is stopping or the disk is full; the connection goes on
            }
        }
    }
}
