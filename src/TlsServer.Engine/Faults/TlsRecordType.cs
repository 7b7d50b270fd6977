namespace TlsServer.Engine;

/// <summary>The TLS record content types a fault can act on; the values are the ones on the wire.</summary>
public enum TlsRecordType
{
    ChangeCipherSpec = 20,
    Alert = 21,
    Handshake = 22,
    ApplicationData = 23,
}
