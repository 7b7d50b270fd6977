using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;

namespace TlsServer.PowerShell.Commands;

/// <summary>
/// Makes a fault for Start-TlsServer -Fault: one parameter set per fault, named after its one mandatory parameter, so
/// each fault is one switch or value (New-TlsFault -NoCloseNotify, New-TlsFault -After ServerHello -SendAlert internal_error).
/// </summary>
[Cmdlet(VerbsCommon.New, "TlsFault", DefaultParameterSetName = SendAlertSet)]
[OutputType(typeof(TlsFault))]
public sealed class NewTlsFaultCommand : PSCmdlet
{
    private const string SendAlertSet = "SendAlert";
    private const string NoCloseNotifySet = "NoCloseNotify";
    private const string ResetSet = "Reset";
    private const string HalfCloseSet = "HalfClose";
    private const string TruncateAfterSet = "TruncateAfter";
    private const string SplitRecordsSet = "SplitRecords";
    private const string PackHandshakeMessagesSet = "PackHandshakeMessages";
    private const string EmptyRecordsSet = "EmptyRecords";
    private const string ChangeCipherSpecSet = "ChangeCipherSpec";
    private const string OversizedRecordSet = "OversizedRecord";
    private const string RecordVersionSet = "RecordVersion";
    private const string CorruptSignatureSet = "CorruptSignature";
    private const string CorruptFinishedSet = "CorruptFinished";
    private const string SendAlpnSet = "SendAlpn";
    private const string UnsolicitedExtensionSet = "UnsolicitedExtension";
    private const string DuplicateExtensionSet = "DuplicateExtension";
    private const string MisplacedExtensionSet = "MisplacedExtension";
    private const string HelloRetryRequestSet = "HelloRetryRequest";
    private const string DowngradeSentinelSet = "DowngradeSentinel";
    private const string CertificateChainSet = "CertificateChain";
    private const string StallSet = "Stall";
    private const string DribbleSet = "Dribble";
    private const string IgnoreClientHelloSet = "IgnoreClientHello";
    private const string KeyUpdateStormSet = "KeyUpdateStorm";
    private const string NewSessionTicketSet = "NewSessionTicket";
    private const string HelloRequestSet = "HelloRequest";

    // --- Alerts and closes

    [Parameter(Mandatory = true, ParameterSetName = SendAlertSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AlertDescriptionCompleter))]
    public string SendAlert { get; set; } = string.Empty;

    [Parameter(ParameterSetName = SendAlertSet)]
    public TlsAlertLevel Level { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = NoCloseNotifySet)]
    public SwitchParameter NoCloseNotify { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ResetSet)]
    [Parameter(ParameterSetName = TruncateAfterSet)]
    public SwitchParameter Reset { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = HalfCloseSet)]
    public SwitchParameter HalfClose { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = TruncateAfterSet)]
    [ValidateRange(0, TlsFault.MaxTruncateAfter)]
    public int TruncateAfter { get; set; }

    // --- Records

    [Parameter(Mandatory = true, ParameterSetName = SplitRecordsSet)]
    [ValidateRange(1, TlsFault.MaxRecordPlaintext)]
    public int SplitRecords { get; set; }

    [Parameter(ParameterSetName = SplitRecordsSet)]
    [Parameter(ParameterSetName = EmptyRecordsSet)]
    [ValidateNotNullOrEmpty]
    public TlsRecordType[]? RecordType { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PackHandshakeMessagesSet)]
    public SwitchParameter PackHandshakeMessages { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = EmptyRecordsSet)]
    [ValidateRange(1, TlsFault.MaxEmptyRecords)]
    public int EmptyRecords { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ChangeCipherSpecSet)]
    public SwitchParameter ChangeCipherSpec { get; set; }

    [Parameter(ParameterSetName = ChangeCipherSpecSet)]
    [ValidateRange(1, TlsFault.MaxChangeCipherSpecs)]
    public int Count { get; set; } = 1;

    [Parameter(ParameterSetName = ChangeCipherSpecSet)]
    public SwitchParameter Plaintext { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = OversizedRecordSet)]
    public SwitchParameter OversizedRecord { get; set; }

    [Parameter(ParameterSetName = OversizedRecordSet)]
    [ValidateRange(TlsFault.MaxRecordPlaintext + 1, TlsFault.MaxOversizedLength)]
    public int Length { get; set; } = TlsFault.DefaultOversizedLength;

    [Parameter(Mandatory = true, ParameterSetName = RecordVersionSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RecordVersionCompleter))]
    public string RecordVersion { get; set; } = string.Empty;

    // --- Handshake content

    [Parameter(Mandatory = true, ParameterSetName = CorruptSignatureSet)]
    public SwitchParameter CorruptSignature { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CorruptFinishedSet)]
    public SwitchParameter CorruptFinished { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = SendAlpnSet)]
    [ValidateNotNullOrEmpty]
    public string SendAlpn { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = UnsolicitedExtensionSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ExtensionTypeCompleter))]
    public string UnsolicitedExtension { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = DuplicateExtensionSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ExtensionTypeCompleter))]
    public string DuplicateExtension { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = MisplacedExtensionSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ExtensionTypeCompleter))]
    public string MisplacedExtension { get; set; } = string.Empty;

    [Parameter(ParameterSetName = UnsolicitedExtensionSet)]
    [Parameter(ParameterSetName = MisplacedExtensionSet)]
    [ValidateNotNull]
    public byte[]? ExtensionData { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = HelloRetryRequestSet)]
    public SwitchParameter HelloRetryRequest { get; set; }

    [Parameter(ParameterSetName = HelloRetryRequestSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(GroupCompleter))]
    public string? Group { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DowngradeSentinelSet)]
    public SwitchParameter DowngradeSentinel { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CertificateChainSet)]
    public TlsCertificateChainFault CertificateChain { get; set; }

    // --- Time

    [Parameter(Mandatory = true, ParameterSetName = StallSet)]
    [ValidateRange(1, TlsFault.MaxStallMilliseconds)]
    public int Stall { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DribbleSet)]
    public SwitchParameter Dribble { get; set; }

    [Parameter(ParameterSetName = DribbleSet)]
    [ValidateRange(0, TlsFault.MaxDribbleIntervalMilliseconds)]
    public int Interval { get; set; } = 1;

    [Parameter(ParameterSetName = DribbleSet)]
    [ValidateRange(1, TlsFault.MaxRecordPlaintext)]
    public int ChunkSize { get; set; } = 1;

    [Parameter(Mandatory = true, ParameterSetName = IgnoreClientHelloSet)]
    public SwitchParameter IgnoreClientHello { get; set; }

    // --- Post-handshake

    [Parameter(Mandatory = true, ParameterSetName = KeyUpdateStormSet)]
    [ValidateRange(1, TlsFault.MaxKeyUpdates)]
    public int KeyUpdateStorm { get; set; }

    [Parameter(ParameterSetName = KeyUpdateStormSet)]
    public SwitchParameter RequestPeerUpdate { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = NewSessionTicketSet)]
    public TlsTicketFault NewSessionTicket { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = HelloRequestSet)]
    public SwitchParameter HelloRequest { get; set; }

    // --- Where

    [Parameter(ParameterSetName = SendAlertSet)]
    [Parameter(ParameterSetName = ResetSet)]
    [Parameter(ParameterSetName = HalfCloseSet)]
    [Parameter(ParameterSetName = TruncateAfterSet)]
    [Parameter(ParameterSetName = SplitRecordsSet)]
    [Parameter(ParameterSetName = EmptyRecordsSet)]
    [Parameter(ParameterSetName = ChangeCipherSpecSet)]
    [Parameter(ParameterSetName = OversizedRecordSet)]
    [Parameter(ParameterSetName = RecordVersionSet)]
    [Parameter(ParameterSetName = StallSet)]
    [Parameter(ParameterSetName = DribbleSet)]
    [Parameter(ParameterSetName = KeyUpdateStormSet)]
    [Parameter(ParameterSetName = NewSessionTicketSet)]
    [Parameter(ParameterSetName = HelloRequestSet)]
    public TlsFaultPoint After { get; set; }

    [Parameter(ParameterSetName = SendAlertSet)]
    [Parameter(ParameterSetName = ResetSet)]
    [Parameter(ParameterSetName = HalfCloseSet)]
    [Parameter(ParameterSetName = TruncateAfterSet)]
    [Parameter(ParameterSetName = EmptyRecordsSet)]
    [Parameter(ParameterSetName = ChangeCipherSpecSet)]
    [Parameter(ParameterSetName = OversizedRecordSet)]
    [Parameter(ParameterSetName = StallSet)]
    [Parameter(ParameterSetName = DribbleSet)]
    [Parameter(ParameterSetName = HelloRequestSet)]
    public TlsFaultPoint Before { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(Create(Point()));
        }
        catch (TlsServerException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
        }
    }

    private TlsFault Create(TlsFaultTrigger? at) => ParameterSetName switch
    {
        SendAlertSet => TlsFault.SendAlert(SendAlert, Bound(nameof(Level)) ? Level : null, at),
        NoCloseNotifySet => TlsFault.NoCloseNotify(),
        ResetSet => TlsFault.ResetConnection(at),
        HalfCloseSet => TlsFault.HalfClose(at),
        TruncateAfterSet => TlsFault.TruncateAfter(TruncateAfter, Reset, at),
        SplitRecordsSet => TlsFault.SplitRecords(SplitRecords, RecordType, at),
        PackHandshakeMessagesSet => TlsFault.PackHandshakeMessages(),
        EmptyRecordsSet => TlsFault.EmptyRecords(EmptyRecords, OneRecordType(), at),
        ChangeCipherSpecSet => TlsFault.ChangeCipherSpec(Count, Plaintext, at),
        OversizedRecordSet => TlsFault.OversizedRecord(Length, at),
        RecordVersionSet => TlsFault.RecordVersionFault(RecordVersion, at),
        CorruptSignatureSet => TlsFault.CorruptSignature(),
        CorruptFinishedSet => TlsFault.CorruptFinished(),
        SendAlpnSet => TlsFault.SendAlpn(SendAlpn),
        UnsolicitedExtensionSet => TlsFault.UnsolicitedExtension(UnsolicitedExtension, ExtensionData),
        DuplicateExtensionSet => TlsFault.DuplicateExtension(DuplicateExtension),
        MisplacedExtensionSet => TlsFault.MisplacedExtension(MisplacedExtension, ExtensionData),
        HelloRetryRequestSet => TlsFault.HelloRetryRequest(Group),
        DowngradeSentinelSet => TlsFault.DowngradeSentinel(),
        CertificateChainSet => TlsFault.CertificateChainFault(CertificateChain),
        StallSet => TlsFault.Stall(TimeSpan.FromMilliseconds(Stall), at),
        DribbleSet => TlsFault.Dribble(TimeSpan.FromMilliseconds(Interval), ChunkSize, at),
        IgnoreClientHelloSet => TlsFault.IgnoreClientHello(),
        KeyUpdateStormSet => TlsFault.KeyUpdateStorm(KeyUpdateStorm, RequestPeerUpdate, at),
        NewSessionTicketSet => TlsFault.NewSessionTicket(NewSessionTicket, at),
        _ => TlsFault.HelloRequest(at),
    };

    /// <summary>-After or -Before, at most one; null for the fault's default.</summary>
    private TlsFaultTrigger? Point()
    {
        bool after = Bound(nameof(After)), before = Bound(nameof(Before));
        if (after && before)
        {
            throw new TlsServerException(ErrorIds.FaultPointNotAllowed, ErrorKind.InvalidArgument,
                "Give -After or -Before, not both: a fault acts at one point.", null);
        }

        return after ? TlsFaultTrigger.After(After) : before ? TlsFaultTrigger.Before(Before) : null;
    }

    private TlsRecordType OneRecordType() => RecordType switch
    {
        null => TlsRecordType.Handshake,
        { Length: 1 } one => one[0],
        _ => throw new TlsServerException(ErrorIds.FaultRecordTypeNotAllowed, ErrorKind.InvalidArgument,
            "EmptyRecords takes one -RecordType: Handshake or ApplicationData. Make one fault per type.", RecordType),
    };

    private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
}
