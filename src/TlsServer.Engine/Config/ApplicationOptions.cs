namespace TlsServer.Engine.Applications;

/// <summary>Checks the options that choose what the server does with a connection.</summary>
internal static class ApplicationOptions
{
    public static void Validate(ServerOptions o)
    {
        bool servesFiles = o.Mode is ServerMode.WwwRoot or ServerMode.HttpRoot;
        if (servesFiles && string.IsNullOrEmpty(o.DocumentRoot))
        {
            throw new TlsServerException("DocumentRootMissing", ErrorKind.InvalidArgument,
                $"The {o.Mode} mode needs a folder to serve (DocumentRoot).", o.Mode);
        }

        if (!servesFiles && o.DocumentRoot is not null)
        {
            throw new TlsServerException("DocumentRootWithoutFileMode", ErrorKind.InvalidArgument,
                $"A DocumentRoot is only used in the WwwRoot and HttpRoot modes, not in {o.Mode}.", o.DocumentRoot);
        }

        if (servesFiles && !Directory.Exists(o.DocumentRoot))
        {
            throw new TlsServerException("DocumentRootNotFound", ErrorKind.ObjectNotFound,
                $"The folder '{o.DocumentRoot}' does not exist, or is not a folder.", o.DocumentRoot);
        }
    }
}
