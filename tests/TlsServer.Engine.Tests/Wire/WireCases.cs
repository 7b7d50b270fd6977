using static TlsServer.Engine.Tests.Wire.ClientHelloBuilder;
using static TlsServer.Engine.Tests.Wire.WireBytes;

namespace TlsServer.Engine.Tests.Wire;

/// <summary>The hostile inputs, each a whole first flight written byte by byte. The item is named where one is meant.</summary>
internal static class WireCases
{
    public const string DecodeError = "fatal decode_error";
    public const string IllegalParameter = "fatal illegal_parameter";
    public const string UnexpectedMessage = "fatal unexpected_message";
    public const string HandshakeFailure = "fatal handshake_failure";
    public const string ServerHello13 = "server_hello(TLS 1.3), encrypted, close";
    /// <summary>A TLS 1.2 first flight; the client then closes, and both servers answer the end of stream with decode_error.</summary>
    public const string ServerHello12 = "server_hello(0x0303), fatal decode_error";

    /// <summary>A client that could not use the TLS 1.3 ServerHello answers with a plaintext alert; the session must show it as the client's.</summary>
    public const string PlaintextAlertAfterServerHello13 = "TLS 1.3 ClientHello then a plaintext fatal alert";

    /// <summary>The record version a TLS 1.2 client uses once the server chose TLS 1.2.</summary>
    private const int Tls12Record = 0x0303;

    public static IEnumerable<WireCase> All()
    {
        // Records
        yield return new("plain record longer than 2^14 (item 1: record_overflow)", Concat(U8(Handshake), U16(0x0301), U16(16385), new byte[16385]), "fatal record_overflow");
        yield return new("record of unknown content type", Record(0x30, Tls13().Message()));
        yield return new("heartbeat record first", Record(24, Hex("01 0010 00000000000000000000000000000000")));
        yield return new("application data before the handshake", Record(ApplicationData, "GET / HTTP/1.0\r\n\r\n"u8.ToArray()));
        yield return new("change_cipher_spec before ClientHello", Concat(Record(ChangeCipherSpec, U8(1)), Tls13().Record()));
        yield return new("empty handshake record", Concat(Record(Handshake, Array.Empty<byte>()), Tls13().Record()));
        yield return new("empty alert record before ClientHello", Record(Alert, Array.Empty<byte>()));
        yield return new("fatal alert instead of ClientHello", Record(Alert, Hex("0228")));
        yield return new("close_notify instead of ClientHello", Record(Alert, Hex("0100")));
        yield return new("record version 0x0000", Record(Handshake, Tls13().Message(), version: 0x0000));
        yield return new("record version 0x0400", Record(Handshake, Tls13().Message(), version: 0x0400));
        yield return new("SSLv2-format ClientHello (item 1)", SslV2ClientHello(0xC02F, 0xC030, 0x009E), HandshakeFailure);
        yield return new("SSLv2-format ClientHello offering AES128-SHA (item 1)", SslV2ClientHello(0x002F), HandshakeFailure);
        yield return new("HTTP request instead of TLS", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

        // Handshake framing
        yield return new("ServerHello sent by the client", Record(Handshake, Message(2, Tls13().Body())), UnexpectedMessage);
        yield return new("unknown handshake type first", Record(Handshake, Message(99, new byte[8])), UnexpectedMessage);
        yield return new("Finished first (item 8: skipped message)", Record(Handshake, Message(20, new byte[32])), UnexpectedMessage);
        yield return new("ClientKeyExchange first (item 8: skipped message)", Record(Handshake, Message(16, Vector8(new byte[32]))), UnexpectedMessage);
        yield return new("TLS 1.3 ClientHello in one-byte records", Records(Handshake, Tls13().Message(), 1), ServerHello13);
        yield return new("TLS 1.2 ClientHello in one-byte records", Records(Handshake, Tls12().Message(), 1), ServerHello12);
        yield return new("ClientHello split by an application data record (item 12)", Split(Tls13().Message(), Record(ApplicationData, U8(0x41))), UnexpectedMessage);
        yield return new("ClientHello split by a warning alert (item 12)", Split(Tls13().Message(), Record(Alert, Hex("0170"))), UnexpectedMessage);
        yield return new("ClientHello split by change_cipher_spec (item 12)", Split(Tls13().Message(), Record(ChangeCipherSpec, U8(1))), UnexpectedMessage);
        yield return new("TLS 1.3 ClientHello and a partial message in one record (item 12)", Record(Handshake, Concat(Tls13().Message(), Hex("14 00"))), UnexpectedMessage);
        yield return new("two ClientHellos in one record", Record(Handshake, Concat(Tls13().Message(), Tls13().Message())), UnexpectedMessage);
        yield return new("ClientHello declaring 131,397 bytes (item 3)", Records(Handshake, Concat(U8(1), U24(131_397), new byte[100]), 16384), DecodeError);
        yield return new("ClientHello declaring 131,396 bytes (item 9)", Records(Handshake, Concat(U8(1), U24(131_396), new byte[100]), 16384), DecodeError);
        yield return new("largest ClientHello: 32,767 suites and 64 KiB of extensions (item 9)", Records(Handshake, Largest(Tls13()), 16384), ServerHello13);
        yield return new("ClientHello of 40,000 bytes (item 9)", Records(Handshake, Padded(Tls13(), 40_000), 16384), ServerHello13);

        // ClientHello fields
        yield return new("ClientHello body cut to 20 bytes (item 1)", CutBody(Tls13(), 20), DecodeError);
        yield return new("ClientHello with bytes after the extensions", Record(Handshake, Message(1, Concat(Tls13().Body(), Hex("0000")))), DecodeError);
        yield return new("extensions longer than the message", Record(Handshake, Message(1, Grow(Tls13().Body(), 2))), DecodeError);
        yield return new("odd cipher suites length", Record(Handshake, Message(1, OddSuites(Tls13()))), DecodeError);
        yield return new("empty cipher suites", Hello(h => h.CipherSuites.Clear()));
        yield return new("no suite in common", Hello(h => { h.CipherSuites.Clear(); h.CipherSuites.Add(0x0004); }, tls13: false), HandshakeFailure);
        yield return new("session id of 33 bytes", Hello(h => h.SessionId = new byte[33]), DecodeError);
        yield return new("compression without the null method (item 5)", Hello(h => h.Compression = new byte[] { 1 }), IllegalParameter);
        yield return new("empty compression list (item 5)", Hello(h => h.Compression = Array.Empty<byte>()));
        yield return new("duplicate extension", Hello(h => h.Extensions.Add((SessionTicket, Array.Empty<byte>()))));
        yield return new("extended_master_secret with a body, TLS 1.3 ignores it (item 10)", Hello(h => h.With(ExtendedMasterSecret, U8(0))), ServerHello13);
        yield return new("extended_master_secret with a body, TLS 1.2 (item 6)", Hello(h => h.With(ExtendedMasterSecret, U8(0)), tls13: false), DecodeError);
        yield return new("supported_groups truncated inside (item 2)", Hello(h => h.With(SupportedGroups, Hex("000a 001d"))), DecodeError);
        yield return new("signature_algorithms truncated inside (item 2)", Hello(h => h.With(SignatureAlgorithms, Hex("0010 0403"))), DecodeError);
        yield return new("server_name truncated inside (item 2)", Hello(h => h.With(ServerName, Hex("0010 00 0009 6c6f"))), DecodeError);
        yield return new("key_share truncated inside (item 2)", Hello(h => h.With(KeyShare, Hex("0024 001d 0020 0102"))), DecodeError);
        yield return new("supported_versions truncated inside (item 2)", Hello(h => h.With(SupportedVersions, Hex("04 0304"))), DecodeError);
        yield return new("empty supported_groups", Hello(h => h.With(SupportedGroups, Hex("0000"))));
        yield return new("padding with non-zero bytes", Hello(h => h.With(Padding, Hex("0102"))));
        yield return new("two host names in server_name", Hello(h => h.With(ServerName, Vector16(Concat(U8(0), Vector16("a.test"u8.ToArray()), U8(0), Vector16("b.test"u8.ToArray()))))));
        yield return new("empty host name", Hello(h => h.With(ServerName, Vector16(Concat(U8(0), Vector16())))));
        yield return new("host name with NUL (item 14)", Hello(h => h.With(ServerName, Vector16(Concat(U8(0), Vector16("a\0b.test"u8.ToArray()))))));
        yield return new("host name with BEL and ESC (item 14)", Hello(h => h.With(ServerName, Vector16(Concat(U8(0), Vector16("a\u0007\u001b[31m.test"u8.ToArray()))))), ServerHello13);

        // Versions
        yield return new("legacy_version 3,0 with supported_versions (item 8)", Hello(h => h.LegacyVersion = 0x0300));
        yield return new("legacy_version 3,0 without supported_versions", Hello(h => h.LegacyVersion = 0x0300, tls13: false), "fatal protocol_version");
        yield return new("legacy_version 3,4 without supported_versions", Hello(h => h.LegacyVersion = 0x0304, tls13: false), ServerHello12);
        yield return new("legacy_version 2,0", Hello(h => h.LegacyVersion = 0x0200, tls13: false));
        yield return new("TLS 1.0 only", Hello(h => h.LegacyVersion = 0x0301, tls13: false), "fatal protocol_version");
        yield return new("supported_versions of unknown versions only", Hello(h => h.With(SupportedVersions, Vector8(Hex("7f1c 0a0a")))), "fatal protocol_version");
        yield return new("supported_versions TLS 1.2 only", Hello(h => h.With(SupportedVersions, Vector8(Hex("0303")))), ServerHello12);

        // TLS 1.3 key exchange and authentication
        yield return new("supported_groups without key_share", Hello(h => h.Without(KeyShare)), "fatal missing_extension");
        yield return new("empty key_share: HelloRetryRequest", Hello(h => h.With(KeyShare, Vector16())), "hello_retry_request, fatal decode_error");
        yield return new("key_share of a group not in supported_groups", Hello(h => h.With(KeyShare, KeyShareOf(0x0100, Concat(new byte[255], U8(2))))), IllegalParameter);
        yield return new("only a P-384 share, not on the curve", Hello(h => h.With(KeyShare, KeyShareOf(0x0018, new byte[97]))));
        yield return new("x25519 share of 31 bytes (item 4)", Hello(h => h.With(KeyShare, KeyShareOf(0x001d, new byte[31]))), IllegalParameter);
        yield return new("P-256 share not on the curve (item 4)", Hello(h => h.With(SupportedGroups, Vector16(Hex("0017"))).With(KeyShare, KeyShareOf(0x0017, Concat(U8(4), new byte[64])))), IllegalParameter);
        yield return new("ffdhe2048 share of 1 (item 4)", Hello(h => h.With(SupportedGroups, Vector16(Hex("0100"))).With(KeyShare, KeyShareOf(0x0100, Concat(new byte[255], U8(1))))), IllegalParameter);
        yield return new("ffdhe2048 share of 0 (item 4)", Hello(h => h.With(SupportedGroups, Vector16(Hex("0100"))).With(KeyShare, KeyShareOf(0x0100, new byte[256]))), IllegalParameter);
        yield return new("no signature_algorithms", Hello(h => h.Without(SignatureAlgorithms)), "fatal missing_extension");
        yield return new("only ECDSA signature schemes for an RSA key (item 7)", Hello(h => h.With(SignatureAlgorithms, Vector16(Hex("0403 0503 0603")))), HandshakeFailure);
        yield return new("TLS 1.2 with only SHA-1 signature schemes (item 11)", Hello(h => h.With(SignatureAlgorithms, Vector16(Hex("0201 0203"))), tls13: false), HandshakeFailure);
        yield return new("TLS 1.2 with only SHA-1 signature schemes, RSA key transport offered (item 11)", Hello(h => { h.With(SignatureAlgorithms, Vector16(Hex("0201 0203"))); h.CipherSuites.Add(0x009C); }, tls13: false), ServerHello12);
        yield return new("TLS 1.2 without signature_algorithms (item 11)", Hello(h => h.Without(SignatureAlgorithms), tls13: false), HandshakeFailure);
        yield return new("TLS 1.2 with unassigned hash codes only (item 11)", Hello(h => h.With(SignatureAlgorithms, Vector16(Hex("0701 4001 0703"))), tls13: false), HandshakeFailure);

        // OpenSSL's default groups and suites
        yield return new("TLS 1.3 with ffdhe6144 only (item 18)", Hello(h => h.With(SupportedGroups, Vector16(Hex("0103"))).With(KeyShare, KeyShareOf(0x0103, Concat(new byte[767], U8(2))))), ServerHello13);
        yield return new("TLS 1.3 with ffdhe8192 only (item 18)", Hello(h => h.With(SupportedGroups, Vector16(Hex("0104"))).With(KeyShare, KeyShareOf(0x0104, Concat(new byte[1023], U8(2))))), ServerHello13);
        yield return new("TLS 1.2 with DHE-RSA-AES128-SHA only (item 18)", Hello(h => { h.CipherSuites.Clear(); h.CipherSuites.Add(0x0033); }, tls13: false), ServerHello12);
        yield return new("TLS 1.2 with DHE-RSA-AES256-SHA256 only (item 18)", Hello(h => { h.CipherSuites.Clear(); h.CipherSuites.Add(0x006B); }, tls13: false), ServerHello12);

        // Extensions that only TLS 1.2 reads, in a TLS 1.3 ClientHello
        yield return new("empty trusted_ca_keys in TLS 1.3 (item 10)", Hello(h => h.With(TrustedCaKeys, Hex("0000"))), ServerHello13);
        yield return new("empty ec_point_formats in TLS 1.3 (item 10)", Hello(h => h.With(EcPointFormats, Hex("00"))), ServerHello13);
        yield return new("empty status_request_v2 in TLS 1.3 (item 10)", Hello(h => h.With(StatusRequestV2, Hex("0000"))), ServerHello13);

        // ALPN
        yield return new("ALPN with no protocol in common (item 13)", Hello(h => h.With(ClientHelloBuilder.Alpn, Vector16(Vector8("http/1.1"u8.ToArray())))), "fatal no_application_protocol", Configuration: WireConfiguration.Alpn);
        yield return new("ALPN with no protocol in common, TLS 1.2 (item 13)", Hello(h => h.With(ClientHelloBuilder.Alpn, Vector16(Vector8("http/1.1"u8.ToArray()))), tls13: false), "fatal no_application_protocol", Configuration: WireConfiguration.Alpn);
        yield return new("ALPN with an empty list (item 13)", Hello(h => h.With(ClientHelloBuilder.Alpn, Vector16())), DecodeError, Configuration: WireConfiguration.Alpn);
        yield return new("ALPN with an empty protocol name (item 13)", Hello(h => h.With(ClientHelloBuilder.Alpn, Vector16(Vector8()))), DecodeError, Configuration: WireConfiguration.Alpn);
        yield return new("ALPN match", Hello(h => h.With(ClientHelloBuilder.Alpn, Vector16(Vector8("h2"u8.ToArray())))), ServerHello13, Configuration: WireConfiguration.Alpn);

        // After the ClientHello
        yield return new("TLS 1.3 ClientHello then 33 change_cipher_spec records (item 8)", Concat(Tls13().Record(), Concat(Enumerable.Repeat(Record(ChangeCipherSpec, U8(1), Tls12Record), 33).ToArray())), "server_hello(TLS 1.3), encrypted, close", KeepOpen: true);
        yield return new("TLS 1.3 ClientHello then an empty alert record (item 8)", Concat(Tls13().Record(), Record(Alert, Array.Empty<byte>())), KeepOpen: true);
        yield return new(PlaintextAlertAfterServerHello13, Concat(Tls13().Record(), Record(Alert, Hex("022f"))), ServerHello13, KeepOpen: true);
        yield return new("TLS 1.3 ClientHello then a plaintext Finished", Concat(Tls13().Record(), Record(Handshake, Message(20, new byte[32]))), KeepOpen: true);
        yield return new("TLS 1.2 ClientHello then Finished (item 8: skipped message)", Concat(Tls12().Record(), Record(Handshake, Message(20, new byte[12]), Tls12Record)), "server_hello(0x0303), fatal unexpected_message", KeepOpen: true);
        yield return new("TLS 1.2 ClientHello then Certificate unasked (item 8: skipped message)", Concat(Tls12().Record(), Record(Handshake, Message(11, U24(0)), Tls12Record)), "server_hello(0x0303), fatal unexpected_message", KeepOpen: true);
        yield return new("TLS 1.2 ClientHello then change_cipher_spec", Concat(Tls12().Record(), Record(ChangeCipherSpec, U8(1), Tls12Record)), "server_hello(0x0303), fatal unexpected_message", KeepOpen: true);
        yield return new("TLS 1.2 ClientHello then a record of version 0x0301", Concat(Tls12().Record(), Record(Handshake, Message(16, new byte[66]))), "server_hello(0x0303), fatal protocol_version", KeepOpen: true);
        yield return new("TLS 1.2 ClientHello then application data", Concat(Tls12().Record(), Record(ApplicationData, U8(0x41), Tls12Record)), "server_hello(0x0303), fatal unexpected_message", KeepOpen: true);
        yield return new("TLS 1.2 ClientHello then a second ClientHello", Concat(Tls12().Record(), Record(Handshake, Tls12().Message(), Tls12Record)), "server_hello(0x0303), fatal unexpected_message", KeepOpen: true);
    }

    /// <summary>Every cut of the ClientHello's body: the message and record say the cut length, so each is a whole, short message.</summary>
    public static IEnumerable<(int Cut, byte[] Bytes)> BodyCuts(ClientHelloBuilder hello)
    {
        int length = hello.Body().Length;
        for (int cut = 0; cut < length; cut++)
        {
            yield return (cut, CutBody(hello, cut));
        }
    }

    public static byte[] CutBody(ClientHelloBuilder hello, int cut) => Record(Handshake, Message(1, hello.Body()[..cut]));

    private static byte[] Hello(Action<ClientHelloBuilder> change, bool tls13 = true)
    {
        var hello = tls13 ? Tls13() : Tls12();
        change(hello);
        return hello.Record();
    }

    /// <summary>The message's first 10 bytes, <paramref name="between"/>, then the rest.</summary>
    private static byte[] Split(byte[] message, byte[] between) =>
        Concat(Record(Handshake, message[..10]), between, Record(Handshake, message[10..]));

    /// <summary>A ClientHello made exactly <paramref name="size"/> bytes long (header included) with the padding extension.</summary>
    private static byte[] Padded(ClientHelloBuilder hello, int size)
    {
        int bare = hello.Message().Length + 4;
        return hello.With(Padding, new byte[size - bare]).Message();
    }

    /// <summary>A ClientHello whose suite and extension vectors are as long as they can be (openssl's limit leaves room above it).</summary>
    private static byte[] Largest(ClientHelloBuilder hello)
    {
        int filler = 32_767 - hello.CipherSuites.Count;
        // Unassigned codes (TLS_FALLBACK_SCSV, 0x5600, left out): servers ignore them.
        hello.CipherSuites.AddRange(Enumerable.Range(0x1400, filler + 1).Where(s => s != 0x5600).Take(filler));
        int extensions = hello.Extensions.Sum(e => 4 + e.Data.Length);
        return hello.With(Padding, new byte[65_535 - extensions - 4]).Message();
    }

    /// <summary>The body with its extensions' length grown by <paramref name="extra"/>.</summary>
    private static byte[] Grow(byte[] body, int extra)
    {
        var b = (byte[])body.Clone();
        int at = ExtensionsLengthOffset(b);
        int length = (b[at] << 8 | b[at + 1]) + extra;
        b[at] = (byte)(length >> 8);
        b[at + 1] = (byte)length;
        return b;
    }

    private static int ExtensionsLengthOffset(byte[] body)
    {
        int at = 2 + 32;
        at += 1 + body[at];
        at += 2 + (body[at] << 8 | body[at + 1]);
        at += 1 + body[at];
        return at;
    }

    private static byte[] OddSuites(ClientHelloBuilder hello)
    {
        var b = hello.Body();
        int at = 2 + 32 + 1 + b[34];
        int length = (b[at] << 8 | b[at + 1]) - 1;
        b[at] = (byte)(length >> 8);
        b[at + 1] = (byte)length;
        return b;
    }

    /// <summary>An SSL 2.0-format ClientHello (RFC 5246 E.2) offering TLS 1.2 suites.</summary>
    private static byte[] SslV2ClientHello(params int[] suites)
    {
        var specs = suites.SelectMany(s => Concat(U8(0), U16(s))).ToArray();
        var challenge = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var body = Concat(U8(1), U16(0x0303), U16(specs.Length), U16(0), U16(challenge.Length), specs, challenge);
        return Concat(U16(0x8000 | body.Length), body);
    }
}
