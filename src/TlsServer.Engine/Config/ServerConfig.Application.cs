using TlsServer.Engine.Config;

namespace TlsServer.Engine;

/// <summary>The mode (s_server -www, -WWW, -HTTP, -rev or interactive) and the folder it serves.</summary>
public sealed partial class ServerConfig
{
    private static ApplicationConfig BuildApplication(ServerOptions o)
    {
        bool servesFiles = o.Mode is ServerMode.WwwRoot or ServerMode.HttpRoot;
        if (servesFiles && string.IsNullOrEmpty(o.DocumentRoot))
        {
            throw TlsServerException.Invalid(ErrorIds.DocumentRootMissing, $"The {o.Mode} mode needs a folder to serve (DocumentRoot).", o.Mode);
        }

        if (!servesFiles && o.DocumentRoot is not null)
        {
            throw TlsServerException.Invalid(ErrorIds.DocumentRootWithoutFileMode,
                $"A DocumentRoot is only used in the WwwRoot and HttpRoot modes, not in {o.Mode}.", o.DocumentRoot);
        }

        if (servesFiles && !Directory.Exists(o.DocumentRoot))
        {
            throw new TlsServerException(ErrorIds.DocumentRootNotFound, ErrorKind.ObjectNotFound,
                $"The folder '{o.DocumentRoot}' does not exist, or is not a folder.", o.DocumentRoot);
        }

        return new ApplicationConfig(o.Mode, o.DocumentRoot, o.Crlf);
    }
}
