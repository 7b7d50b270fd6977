namespace TlsServer.Engine.Faults;

/// <summary>
/// A server's faults, checked once at start against what the server can do: a fault that could never apply is refused
/// with its reason, rather than left to do nothing. Engine-neutral; the BouncyCastle engine applies it.
/// </summary>
internal sealed class FaultPlan
{
    /// <summary>The most faults one server takes.</summary>
    public const int FaultLimit = 64;

    private static readonly TlsFaultKind[] OncePerServer =
    {
        TlsFaultKind.NoCloseNotify, TlsFaultKind.SplitRecords, TlsFaultKind.PackHandshakeMessages, TlsFaultKind.RecordVersion,
        TlsFaultKind.CorruptSignature, TlsFaultKind.CorruptFinished, TlsFaultKind.SendAlpn, TlsFaultKind.HelloRetryRequest,
        TlsFaultKind.DowngradeSentinel, TlsFaultKind.CertificateChain, TlsFaultKind.Dribble, TlsFaultKind.IgnoreClientHello,
    };

    private FaultPlan(IReadOnlyList<TlsFault> faults) => Faults = faults;

    public static FaultPlan None { get; } = new(Array.Empty<TlsFault>());

    public IReadOnlyList<TlsFault> Faults { get; }

    public bool IsEmpty => Faults.Count == 0;

    /// <param name="protocols">The versions the server allows, resolved.</param>
    /// <param name="chainLength">The main credential's chain length (leaf included); null without a certificate.</param>
    public static FaultPlan Build(ServerOptions o, IReadOnlyList<TlsProtocol> protocols, int? chainLength)
    {
        var faults = o.Faults.ToArray();
        if (faults.Length == 0)
        {
            return None;
        }

        if (faults.Length > FaultLimit)
        {
            throw Invalid("TooManyFaults", $"A server takes at most {FaultLimit} faults; {faults.Length} were given.", faults.Length);
        }

        if (o.Engine == TlsEngine.System)
        {
            throw new TlsServerException("FaultsNeedBouncyCastleEngine", ErrorKind.NotImplemented,
                "Faults need the BouncyCastle engine: SslStream builds, hashes, encrypts and writes every handshake message inside .NET and the platform's TLS library, with no point between messages, no plaintext record and no signer to reach. Leave out -Engine System.",
                o.Engine);
        }

        if (protocols.Any(p => p is TlsProtocol.Dtls10 or TlsProtocol.Dtls12))
        {
            throw new TlsServerException("FaultsNotSupportedWithDtls", ErrorKind.NotImplemented,
                "Faults are not available over DTLS: BouncyCastle's DTLS server writes its flights, retransmissions and records in internal code (DtlsServerProtocol, DtlsReliableHandshake, DtlsRecordLayer) that no subclass can reach.",
                protocols);
        }

        foreach (var fault in faults)
        {
            Check(fault, o, protocols, chainLength);
        }

        CheckConflicts(faults, o);
        return new FaultPlan(faults);
    }

    private static void Check(TlsFault fault, ServerOptions o, IReadOnlyList<TlsProtocol> protocols, int? chainLength)
    {
        var point = fault.Trigger?.Point;
        bool tls13 = protocols.Contains(TlsProtocol.Tls13);
        bool older = protocols.Any(p => p < TlsProtocol.Tls13);
        if (!tls13 && (fault.Kind is TlsFaultKind.KeyUpdateStorm or TlsFaultKind.MisplacedExtension or TlsFaultKind.HelloRetryRequest
            || point is TlsFaultPoint.HelloRetryRequest or TlsFaultPoint.EncryptedExtensions or TlsFaultPoint.CertificateVerify))
        {
            throw Invalid("FaultNeedsTls13", $"{fault} needs TLS 1.3, which this server does not allow.", fault);
        }

        if (!older && (fault.Kind == TlsFaultKind.DowngradeSentinel
            || point is TlsFaultPoint.ServerKeyExchange or TlsFaultPoint.ServerHelloDone or TlsFaultPoint.CertificateStatus))
        {
            throw Invalid("FaultNeedsTls12", $"{fault} needs TLS 1.2 or older, which this server does not allow.", fault);
        }

        if (o.NoCertificate && (fault.Kind is TlsFaultKind.CorruptSignature or TlsFaultKind.CertificateChain
            || point is TlsFaultPoint.Certificate or TlsFaultPoint.CertificateVerify))
        {
            throw Invalid("FaultNeedsCertificate", $"{fault} needs a server certificate, and the server has -NoCertificate.", fault);
        }

        if (fault.CertificateChain is TlsCertificateChainFault.Reversed or TlsCertificateChainFault.NoIntermediate && chainLength is 1)
        {
            throw Invalid("FaultChainTooShort",
                $"{fault} needs a chain of more than one certificate; the server's is its leaf alone. Give the intermediates with -ChainPath.", fault);
        }

        if (o.UnixSocket is not null && (fault.Kind == TlsFaultKind.Reset || fault.Reset))
        {
            throw Invalid("FaultNeedsTcp", $"{fault} needs TCP: a Unix domain socket has no reset.", fault);
        }

        if (fault.Kind == TlsFaultKind.Stall && point is not (TlsFaultPoint.HandshakeComplete or TlsFaultPoint.ApplicationData)
            && fault.Delay >= o.HandshakeTimeout)
        {
            throw Invalid("FaultStallExceedsHandshakeTimeout",
                $"{fault} lasts as long as the handshake timeout ({o.HandshakeTimeout.TotalSeconds:0.###} s), so the server would give up first. Raise -HandshakeTimeoutSec.",
                fault);
        }

        if (fault.Kind == TlsFaultKind.NewSessionTicket && fault.Trigger is null && !tls13 && o.NoTicket)
        {
            throw Invalid("FaultNeedsSessionTickets",
                $"{fault} replaces the TLS 1.2 ticket, and the server has -NoTicket; allow TLS 1.3, or give the fault a point (-After).", fault);
        }
    }

    private static void CheckConflicts(TlsFault[] faults, ServerOptions o)
    {
        foreach (var kind in OncePerServer)
        {
            if (faults.Count(f => f.Kind == kind) > 1)
            {
                throw Invalid("FaultsConflict", $"{kind} is given more than once; give it once.", kind);
            }
        }

        if (faults.Any(f => f.Kind == TlsFaultKind.SplitRecords) && faults.Any(f => f.Kind == TlsFaultKind.PackHandshakeMessages))
        {
            throw Invalid("FaultsConflict", "SplitRecords and PackHandshakeMessages cut records in opposite ways; give one.", faults);
        }

        if (o.NonBlockingTest && faults.Any(f => f.Kind == TlsFaultKind.Dribble))
        {
            throw Invalid("FaultsConflict", "Dribble and -NonBlockingTest both choose how the server's writes are cut; give one.", faults);
        }

        if (faults.Length > 1 && faults.Any(f => f.Kind == TlsFaultKind.IgnoreClientHello))
        {
            throw Invalid("FaultsConflict", "IgnoreClientHello sends nothing at all, so no other fault could show; give it alone.", faults);
        }
    }

    private static TlsServerException Invalid(string id, string message, object? target) => new(id, ErrorKind.InvalidArgument, message, target);
}
