using TlsServer.Engine.Credentials;
using TlsServer.Engine.Diagnostics;

namespace TlsServer.Engine.Extensions;

/// <summary>What a server loads at start besides its credential: extension settings and diagnostic outputs.</summary>
internal sealed class ServerAddOns : IDisposable
{
    private ServerAddOns(ExtensionSettings extensions, ServerDiagnostics diagnostics)
    {
        Extensions = extensions;
        Diagnostics = diagnostics;
    }

    public ExtensionSettings Extensions { get; }

    public ServerDiagnostics Diagnostics { get; }

    /// <summary>Throws TlsServerException for bad options or files; opens nothing that outlives a failure.</summary>
    public static ServerAddOns Load(ServerOptions options, ServerCredential? credential)
    {
        if (options.Diagnostics.MessageLimit < 1)
        {
            throw new TlsServerException("MessageLimitOutOfRange", ErrorKind.InvalidArgument,
                "MessageLimit must be at least 1.", options.Diagnostics.MessageLimit);
        }

        var extensions = ExtensionSettings.Load(options.Extensions, credential);
        return new ServerAddOns(extensions, ServerDiagnostics.Open(options.Diagnostics, options.Extensions));
    }

    public void Dispose() => Diagnostics.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
