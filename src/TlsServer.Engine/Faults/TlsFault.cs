using TlsServer.Engine.Registry;

namespace TlsServer.Engine;

/// <summary>
/// One way for the server to misbehave on purpose, to test a client's error paths: made by New-TlsFault or by the
/// static factories, given to a server with Start-TlsServer -Fault (<see cref="ServerOptions.Faults"/>), and applied to
/// every connection of that server. Immutable; it holds no per-connection state, so one fault may serve several servers.
/// What each connection made of it is on the session: <see cref="Session.FaultsApplied"/> and <see cref="Session.FaultsSkipped"/>.
/// </summary>
public sealed partial class TlsFault
{
    private readonly byte[]? _extensionData;

    private TlsFault(TlsFaultKind kind, TlsFaultTrigger? trigger, Settings settings)
    {
        Kind = kind;
        Trigger = trigger;
        AlertLevel = settings.AlertLevel;
        AlertCode = settings.AlertCode;
        Count = settings.Count;
        Length = settings.Length;
        Delay = settings.Delay;
        RecordTypes = settings.RecordTypes ?? Array.Empty<TlsRecordType>();
        Plaintext = settings.Plaintext;
        Reset = settings.Reset;
        RecordVersion = settings.RecordVersion;
        Alpn = settings.Alpn;
        ExtensionType = settings.ExtensionType;
        _extensionData = settings.ExtensionData?.ToArray();
        Group = settings.Group;
        CertificateChain = settings.CertificateChain;
        Ticket = settings.Ticket;
        RequestPeerUpdate = settings.RequestPeerUpdate;
        Description = Describe();
    }

    /// <summary>The New-TlsFault parameter that makes it, e.g. SendAlert or SplitRecords.</summary>
    public string Name => Kind.ToString();

    public TlsFaultKind Kind { get; }

    public TlsFaultFamily Family => FamilyOf(Kind);

    /// <summary>Where it acts (e.g. after ServerHello); for a fault that changes records, from where on; null for one that has no point.</summary>
    public TlsFaultTrigger? Trigger { get; }

    /// <summary>What it does, in words, e.g. "fatal internal_error after ServerHello".</summary>
    public string Description { get; }

    /// <summary>SendAlert: the level.</summary>
    public TlsAlertLevel? AlertLevel { get; }

    /// <summary>SendAlert: the alert's code.</summary>
    public int? AlertCode { get; }

    /// <summary>SendAlert: the alert's RFC name.</summary>
    public string? AlertDescription => AlertCode is { } code ? TlsAlertDescriptions.Name(code) : null;

    /// <summary>EmptyRecords, ChangeCipherSpec, KeyUpdateStorm: how many.</summary>
    public int? Count { get; }

    /// <summary>In bytes: SplitRecords' record size, TruncateAfter's byte count, OversizedRecord's plaintext length, Dribble's chunk.</summary>
    public int? Length { get; }

    /// <summary>Stall: the pause; Dribble: the pause between chunks.</summary>
    public TimeSpan? Delay { get; }

    /// <summary>SplitRecords, EmptyRecords: the record types it acts on.</summary>
    public IReadOnlyList<TlsRecordType> RecordTypes { get; }

    /// <summary>ChangeCipherSpec: the record goes out unencrypted even under keys.</summary>
    public bool Plaintext { get; }

    /// <summary>TruncateAfter: a TCP reset instead of FIN after the last byte.</summary>
    public bool Reset { get; }

    /// <summary>RecordVersion: the version written in each record header, e.g. 0x0301.</summary>
    public int? RecordVersion { get; }

    /// <summary>SendAlpn: the protocol the server selects.</summary>
    public string? Alpn { get; }

    /// <summary>UnsolicitedExtension, DuplicateExtension, MisplacedExtension: the extension type.</summary>
    public int? ExtensionType { get; }

    /// <summary>The extension's IANA name, e.g. key_share.</summary>
    public string? ExtensionName => ExtensionType is { } type ? ExtensionTypes.Name(type) : null;

    /// <summary>UnsolicitedExtension, MisplacedExtension: the extension's data as hex; null for the default.</summary>
    public string? ExtensionData => _extensionData is null ? null : Convert.ToHexString(_extensionData).ToLowerInvariant();

    /// <summary>HelloRetryRequest: the group it asks for; null for the group the server would have chosen.</summary>
    public string? Group { get; }

    /// <summary>CertificateChain: how the chain is changed.</summary>
    public TlsCertificateChainFault? CertificateChain { get; }

    /// <summary>NewSessionTicket: what is sent.</summary>
    public TlsTicketFault? Ticket { get; }

    /// <summary>KeyUpdateStorm: each KeyUpdate asks the client for one of its own.</summary>
    public bool RequestPeerUpdate { get; }

    internal byte[]? ExtensionBytes => _extensionData;

    public override string ToString() => $"{Name}: {Description}";

    public static TlsFaultFamily FamilyOf(TlsFaultKind kind) => kind switch
    {
        TlsFaultKind.SendAlert or TlsFaultKind.NoCloseNotify or TlsFaultKind.Reset or TlsFaultKind.HalfClose
            or TlsFaultKind.TruncateAfter => TlsFaultFamily.AlertsAndCloses,
        TlsFaultKind.SplitRecords or TlsFaultKind.PackHandshakeMessages or TlsFaultKind.EmptyRecords or TlsFaultKind.ChangeCipherSpec
            or TlsFaultKind.OversizedRecord or TlsFaultKind.RecordVersion => TlsFaultFamily.Records,
        TlsFaultKind.Stall or TlsFaultKind.Dribble or TlsFaultKind.IgnoreClientHello => TlsFaultFamily.Time,
        TlsFaultKind.KeyUpdateStorm or TlsFaultKind.NewSessionTicket or TlsFaultKind.HelloRequest => TlsFaultFamily.PostHandshake,
        _ => TlsFaultFamily.HandshakeContent,
    };

    /// <summary>The optional settings of the factories, gathered so the constructor stays one.</summary>
    private readonly record struct Settings(
        TlsAlertLevel? AlertLevel = null,
        int? AlertCode = null,
        int? Count = null,
        int? Length = null,
        TimeSpan? Delay = null,
        IReadOnlyList<TlsRecordType>? RecordTypes = null,
        bool Plaintext = false,
        bool Reset = false,
        int? RecordVersion = null,
        string? Alpn = null,
        int? ExtensionType = null,
        byte[]? ExtensionData = null,
        string? Group = null,
        TlsCertificateChainFault? CertificateChain = null,
        TlsTicketFault? Ticket = null,
        bool RequestPeerUpdate = false);
}
