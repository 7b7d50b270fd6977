namespace TlsServer.Engine.Applications;

/// <summary>Sends a file in bounded chunks, so a file of any size costs the server one chunk of memory.</summary>
internal static class FileStreamer
{
    public const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Opens a file found under the document root. A file of length 0 is not opened at all: FIFOs and devices report 0
    /// too, and opening a FIFO would block; they are all served as empty.
    /// </summary>
    /// <returns>The open file (null when empty) and its length, or an HTTP status when it cannot be read.</returns>
    public static (FileStream? File, long Length, int Status) Open(string path)
    {
        try
        {
            long length = new FileInfo(path).Length;
            if (length == 0)
            {
                return (null, 0, 200);
            }

            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return (file, Math.Min(length, file.Length), 200);
        }
        catch (UnauthorizedAccessException)
        {
            return (null, 0, 403);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, 0, 404);
        }
        catch (IOException)
        {
            return (null, 0, 500);
        }
    }

    /// <summary>Sends <paramref name="length"/> bytes of the file; false when it ended sooner (it shrank meanwhile).</summary>
    public static async ValueTask<bool> SendAsync(FileStream? file, long length, IConnectionChannel channel, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return length == 0;
        }

        var buffer = new byte[(int)Math.Min(ChunkSize, length)];
        for (long left = length; left > 0;)
        {
            int read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            await channel.SendAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            left -= read;
        }

        return true;
    }
}
