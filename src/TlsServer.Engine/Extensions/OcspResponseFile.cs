using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Extensions;

/// <summary>-StatusFile: a DER-encoded OCSP response read once, to staple as it is (s_server -status_file).</summary>
internal static class OcspResponseFile
{
    /// <summary>Reads and parses the file; throws TlsServerException when it cannot be read or is not an OCSP response.</summary>
    public static TlsOcspResponse Read(string path, ServerCredential credential)
    {
        byte[] der;
        try
        {
            der = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TlsServerException(ErrorIds.StatusFileNotReadable, ErrorKind.ReadError,
                $"The OCSP response file '{path}' cannot be read: {e.Message}", path, e);
        }

        try
        {
            return OcspResponseReader.Read(der, credential.Chain[0].SerialNumber, path);
        }
        catch (FormatException e)
        {
            throw new TlsServerException(ErrorIds.StatusFileInvalid, ErrorKind.InvalidData,
                $"The file '{path}' does not hold a DER-encoded OCSP response.", path, e);
        }
    }
}
