namespace TlsServer.Engine.Registry;

/// <summary>TLS HandshakeType values (IANA's registry; RFC 8446 4, RFC 9147 5.3) and their names.</summary>
internal static class HandshakeTypes
{
    public const int HelloRequest = 0;
    public const int ClientHello = 1;
    public const int ServerHello = 2;
    public const int NewSessionTicket = 4;
    public const int EncryptedExtensions = 8;
    public const int Certificate = 11;
    public const int ServerKeyExchange = 12;
    public const int CertificateRequest = 13;
    public const int CertificateVerify = 15;
    public const int Finished = 20;
    public const int CertificateStatus = 22;
    public const int KeyUpdate = 24;

    private static readonly Dictionary<int, string> Names = new()
    {
        [HelloRequest] = "hello_request",
        [ClientHello] = "client_hello",
        [ServerHello] = "server_hello",
        [3] = "hello_verify_request",
        [NewSessionTicket] = "new_session_ticket",
        [5] = "end_of_early_data",
        [6] = "hello_retry_request",
        [EncryptedExtensions] = "encrypted_extensions",
        [9] = "request_connection_id",
        [10] = "new_connection_id",
        [Certificate] = "certificate",
        [ServerKeyExchange] = "server_key_exchange",
        [CertificateRequest] = "certificate_request",
        [14] = "server_hello_done",
        [CertificateVerify] = "certificate_verify",
        [16] = "client_key_exchange",
        [17] = "client_certificate_request",
        [Finished] = "finished",
        [21] = "certificate_url",
        [CertificateStatus] = "certificate_status",
        [23] = "supplemental_data",
        [KeyUpdate] = "key_update",
        [25] = "compressed_certificate",
        [26] = "ekt_key",
        [254] = "message_hash",
    };

    /// <summary>The registry's name, or UNKNOWN.</summary>
    public static string Name(int type) => Names.GetValueOrDefault(type, "UNKNOWN");
}
