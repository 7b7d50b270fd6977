using System.Security.Cryptography;
using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>KeyUpdate storms, bad tickets, and what a finished handshake turned out not to have.</summary>
internal sealed partial class FaultingServerProtocol
{
    /// <summary>The ticket lifetime the faults announce: two hours, s_server's session timeout.</summary>
    private const int TicketLifetimeSeconds = 7200;

    private void SendKeyUpdates(int index, TlsFault fault, string at)
    {
        if (!IsTls13Now)
        {
            Log.NotApplicable(index, at, Version, $"{Version} was negotiated; KeyUpdate is TLS 1.3's");
            return;
        }

        long offset = OutputEnd;
        int bytes = Inject(() =>
        {
            for (int n = 0; n < fault.Count; n++)
            {
                Send13KeyUpdate(fault.RequestPeerUpdate);
            }
        });
        Log.Applied(index, at, Version, offset, $"{fault.Count} KeyUpdate ({(fault.RequestPeerUpdate ? "update_requested" : "update_not_requested")}), each under the previous key",
            bytes, fault.Count!.Value);
    }

    /// <summary>TLS 1.2, without a point: the ticket BouncyCastle would send, replaced.</summary>
    protected override void SendNewSessionTicketMessage(NewSessionTicket newSessionTicket)
    {
        int? index = _faults.Indexes(TlsFaultKind.NewSessionTicket).Where(i => All[i].Trigger is null && !Log.HasOutcome(i)).Select(i => (int?)i).FirstOrDefault();
        if (index is not { } ticket)
        {
            base.SendNewSessionTicketMessage(newSessionTicket);
            return;
        }

        long offset = OutputEnd;
        if (All[ticket].Ticket == TlsTicketFault.RandomTicket)
        {
            int before = GetAvailableOutputBytes();
            base.SendNewSessionTicketMessage(new NewSessionTicket(newSessionTicket.TicketLifetimeHint, RandomNumberGenerator.GetBytes(32)));
            Log.Applied(ticket, "in NewSessionTicket", Version, offset, "a well-formed ticket of 32 random bytes", GetAvailableOutputBytes() - before, 1);
            return;
        }

        int bytes = Inject(() => WriteShaped(ContentType.handshake, TicketMessage(TlsTicketFault.Malformed, tls13: false)));
        Log.Applied(ticket, "in NewSessionTicket", Version, offset, "a NewSessionTicket that ends inside ticket_lifetime_hint, not in the server's transcript", bytes, 1);
    }

    private void InjectTicket(int index, TlsFault fault, string at)
    {
        long offset = OutputEnd;
        bool tls13 = IsTls13Now;
        int bytes = Inject(() => WriteShaped(ContentType.handshake, TicketMessage(fault.Ticket!.Value, tls13)));
        Log.Applied(index, at, Version, offset, $"{(fault.Ticket == TlsTicketFault.Malformed ? "a malformed" : "a random")} {(tls13 ? "TLS 1.3" : "TLS 1.2")} NewSessionTicket{Epoch(_writeEncrypted)}",
            bytes, 1);
    }

    /// <summary>TLS 1.3 without a point: the ticket after HandshakeComplete (BouncyCastle sends no TLS 1.3 tickets of its own).</summary>
    private void SendDefaultTicket13()
    {
        foreach (int index in _faults.Indexes(TlsFaultKind.NewSessionTicket).Where(i => All[i].Trigger is null && !Log.HasOutcome(i)))
        {
            if (IsTls13Now)
            {
                InjectTicket(index, All[index], "after HandshakeComplete");
            }
            else
            {
                Log.NotApplicable(index, "at HandshakeComplete", Version, "the client did not ask for a TLS 1.2 session ticket");
            }
        }
    }

    /// <summary>
    /// A NewSessionTicket message. Malformed: it ends inside a field (TLS 1.2: ticket_lifetime_hint; TLS 1.3: ticket_age_add).
    /// Random: well-formed, with 32 random bytes the server never issued.
    /// </summary>
    private static byte[] TicketMessage(TlsTicketFault kind, bool tls13)
    {
        var body = new MemoryStream();
        body.Write(new byte[] { 0, 0, TicketLifetimeSeconds >> 8, TicketLifetimeSeconds & 0xff });
        if (kind == TlsTicketFault.Malformed)
        {
            body.SetLength(tls13 ? 5 : 2);
        }
        else
        {
            if (tls13)
            {
                body.Write(RandomNumberGenerator.GetBytes(4));
                body.Write(new byte[] { 1, 0 });
            }

            body.Write(new byte[] { 0, 32 });
            body.Write(RandomNumberGenerator.GetBytes(32));
            if (tls13)
            {
                body.Write(new byte[] { 0, 0 });
            }
        }

        var message = new byte[4 + body.Length];
        message[0] = (byte)HandshakeType.new_session_ticket;
        message[3] = (byte)body.Length;
        body.ToArray().CopyTo(message, 4);
        return message;
    }

    /// <summary>
    /// At the end of a handshake, the faults whose moment this handshake did not have (a resumed handshake signs nothing,
    /// TLS 1.2 has no EncryptedExtensions, a server without client authentication sends no CertificateRequest) are marked
    /// not applicable, so none of them passes unnoticed.
    /// </summary>
    private void SkipWhatThisHandshakeLacked()
    {
        string version = Version?.ToString() ?? "this version";
        for (int i = 0; i < All.Count; i++)
        {
            var fault = All[i];
            if (Log.HasOutcome(i) || fault.Kind is TlsFaultKind.NoCloseNotify or TlsFaultKind.SplitRecords or TlsFaultKind.RecordVersion
                or TlsFaultKind.PackHandshakeMessages or TlsFaultKind.Dribble)
            {
                continue;
            }

            if (fault.Trigger is { Point: not (TlsFaultPoint.HandshakeComplete or TlsFaultPoint.ApplicationData) } trigger)
            {
                Log.NotApplicable(i, trigger.ToString(), Version, $"this {version} handshake had no {trigger.Point}");
            }
            else if (fault.Trigger is null)
            {
                Log.NotApplicable(i, "at HandshakeComplete", Version, fault.Kind switch
                {
                    TlsFaultKind.CorruptSignature => "the server signed nothing in this handshake",
                    TlsFaultKind.CertificateChain => "the server sent no certificate in this handshake",
                    TlsFaultKind.MisplacedExtension or TlsFaultKind.HelloRetryRequest => $"{version} was negotiated; the fault is TLS 1.3's",
                    _ => $"this {version} handshake had no place for it",
                });
            }
        }
    }
}
