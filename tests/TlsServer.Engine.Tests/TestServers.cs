namespace TlsServer.Engine.Tests;

/// <summary>A real server on a free loopback port, stopped on dispose.</summary>
internal sealed class TestServers : IDisposable
{
    private TestServers(Server server) => Server = server;

    public Server Server { get; }

    public static TestServers Start(ServerOptions? options = null) =>
        new(Engine.Server.Start(ServerConfig.Build(options ?? new ServerOptions { Address = "127.0.0.1", Port = 0 })));

    public void Dispose() => Server.Stop();
}
