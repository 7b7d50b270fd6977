namespace TlsServer.Engine.Credentials;

/// <summary>Reads a certificate or key file, turning I/O failures into stable errors.</summary>
internal static class CredentialFile
{
    public static byte[] Read(string path, string what)
    {
        string prefix = char.ToUpperInvariant(what[0]) + what[1..];
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TlsServerException($"{prefix}FileNotFound", ErrorKind.ObjectNotFound,
                $"The {what} file '{path}' does not exist.", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TlsServerException($"{prefix}FileUnreadable", ErrorKind.ReadError,
                $"The {what} file '{path}' cannot be read: {e.Message}", path, e);
        }
    }

    public static bool IsPem(byte[] data) =>
        System.Text.Encoding.ASCII.GetString(data, 0, Math.Min(data.Length, 64 * 1024)).Contains("-----BEGIN ", StringComparison.Ordinal);
}
