namespace TlsServer.Engine.Credentials;

/// <summary>Reads a certificate or key file, turning I/O failures into stable errors.</summary>
internal static class CredentialFile
{
    public static byte[] Read(string path, CredentialFileKind kind)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TlsServerException(kind.NotFoundId, ErrorKind.ObjectNotFound,
                $"The {kind.Word} file '{path}' does not exist.", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TlsServerException(kind.UnreadableId, ErrorKind.ReadError,
                $"The {kind.Word} file '{path}' cannot be read: {e.Message}", path, e);
        }
    }

    public static bool IsPem(byte[] data) =>
        System.Text.Encoding.ASCII.GetString(data, 0, Math.Min(data.Length, 64 * 1024)).Contains("-----BEGIN ", StringComparison.Ordinal);
}
