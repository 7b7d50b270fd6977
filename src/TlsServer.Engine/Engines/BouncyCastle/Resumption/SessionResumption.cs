using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle.Resumption;

/// <summary>
/// One connection's TLS 1.2 resumption: finds the session a client offers (by ticket, else by session id),
/// issues session ids and tickets, and caches the session once the handshake completes. BouncyCastle has no
/// TLS 1.3 resumption, so TLS 1.3 handshakes pass through untouched.
/// </summary>
internal sealed class SessionResumption
{
    private const int SessionIdLength = 32;

    private readonly SessionStore _store;
    private readonly TlsConfiguration _config;
    private readonly SessionActivity _activity;
    private byte[]? _offeredTicket;
    private ResumptionMethod? _candidate;
    private ClientVerification? _candidateVerification;
    private IDictionary<int, byte[]>? _serverExtensions;
    private TlsSession? _session;

    public SessionResumption(SessionStore store, TlsConfiguration config, SessionActivity activity)
    {
        _store = store;
        _config = config;
        _activity = activity;
    }

    private ResumptionSettings Settings => _store.Settings;

    private ServerCounters Counters => _store.Counters;

    /// <summary>The session the ClientHello offers: by its ticket (RFC 5077) when it has one, else by its session id.</summary>
    public TlsSession? Find(byte[] sessionId, IDictionary<int, byte[]>? clientExtensions)
    {
        _candidate = null;
        _candidateVerification = null;
        _offeredTicket = null;
        if (Settings.TicketsEnabled && clientExtensions is not null
            && clientExtensions.TryGetValue(ExtensionType.session_ticket, out var offered))
        {
            _offeredTicket = offered;
        }

        if (_offeredTicket is { Length: > 0 } ticket)
        {
            // RFC 5077 3.4: a ticket replaces the session id, which a resuming server echoes.
            if (OpenTicket(ticket) is not { } opened)
            {
                return null;
            }

            _candidate = ResumptionMethod.Ticket;
            _candidateVerification = opened.Verification;
            return TlsUtilities.ImportSession(sessionId, opened.Parameters);
        }

        if (sessionId.Length == 0 || _store.Cache is null)
        {
            return null;
        }

        switch (_store.Context.Find(sessionId, out var session))
        {
            case CacheLookup.Hit:
                _candidate = ResumptionMethod.SessionId;
                _candidateVerification = session!.Verification;
                return session.Session;
            case CacheLookup.Expired:
                ServerCounters.Count(ref Counters.SessionCacheTimeouts);
                return null;
            default:
                ServerCounters.Count(ref Counters.SessionCacheMisses);
                return null;
        }
    }

    /// <summary>The id for a new session: the prefix, then random bytes; none without a cache (as OpenSSL).</summary>
    public byte[]? NewSessionId()
    {
        if (_store.Cache is null)
        {
            return null;
        }

        var id = RandomNumberGenerator.GetBytes(SessionIdLength);
        if (Settings.SessionIdPrefix is { } prefix)
        {
            Encoding.UTF8.GetBytes(prefix).CopyTo(id, 0);
        }

        return id;
    }

    /// <summary>Called from NotifySession, when BouncyCastle has decided whether the offered session resumes.</summary>
    /// <returns>What the resumed session's full handshake verified of the client's certificate, if it sent one.</returns>
    public ClientVerification? OnSessionDecided(TlsContext context)
    {
        if (_candidate is not { } method)
        {
            return null;
        }

        if (context.SecurityParameters.IsResumedSession)
        {
            ServerCounters.Count(ref method == ResumptionMethod.Ticket ? ref Counters.TicketHits : ref Counters.SessionCacheHits);
            _activity.SetResumedBy(method);
            return _candidateVerification;
        }

        if (method == ResumptionMethod.SessionId)
        {
            // found, but not resumable with this ClientHello (version or extended master secret differ)
            ServerCounters.Count(ref Counters.SessionCacheMisses);
        }

        return null;
    }

    /// <summary>Offers a ticket on a full TLS 1.2 handshake when the client can take one; never on a resumed one.</summary>
    public void OnServerExtensions(TlsContext context, IDictionary<int, byte[]> serverExtensions)
    {
        _serverExtensions = serverExtensions;
        bool offer = _offeredTicket is not null && !context.SecurityParameters.IsResumedSession && !TlsUtilities.IsTlsV13(context);
        if (offer)
        {
            serverExtensions[ExtensionType.session_ticket] = TlsUtilities.EmptyBytes;
        }
        else
        {
            serverExtensions.Remove(ExtensionType.session_ticket);
        }
    }

    /// <param name="verification">What this handshake verified of the client's certificate, sealed into the ticket.</param>
    public NewSessionTicket NewTicket(TlsContext context, ClientVerification? verification)
    {
        try
        {
            var state = TicketState.Write(context.SecurityParameters, _config.Crypto, _serverExtensions ?? new Dictionary<int, byte[]>(), verification);
            var ticket = new NewSessionTicket((long)Settings.SessionCacheTimeout.TotalSeconds, _store.Context.TicketKey.Seal(state));
            ServerCounters.Count(ref Counters.TicketsIssued);
            _activity.SetTicketIssued();
            return ticket;
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException or InvalidOperationException)
        {
            // the server stopped meanwhile, or the session cannot be written; RFC 5077 3.3 allows an empty ticket
            return new NewSessionTicket(0, TlsUtilities.EmptyBytes);
        }
    }

    /// <summary>Caches a new TLS 1.2 session: only now is TlsContext.Session resumable.</summary>
    public void OnHandshakeComplete(TlsContext context, ClientVerification? verification)
    {
        _session = context.Session;
        if (_store.Cache is null || context.SecurityParameters.IsResumedSession || TlsUtilities.IsTlsV13(context)
            || _session is not { IsResumable: true, SessionID.Length: > 0 })
        {
            return;
        }

        int evicted = _store.Cache.Add(_session, verification);
        ServerCounters.Count(ref Counters.SessionCacheFull, evicted);
    }

    /// <summary>A connection ended without close_notify from the server: its session must not resume (as OpenSSL).</summary>
    public void Invalidate() => _session?.Invalidate();

    private TicketState.Contents? OpenTicket(byte[] ticket)
    {
        try
        {
            var state = _store.Context.TicketKey.Open(ticket);
            if (state is not null)
            {
                var contents = TicketState.Read(state, _config.Crypto, Settings.SessionCacheTimeout, _store.LocalChains);
                if (contents is null)
                {
                    ServerCounters.Count(ref Counters.SessionCacheTimeouts);
                }

                return contents;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or ArgumentException)
        {
            // fall through: rejected
        }

        ServerCounters.Count(ref Counters.TicketsRejected);
        return null;
    }
}
