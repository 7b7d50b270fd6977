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

    /// <param name="given">The faults asked for (-Fault).</param>
    /// <param name="o">What the rest of the configuration settled that a fault depends on.</param>
    public static FaultPlan Build(IReadOnlyList<TlsFault> given, FaultSettings o)
    {
        var faults = given.ToArray();
        var protocols = o.Protocols;
        int? chainLength = o.ChainLength;
        if (faults.Length == 0)
        {
            return None;
        }

        if (faults.Length > FaultLimit)
        {
            throw TlsServerException.Invalid(ErrorIds.TooManyFaults, $"A server takes at most {FaultLimit} faults; {faults.Length} were given.", faults.Length);
        }

        if (o.Engine == TlsEngine.System)
        {
            throw TlsServerException.NotSupported(ErrorIds.FaultsNeedBouncyCastleEngine,
                "Faults need the BouncyCastle engine: SslStream builds, hashes, encrypts and writes every handshake message inside .NET and the platform's TLS library, with no point between messages, no plaintext record and no signer to reach. Leave out -Engine System.",
                o.Engine);
        }

        if (protocols.Any(p => p is TlsProtocol.Dtls10 or TlsProtocol.Dtls12))
        {
            throw TlsServerException.NotSupported(ErrorIds.FaultsNotSupportedWithDtls,
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

    private static void Check(TlsFault fault, FaultSettings o, IReadOnlyList<TlsProtocol> protocols, int? chainLength)
    {
        var point = fault.Trigger?.Point;
        bool tls13 = protocols.Contains(TlsProtocol.Tls13);
        bool older = protocols.Any(p => p < TlsProtocol.Tls13);
        if (!tls13 && (fault.Kind is TlsFaultKind.KeyUpdateStorm or TlsFaultKind.MisplacedExtension or TlsFaultKind.HelloRetryRequest
            || point is TlsFaultPoint.HelloRetryRequest or TlsFaultPoint.EncryptedExtensions or TlsFaultPoint.CertificateVerify))
        {
            throw TlsServerException.Invalid(ErrorIds.FaultNeedsTls13, $"{fault} needs TLS 1.3, which this server does not allow.", fault);
        }

        if (!older && (fault.Kind == TlsFaultKind.DowngradeSentinel
            || point is TlsFaultPoint.ServerKeyExchange or TlsFaultPoint.ServerHelloDone or TlsFaultPoint.CertificateStatus))
        {
            throw TlsServerException.Invalid(ErrorIds.FaultNeedsTls12, $"{fault} needs TLS 1.2 or older, which this server does not allow.", fault);
        }

        if (o.NoCertificate && (fault.Kind is TlsFaultKind.CorruptSignature or TlsFaultKind.CertificateChain
            || point is TlsFaultPoint.Certificate or TlsFaultPoint.CertificateVerify))
        {
            throw TlsServerException.Invalid(ErrorIds.FaultNeedsCertificate, $"{fault} needs a server certificate, and the server has -NoCertificate.", fault);
        }

        if (fault.CertificateChain is TlsCertificateChainFault.Reversed or TlsCertificateChainFault.NoIntermediate && chainLength is 1)
        {
            throw TlsServerException.Invalid(ErrorIds.FaultChainTooShort,
                $"{fault} needs a chain of more than one certificate; the server's is its leaf alone. Give the intermediates with -ChainPath.", fault);
        }

        if (o.UnixSocket && (fault.Kind == TlsFaultKind.Reset || fault.Reset))
        {
            throw TlsServerException.Invalid(ErrorIds.FaultNeedsTcp, $"{fault} needs TCP: a Unix domain socket has no reset.", fault);
        }

        if (fault.Kind == TlsFaultKind.Stall && point is not (TlsFaultPoint.HandshakeComplete or TlsFaultPoint.ApplicationData)
            && fault.Delay >= o.HandshakeTimeout)
        {
            throw TlsServerException.Invalid(ErrorIds.FaultStallExceedsHandshakeTimeout,
                $"{fault} lasts as long as the handshake timeout ({o.HandshakeTimeout.TotalSeconds:0.###} s), so the server would give up first. Raise -HandshakeTimeoutSec.",
                fault);
        }

        if (fault.Kind == TlsFaultKind.NewSessionTicket && fault.Trigger is null && !tls13 && o.NoTicket)
        {
            throw TlsServerException.Invalid(ErrorIds.FaultNeedsSessionTickets,
                $"{fault} replaces the TLS 1.2 ticket, and the server has -NoTicket; allow TLS 1.3, or give the fault a point (-After).", fault);
        }
    }

    private static void CheckConflicts(TlsFault[] faults, FaultSettings o)
    {
        foreach (var kind in OncePerServer)
        {
            if (faults.Count(f => f.Kind == kind) > 1)
            {
                throw TlsServerException.Invalid(ErrorIds.FaultsConflict, $"{kind} is given more than once; give it once.", kind);
            }
        }

        if (faults.Any(f => f.Kind == TlsFaultKind.SplitRecords) && faults.Any(f => f.Kind == TlsFaultKind.PackHandshakeMessages))
        {
            throw TlsServerException.Invalid(ErrorIds.FaultsConflict, "SplitRecords and PackHandshakeMessages cut records in opposite ways; give one.", faults);
        }

        if (o.NonBlockingTest && faults.Any(f => f.Kind == TlsFaultKind.Dribble))
        {
            throw TlsServerException.Invalid(ErrorIds.FaultsConflict, "Dribble and -NonBlockingTest both choose how the server's writes are cut; give one.", faults);
        }

        if (faults.Length > 1 && faults.Any(f => f.Kind == TlsFaultKind.IgnoreClientHello))
        {
            throw TlsServerException.Invalid(ErrorIds.FaultsConflict, "IgnoreClientHello sends nothing at all, so no other fault could show; give it alone.", faults);
        }
    }
}
