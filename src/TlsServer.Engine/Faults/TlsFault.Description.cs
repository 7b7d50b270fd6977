using TlsServer.Engine.Faults;

namespace TlsServer.Engine;

/// <summary>Each fault in words, as Get-TlsServer and the session's events show it.</summary>
public sealed partial class TlsFault
{
    private string Describe()
    {
        string at = Trigger?.ToString() ?? string.Empty;
        string from = Trigger is null ? string.Empty : $" from {at} on";
        return Kind switch
        {
            TlsFaultKind.SendAlert => $"{AlertLevel!.Value.ToString().ToLowerInvariant()} {AlertDescription} {at}",
            TlsFaultKind.NoCloseNotify => "close without close_notify, and no answer to the client's",
            TlsFaultKind.Reset => $"TCP reset {at}",
            TlsFaultKind.HalfClose => $"FIN {at}, nothing more sent, still reading",
            TlsFaultKind.TruncateAfter => $"{Length} more bytes {at}, then {(Reset ? "a TCP reset" : "FIN")}",
            TlsFaultKind.SplitRecords => $"{Types()} records split to {Bytes(Length!.Value)}{from}",
            TlsFaultKind.PackHandshakeMessages => "the handshake messages of each flight packed into as few records as fit",
            TlsFaultKind.EmptyRecords => $"{Count} empty {Types()} record{Plural(Count!.Value)} {at}",
            TlsFaultKind.ChangeCipherSpec => $"{Count} unexpected ChangeCipherSpec record{Plural(Count!.Value)}{(Plaintext ? " in plaintext" : string.Empty)} {at}",
            TlsFaultKind.OversizedRecord => $"a record of {Length} plaintext bytes {at}",
            TlsFaultKind.RecordVersion => $"record version {RecordVersions.Text(RecordVersion!.Value)} in every record header{from}",
            TlsFaultKind.CorruptSignature => "a wrong ServerKeyExchange (TLS 1.2) or CertificateVerify (TLS 1.3) signature",
            TlsFaultKind.CorruptFinished => "a wrong verify_data in the server's Finished",
            TlsFaultKind.SendAlpn => $"ALPN '{Alpn}' selected whatever the client offered",
            TlsFaultKind.UnsolicitedExtension => $"{ExtensionName} sent though the client did not offer it",
            TlsFaultKind.DuplicateExtension => $"{ExtensionName} sent twice",
            TlsFaultKind.MisplacedExtension => $"{ExtensionName} in EncryptedExtensions (TLS 1.3)",
            TlsFaultKind.HelloRetryRequest => Group is null ? "a HelloRetryRequest the server did not need (TLS 1.3)" : $"a HelloRetryRequest for {Group} (TLS 1.3)",
            TlsFaultKind.DowngradeSentinel => "the TLS 1.3 downgrade sentinel in the ServerHello random of an older version",
            TlsFaultKind.CertificateChain => CertificateChain switch
            {
                TlsCertificateChainFault.Reversed => "the certificate chain in reverse order",
                TlsCertificateChainFault.ExtraCertificate => "the certificate chain with an unrelated certificate after it",
                TlsCertificateChainFault.NoIntermediate => "the leaf certificate without its intermediates",
                _ => "an empty Certificate message",
            },
            TlsFaultKind.Stall => $"a {Delay!.Value.TotalMilliseconds:0} ms stall {at}",
            TlsFaultKind.Dribble => $"everything {at} sent {Bytes(Length!.Value)} at a time, {Delay!.Value.TotalMilliseconds:0} ms apart",
            TlsFaultKind.IgnoreClientHello => "no answer to the ClientHello: nothing sent at all",
            TlsFaultKind.KeyUpdateStorm =>
                $"{Count} KeyUpdate message{Plural(Count!.Value)} {at}{(RequestPeerUpdate ? ", each asking for the client's" : string.Empty)} (TLS 1.3)",
            TlsFaultKind.NewSessionTicket =>
                $"{(Ticket == TlsTicketFault.Malformed ? "a malformed NewSessionTicket" : "a NewSessionTicket with a random ticket")} {(Trigger is null ? "in place of the server's" : at)}",
            _ => $"a HelloRequest {at}",
        };
    }

    private string Types() => string.Join(" and ", RecordTypes);

    private static string Bytes(int count) => count == 1 ? "1 byte" : $"{count} bytes";

    private static string Plural(int count) => count == 1 ? string.Empty : "s";
}
