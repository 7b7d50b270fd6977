using TlsServer.Engine.Applications;
using TlsServer.Engine.Sessions;

namespace TlsServer.Engine.Connections;

/// <summary>One client of a server, whatever carries it: a TLS stream (<see cref="Connection"/>) or a DTLS association.</summary>
internal interface IServerConnection : IConnectionChannel
{
    SessionRecord Record { get; }

    /// <summary>Runs the handshake and the application until the connection ends; never throws.</summary>
    Task RunAsync();
}
