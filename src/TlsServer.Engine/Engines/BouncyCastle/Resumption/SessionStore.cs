using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle.Resumption;

/// <summary>A server's side of resumption: its settings, its session-ID cache and the context it shares.</summary>
internal sealed class SessionStore
{
    private int _closed;

    public SessionStore(ResumptionSettings settings, ServerCounters counters)
    {
        Settings = settings;
        Counters = counters;
        Cache = settings.SessionCacheEnabled ? new SessionCache(settings.SessionCacheSize, settings.SessionCacheTimeout) : null;
        Context = ResumptionContext.Join(settings.SessionContext, Cache);
        counters.SessionCacheCount = Cache is { } cache ? () => cache.Count : null;
    }

    public ResumptionSettings Settings { get; }

    public ServerCounters Counters { get; }

    /// <summary>Null with NoSessionCache.</summary>
    public SessionCache? Cache { get; }

    public ResumptionContext Context { get; }

    /// <summary>The server's own chains as its tickets carry them, parsed once.</summary>
    public LocalChains LocalChains { get; } = new();

    /// <summary>Leaves the context once, when the server stops.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            Context.Leave(Cache);
        }
    }
}
