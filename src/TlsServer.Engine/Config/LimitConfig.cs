namespace TlsServer.Engine.Config;

/// <summary>What a server lets its clients spend: time, connections, buffered data, remembered sessions.</summary>
/// <param name="IdleTimeout">Close an established TCP connection that receives nothing for this long; null never.</param>
/// <param name="MaxConnections">Stop after accepting this many connections (s_server -naccept); null for no limit.</param>
internal sealed record LimitConfig(
    TimeSpan HandshakeTimeout,
    TimeSpan? IdleTimeout,
    int ConnectionLimit,
    int? MaxConnections,
    int ReceiveBufferLimit,
    int SessionHistoryLimit);
