namespace TlsServer.Engine;

/// <summary>The level of a TLS alert (RFC 5246 7.2); the values are the ones on the wire.</summary>
public enum TlsAlertLevel
{
    Warning = 1,
    Fatal = 2,
}
