namespace TlsServer.Engine.Credentials;

/// <summary>Resolves OpenSSL's password argument forms: pass:, env:, file:, fd: and stdin.</summary>
public static class OpenSslPassword
{
    public static char[] Resolve(string spec, Func<string?> readStandardInput)
    {
        if (spec == "stdin")
        {
            return (readStandardInput() ?? string.Empty).ToCharArray();
        }

        int colon = spec.IndexOf(':');
        string source = colon < 0 ? string.Empty : spec[..colon];
        string value = colon < 0 ? string.Empty : spec[(colon + 1)..];
        return source switch
        {
            "pass" => value.ToCharArray(),
            "env" => (Environment.GetEnvironmentVariable(value)
                ?? throw new TlsServerException(ErrorIds.PasswordSourceNotFound, ErrorKind.ObjectNotFound, $"The environment variable '{value}' is not set.")).ToCharArray(),
            "file" => FirstLine(value),
            "fd" when int.TryParse(value, out int fd) && fd >= 0 => FirstLine($"/proc/self/fd/{fd}"),
            _ => throw TlsServerException.Invalid(ErrorIds.PasswordSourceInvalid,
                "A password source must be pass:<password>, env:<variable>, file:<path>, fd:<number> or stdin."),
        };
    }

    private static char[] FirstLine(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return (reader.ReadLine() ?? string.Empty).ToCharArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TlsServerException(ErrorIds.PasswordSourceNotFound, ErrorKind.ObjectNotFound, $"The password source '{path}' cannot be read: {e.Message}");
        }
    }
}
