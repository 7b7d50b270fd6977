namespace TlsServer.Engine.Tests.Wire;

/// <summary>
/// Where our server answers a hostile input differently from openssl s_server 3.0, on purpose. Each entry gives both
/// answers exactly, so a change on either side shows; tests/README.md carries the same table.
/// </summary>
internal static class AcceptedDifferences
{
    public static readonly IReadOnlyDictionary<string, (string Ours, string OpenSsl, string Reason)> Table =
        new Dictionary<string, (string, string, string)>
        {
            ["ClientHello declaring 131,397 bytes (item 3)"] = ("fatal decode_error", "fatal illegal_parameter",
                "A message longer than its limit has a length out of range: decode_error (RFC 8446 6.2), as issue 18 decided."),
            ["compression without the null method (item 5)"] = ("fatal illegal_parameter", "fatal decode_error",
                "RFC 8446 4.1.2: a TLS 1.3 ClientHello whose compression methods are not just null gets illegal_parameter."),
            ["legacy_version 3,0 with supported_versions (item 8)"] = ("fatal protocol_version", "fatal handshake_failure",
                "RFC 8446 D.5: a ClientHello.legacy_version of 0x0300 gets protocol_version."),
            ["legacy_version 3,0 without supported_versions"] = ("fatal protocol_version", "fatal handshake_failure",
                "RFC 8446 D.5, as above."),
            ["supported_versions truncated inside (item 2)"] = ("fatal decode_error", "fatal protocol_version",
                "A malformed extension is a decode_error (RFC 8446 6.2); OpenSSL says protocol_version for any failure to pick a version."),
            ["empty cipher suites"] = ("fatal decode_error", "fatal illegal_parameter",
                "cipher_suites<2..2^16-2> (RFC 8446 4.1.2): an empty vector does not decode."),
            ["empty host name"] = ("fatal decode_error", "server_hello(TLS 1.3), encrypted, close",
                "HostName<1..2^16-1> (RFC 6066 3): an empty name does not decode; OpenSSL lets it through."),
            ["only a P-384 share, not on the curve"] = ("hello_retry_request, fatal decode_error", "fatal illegal_parameter",
                "BouncyCastle picks the group in the client's supported_groups order (x25519) and asks for its share; OpenSSL uses a share the client sent. RFC 8446 4.2.8 allows both."),
            ["ChangeCipherSpec of record version 0x0301 in TLS 1.3"] = ("close_notify", "fatal decode_error",
                "RFC 8446 5.1: legacy_record_version MUST be ignored for all purposes; OpenSSL holds TLS 1.3 records to 0x0303."),
            ["TLS 1.2 with only SHA-1 signature schemes, RSA key transport offered (item 11)"] = ("server_hello(0x0303), fatal decode_error", "fatal handshake_failure",
                "RFC 5246 7.4.3: suites are checked against the signature schemes before one is chosen, so the RSA key transport suite, which signs nothing, serves; OpenSSL picks a signing suite first and fails."),
        };

    /// <summary>Fails unless the answers agree, or differ exactly as the table says.</summary>
    public static void Check(string name, WireReply ours, WireReply openssl, string? expected, string detail) =>
        Check(name, ours.ToString(), openssl.ToString(), expected, detail);

    public static void Check(string name, string ours, string openssl, string? expected, string detail)
    {
        if (expected is not null)
        {
            Assert.True(expected == ours, $"{name}: expected '{expected}', our server answered '{ours}' (openssl s_server '{openssl}'). {detail}");
        }

        if (Table.TryGetValue(name, out var accepted))
        {
            Assert.True(accepted.Ours == ours && accepted.OpenSsl == openssl,
                $"{name}: the table accepts ours '{accepted.Ours}' against openssl '{accepted.OpenSsl}', but ours is '{ours}' and openssl's '{openssl}'. {detail}");
        }
        else
        {
            Assert.True(ours == openssl, $"{name}: our server answered '{ours}', openssl s_server '{openssl}'. {detail}");
        }
    }
}
