namespace TlsServer.Engine.Engines.BouncyCastle.Resumption;

/// <summary>
/// The servers that may resume each other's sessions (s_server -context): they share one ticket key and look
/// in each other's session-ID caches. A server without a context has a private one. A named context lives
/// while at least one of its servers runs.
/// </summary>
internal sealed class ResumptionContext
{
    private static readonly Dictionary<string, ResumptionContext> Named = new(StringComparer.Ordinal);

    private readonly List<SessionCache> _caches = new();
    private int _members;

    private ResumptionContext(string? name) => Name = name;

    public string? Name { get; }

    public SessionTicketKey TicketKey { get; } = new();

    /// <summary>Joins the named context (or a new private one) with this server's cache, if it has one.</summary>
    public static ResumptionContext Join(string? name, SessionCache? cache)
    {
        lock (Named)
        {
            ResumptionContext context;
            if (name is null)
            {
                context = new ResumptionContext(null);
            }
            else if (!Named.TryGetValue(name, out context!))
            {
                context = new ResumptionContext(name);
                Named[name] = context;
            }

            context._members++;
            if (cache is not null)
            {
                context._caches.Add(cache);
            }

            return context;
        }
    }

    /// <summary>A stopping server leaves: its cache is forgotten, and the key with the last member.</summary>
    public void Leave(SessionCache? cache)
    {
        lock (Named)
        {
            if (cache is not null)
            {
                _caches.Remove(cache);
                cache.Clear();
            }

            if (--_members == 0)
            {
                if (Name is not null)
                {
                    Named.Remove(Name);
                }

                TicketKey.Dispose();
            }
        }
    }

    /// <summary>Looks for a session id in every cache of the context: a hit anywhere wins, then an expiry, else a miss.</summary>
    public CacheLookup Find(byte[] sessionId, out CachedSession? session)
    {
        SessionCache[] caches;
        lock (Named)
        {
            caches = _caches.ToArray();
        }

        var result = CacheLookup.Miss;
        session = null;
        foreach (var cache in caches)
        {
            var lookup = cache.Find(sessionId, out session);
            if (lookup == CacheLookup.Hit)
            {
                return lookup;
            }

            if (lookup == CacheLookup.Expired)
            {
                result = lookup;
            }
        }

        return result;
    }
}
