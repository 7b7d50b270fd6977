using TlsServer.Engine.Faults;
using TlsServer.Engine.Registry;

namespace TlsServer.Engine;

/// <summary>The factories: one per kind, each checking its settings (TlsServerException with a stable id).</summary>
public sealed partial class TlsFault
{
    public const int MaxRecordPlaintext = 16_384;
    public const int MaxTruncateAfter = 1024 * 1024;
    public const int MaxEmptyRecords = 1000;
    public const int MaxChangeCipherSpecs = 100;
    public const int DefaultOversizedLength = MaxRecordPlaintext + 1;
    public const int MaxOversizedLength = 65_000;
    public const int MaxStallMilliseconds = 600_000;
    public const int MaxDribbleIntervalMilliseconds = 1000;
    public const int MaxKeyUpdates = 10_000;

    /// <summary>An alert by its RFC name (internal_error) or its code (0-255); the level defaults to RFC 8446 6's.</summary>
    public static TlsFault SendAlert(string description, TlsAlertLevel? level = null, TlsFaultTrigger? at = null)
    {
        if (!TlsAlertDescriptions.TryGetCode(description, out int code)
            && !(int.TryParse(description, out code) && code is >= 0 and <= 255))
        {
            throw TlsServerException.Invalid(ErrorIds.UnknownAlertDescription,
                $"'{description}' is not a TLS alert. Use one of: {string.Join(", ", TlsAlertDescriptions.Names)}; or a code from 0 to 255.", description);
        }

        return SendAlert(code, level, at);
    }

    public static TlsFault SendAlert(int code, TlsAlertLevel? level = null, TlsFaultTrigger? at = null)
    {
        Range(code, 0, 255, "alert code");
        return new(TlsFaultKind.SendAlert, Point(TlsFaultKind.SendAlert, at, TlsFaultPoint.ClientHello),
            new Settings(AlertLevel: level ?? TlsAlertDescriptions.DefaultLevel(code), AlertCode: code));
    }

    public static TlsFault NoCloseNotify() => new(TlsFaultKind.NoCloseNotify, null, default);

    public static TlsFault ResetConnection(TlsFaultTrigger? at = null) =>
        new(TlsFaultKind.Reset, Point(TlsFaultKind.Reset, at, TlsFaultPoint.ClientHello), default);

    public static TlsFault HalfClose(TlsFaultTrigger? at = null) =>
        new(TlsFaultKind.HalfClose, Point(TlsFaultKind.HalfClose, at, TlsFaultPoint.ClientHello), default);

    /// <summary><paramref name="bytes"/> more bytes from the point, then FIN, or a TCP reset with <paramref name="reset"/>.</summary>
    public static TlsFault TruncateAfter(int bytes, bool reset = false, TlsFaultTrigger? at = null)
    {
        Range(bytes, 0, MaxTruncateAfter, "byte count");
        return new(TlsFaultKind.TruncateAfter, Point(TlsFaultKind.TruncateAfter, at, TlsFaultPoint.ClientHello),
            new Settings(Length: bytes, Reset: reset));
    }

    /// <summary>Records of <paramref name="types"/> (default Handshake and ApplicationData) cut to <paramref name="size"/> bytes, from <paramref name="from"/> on.</summary>
    public static TlsFault SplitRecords(int size, IEnumerable<TlsRecordType>? types = null, TlsFaultTrigger? from = null)
    {
        Range(size, 1, MaxRecordPlaintext, "record size");
        var list = types?.Distinct().ToArray() is { Length: > 0 } given ? given : new[] { TlsRecordType.Handshake, TlsRecordType.ApplicationData };
        return new(TlsFaultKind.SplitRecords, from is null ? null : Point(TlsFaultKind.SplitRecords, from, TlsFaultPoint.ClientHello),
            new Settings(Length: size, RecordTypes: list));
    }

    public static TlsFault PackHandshakeMessages() => new(TlsFaultKind.PackHandshakeMessages, null, default);

    /// <summary><paramref name="count"/> empty records of <paramref name="type"/> (Handshake or ApplicationData).</summary>
    public static TlsFault EmptyRecords(int count, TlsRecordType type = TlsRecordType.Handshake, TlsFaultTrigger? at = null)
    {
        Range(count, 1, MaxEmptyRecords, "record count");
        if (type is not (TlsRecordType.Handshake or TlsRecordType.ApplicationData))
        {
            throw TlsServerException.Invalid(ErrorIds.FaultRecordTypeNotAllowed, $"EmptyRecords sends Handshake or ApplicationData records, not {type}.", type);
        }

        return new(TlsFaultKind.EmptyRecords, Point(TlsFaultKind.EmptyRecords, at, TlsFaultPoint.ServerHello),
            new Settings(Count: count, RecordTypes: new[] { type }));
    }

    /// <summary><paramref name="count"/> ChangeCipherSpec records; under keys they are encrypted unless <paramref name="plaintext"/>.</summary>
    public static TlsFault ChangeCipherSpec(int count = 1, bool plaintext = false, TlsFaultTrigger? at = null)
    {
        Range(count, 1, MaxChangeCipherSpecs, "record count");
        return new(TlsFaultKind.ChangeCipherSpec, Point(TlsFaultKind.ChangeCipherSpec, at, TlsFaultPoint.ServerHello),
            new Settings(Count: count, Plaintext: plaintext));
    }

    /// <summary>One record of <paramref name="length"/> plaintext bytes (more than 2^14).</summary>
    public static TlsFault OversizedRecord(int length = DefaultOversizedLength, TlsFaultTrigger? at = null)
    {
        Range(length, MaxRecordPlaintext + 1, MaxOversizedLength, "record length");
        return new(TlsFaultKind.OversizedRecord, Point(TlsFaultKind.OversizedRecord, at, TlsFaultPoint.ClientHello), new Settings(Length: length));
    }

    /// <summary>Every record header from <paramref name="from"/> on carries <paramref name="version"/> (TLSv1.0, 0x0301…).</summary>
    public static TlsFault RecordVersionFault(string version, TlsFaultTrigger? from = null) =>
        RecordVersions.TryParse(version, out int value)
            ? RecordVersionFault(value, from)
            : throw TlsServerException.Invalid(ErrorIds.RecordVersionInvalid,
                $"'{version}' is not a record version. Use SSLv3, TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3 or a 0x-hex value such as 0x0200.", version);

    public static TlsFault RecordVersionFault(int version, TlsFaultTrigger? from = null)
    {
        Range(version, 0, 0xffff, "record version");
        return new(TlsFaultKind.RecordVersion, from is null ? null : Point(TlsFaultKind.RecordVersion, from, TlsFaultPoint.ClientHello),
            new Settings(RecordVersion: version));
    }

    public static TlsFault CorruptSignature() => new(TlsFaultKind.CorruptSignature, null, default);

    public static TlsFault CorruptFinished() => new(TlsFaultKind.CorruptFinished, null, default);

    public static TlsFault SendAlpn(string protocol)
    {
        if (string.IsNullOrEmpty(protocol) || System.Text.Encoding.UTF8.GetByteCount(protocol) > 255)
        {
            throw TlsServerException.Invalid(ErrorIds.AlpnProtocolInvalid, "An ALPN protocol name has 1 to 255 bytes.", protocol);
        }

        return new(TlsFaultKind.SendAlpn, null, new Settings(Alpn: protocol));
    }

    /// <summary>An extension (name, or number) the client did not offer, with <paramref name="data"/> (default: empty).</summary>
    public static TlsFault UnsolicitedExtension(string extension, byte[]? data = null) =>
        new(TlsFaultKind.UnsolicitedExtension, null, new Settings(ExtensionType: Extension(extension), ExtensionData: CheckData(data)));

    /// <summary>An extension the server sends, sent twice.</summary>
    public static TlsFault DuplicateExtension(string extension) =>
        new(TlsFaultKind.DuplicateExtension, null, new Settings(ExtensionType: Extension(extension)));

    /// <summary>TLS 1.3: an extension RFC 8446 does not allow in EncryptedExtensions (key_share, supported_versions…), sent there.</summary>
    public static TlsFault MisplacedExtension(string extension, byte[]? data = null)
    {
        int type = Extension(extension);
        if (ExtensionTypes.AllowedInEncryptedExtensions(type))
        {
            throw TlsServerException.Invalid(ErrorIds.ExtensionAllowedInEncryptedExtensions,
                $"{ExtensionTypes.Name(type)} belongs in EncryptedExtensions (RFC 8446 4.2). Use one that does not, such as key_share, supported_versions or signature_algorithms.",
                extension);
        }

        return new(TlsFaultKind.MisplacedExtension, null, new Settings(ExtensionType: type, ExtensionData: CheckData(data)));
    }

    /// <summary>TLS 1.3: a HelloRetryRequest; for <paramref name="group"/> when given (offered by the client or not).</summary>
    public static TlsFault HelloRetryRequest(string? group = null) =>
        new(TlsFaultKind.HelloRetryRequest, null, new Settings(Group: string.IsNullOrWhiteSpace(group) ? null : group.Trim()));

    public static TlsFault DowngradeSentinel() => new(TlsFaultKind.DowngradeSentinel, null, default);

    public static TlsFault CertificateChainFault(TlsCertificateChainFault chain) =>
        new(TlsFaultKind.CertificateChain, null, new Settings(CertificateChain: chain));

    public static TlsFault Stall(TimeSpan delay, TlsFaultTrigger? at = null)
    {
        Range((long)delay.TotalMilliseconds, 1, MaxStallMilliseconds, "stall in milliseconds");
        return new(TlsFaultKind.Stall, Point(TlsFaultKind.Stall, at, TlsFaultPoint.ClientHello), new Settings(Delay: delay));
    }

    /// <summary>From the point on, <paramref name="chunkSize"/> bytes at a time, <paramref name="interval"/> apart.</summary>
    public static TlsFault Dribble(TimeSpan interval, int chunkSize = 1, TlsFaultTrigger? at = null)
    {
        Range((long)interval.TotalMilliseconds, 0, MaxDribbleIntervalMilliseconds, "interval in milliseconds");
        Range(chunkSize, 1, MaxRecordPlaintext, "chunk size");
        return new(TlsFaultKind.Dribble, Point(TlsFaultKind.Dribble, at, TlsFaultPoint.ClientHello), new Settings(Length: chunkSize, Delay: interval));
    }

    public static TlsFault IgnoreClientHello() => new(TlsFaultKind.IgnoreClientHello, TlsFaultTrigger.After(TlsFaultPoint.ClientHello), default);

    /// <summary>TLS 1.3: <paramref name="count"/> KeyUpdate messages after HandshakeComplete or ApplicationData.</summary>
    public static TlsFault KeyUpdateStorm(int count, bool requestPeerUpdate = false, TlsFaultTrigger? at = null)
    {
        Range(count, 1, MaxKeyUpdates, "KeyUpdate count");
        return new(TlsFaultKind.KeyUpdateStorm, Point(TlsFaultKind.KeyUpdateStorm, at, TlsFaultPoint.HandshakeComplete),
            new Settings(Count: count, RequestPeerUpdate: requestPeerUpdate));
    }

    /// <summary>
    /// Without a point: TLS 1.2 sends it in place of the ticket the client asked for, TLS 1.3 after HandshakeComplete.
    /// With one: sent there, in any version.
    /// </summary>
    public static TlsFault NewSessionTicket(TlsTicketFault ticket, TlsFaultTrigger? at = null) =>
        new(TlsFaultKind.NewSessionTicket, at is null ? null : Point(TlsFaultKind.NewSessionTicket, at, TlsFaultPoint.HandshakeComplete),
            new Settings(Ticket: ticket));

    public static TlsFault HelloRequest(TlsFaultTrigger? at = null) =>
        new(TlsFaultKind.HelloRequest, Point(TlsFaultKind.HelloRequest, at, TlsFaultPoint.ServerHello), default);

    /// <summary>The trigger given, or the kind's default; refuses a point the kind cannot act at.</summary>
    private static TlsFaultTrigger Point(TlsFaultKind kind, TlsFaultTrigger? given, TlsFaultPoint fallback)
    {
        var trigger = given ?? TlsFaultTrigger.After(fallback);
        bool afterOnly = trigger.Point is TlsFaultPoint.ClientHello or TlsFaultPoint.HandshakeComplete or TlsFaultPoint.ApplicationData;
        if (trigger.Position == TlsFaultPosition.Before && afterOnly)
        {
            throw TlsServerException.Invalid(ErrorIds.FaultPointNotAllowed, $"{trigger.Point} takes -After only: the server sends nothing that it could come before.", trigger);
        }

        if (trigger.Position == TlsFaultPosition.Before && kind is TlsFaultKind.SplitRecords or TlsFaultKind.RecordVersion)
        {
            throw TlsServerException.Invalid(ErrorIds.FaultPointNotAllowed, $"{kind} changes every record from a point on: give -After.", trigger);
        }

        if (kind == TlsFaultKind.KeyUpdateStorm && trigger.Point is not (TlsFaultPoint.HandshakeComplete or TlsFaultPoint.ApplicationData))
        {
            throw TlsServerException.Invalid(ErrorIds.FaultPointNotAllowed, "KeyUpdate is a post-handshake message: use -After HandshakeComplete or -After ApplicationData.", trigger);
        }

        return trigger;
    }

    private static int Extension(string extension) =>
        ExtensionTypes.TryParse(extension ?? string.Empty, out int type)
            ? type
            : throw TlsServerException.Invalid(ErrorIds.UnknownExtensionType,
                $"'{extension}' is not a TLS extension. Use an IANA name such as {string.Join(", ", ExtensionTypes.Names.Take(6))}…, or a number from 0 to 65535.",
                extension);

    private static byte[]? CheckData(byte[]? data) =>
        data is { Length: > 0xffff } ? throw TlsServerException.Invalid(ErrorIds.ExtensionDataTooLong, "Extension data holds at most 65535 bytes.", data.Length) : data;

    private static void Range(long value, long minimum, long maximum, string what)
    {
        if (value < minimum || value > maximum)
        {
            throw TlsServerException.Invalid(ErrorIds.FaultSettingOutOfRange, $"The {what} {value} is not between {minimum} and {maximum}.", value);
        }
    }
}
