namespace TlsServer.Engine.Config;

/// <summary>How a TCP or Unix byte stream is read and written (s_server -read_buf, -nbio_test).</summary>
/// <param name="ReadBufferSize">Bytes read at a time; null when not given (the engine's own size).</param>
/// <param name="NonBlockingTest">Random short reads and writes that cut the byte stream anywhere.</param>
internal sealed record StreamConfig(int? ReadBufferSize, bool NonBlockingTest);
