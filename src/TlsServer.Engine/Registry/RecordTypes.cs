namespace TlsServer.Engine.Registry;

/// <summary>TLS ContentType values of the record layer (IANA's registry; RFC 8446 5.1, RFC 9146) and their names.</summary>
internal static class RecordTypes
{
    public const int ChangeCipherSpec = 20;
    public const int Alert = 21;
    public const int Handshake = 22;
    public const int ApplicationData = 23;

    private static readonly Dictionary<int, string> Names = new()
    {
        [ChangeCipherSpec] = "change_cipher_spec",
        [Alert] = "alert",
        [Handshake] = "handshake",
        [ApplicationData] = "application_data",
        [24] = "heartbeat",
        [25] = "tls12_cid",
    };

    /// <summary>The registry's name, or UNKNOWN.</summary>
    public static string Name(int type) => Names.GetValueOrDefault(type, "UNKNOWN");
}
