using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Extensions;

/// <summary>
/// The OCSP response a server staples: read once from -StatusFile, or fetched from the responder (s_server -status).
/// A fetched response is refreshed in the background, by one loop the server starts and stops, halfway through its
/// remaining lifetime; connections only read what the loop last stored, so a handshake never waits for the network.
/// A response past its nextUpdate is never stapled: until a fresh one comes, connections staple nothing, as s_server
/// does when its fetch fails.
/// </summary>
internal sealed class OcspStapler
{
    /// <summary>How long a fetched response without nextUpdate is used.</summary>
    public static readonly TimeSpan LifetimeWithoutNextUpdate = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait after a failed fetch before the next.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    /// <summary>The soonest a refresh follows a fetch, however short the response's lifetime: the responder's load is bounded.</summary>
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest a response is kept without asking again, however long its lifetime.</summary>
    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromDays(1);

    private readonly Func<CancellationToken, Task<TlsOcspResponse>>? _fetch;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private volatile Held _held;
    private CancellationTokenSource? _stop;
    private Task? _refreshing;
    private int _servers;
    private long _nextRefreshTicks;

    private OcspStapler(TlsOcspResponse fixedResponse)
    {
        _held = new Held(fixedResponse, DateTimeOffset.MaxValue, null);
        _time = TimeProvider.System;
    }

    /// <summary>A stapler that fetches with <paramref name="fetch"/> (which must honour its token) on <paramref name="time"/>'s clock.</summary>
    internal OcspStapler(Func<CancellationToken, Task<TlsOcspResponse>> fetch, TimeProvider time)
    {
        _fetch = fetch;
        _time = time;
        _held = new Held(null, DateTimeOffset.MinValue, null);
    }

    /// <summary>Why the last fetch failed; null after a success.</summary>
    public string? LastError => _held.LastError;

    /// <summary>When the refresh loop asks the responder next.</summary>
    internal DateTimeOffset NextRefresh
    {
        get => new(Interlocked.Read(ref _nextRefreshTicks), TimeSpan.Zero);
        private set => Interlocked.Exchange(ref _nextRefreshTicks, value.UtcTicks);
    }

    /// <summary>Null when no stapling was asked for. Reads the file or fetches the first response; throws TlsServerException on failure.</summary>
    /// <param name="statusFile">A DER response to staple as it is (-StatusFile).</param>
    /// <param name="fetch">Fetch responses (-Status, -StatusUrl and -StatusVerbose each ask, as in s_server).</param>
    /// <param name="statusUrl">The responder to ask instead of the certificate's AIA.</param>
    public static OcspStapler? Create(string? statusFile, bool fetch, string? statusUrl, TimeSpan timeout, ServerCredential? credential)
    {
        if (credential is null)
        {
            if (statusFile is not null || fetch)
            {
                throw TlsServerException.Invalid(ErrorIds.StatusWithoutCertificate,
                    "OCSP stapling needs a server certificate; it cannot be combined with -NoCertificate.");
            }

            return null;
        }

        if (statusFile is { } file)
        {
            return new OcspStapler(OcspResponseFile.Read(file, credential));
        }

        if (!fetch)
        {
            return null;
        }

        var fetcher = OcspFetcher.For(credential, statusUrl, timeout);
        var stapler = new OcspStapler(fetcher.FetchAsync, TimeProvider.System);
        if (!stapler.FetchFirst())
        {
            throw new TlsServerException(ErrorIds.OcspFetchFailed, ErrorKind.ResourceUnavailable,
                $"No OCSP response could be fetched from {fetcher.Responder}: {stapler.LastError}", fetcher.Responder.ToString());
        }

        return stapler;
    }

    /// <summary>The response to staple now; null once it has passed its nextUpdate and no fresh one has come. Never blocks.</summary>
    public TlsOcspResponse? Current() => Current(out _);

    /// <summary>The response to staple now, or null and why there is none.</summary>
    public TlsOcspResponse? Current(out string? unavailable)
    {
        var held = _held;
        if (held.Response is not null && _time.GetUtcNow() < held.Expires)
        {
            unavailable = null;
            return held.Response;
        }

        unavailable = held.Response is null
            ? $"No OCSP response has been fetched yet: {held.LastError ?? "the first fetch has not finished"}."
            : $"The OCSP response expired at {held.Expires:u} and no fresh one has been fetched: {held.LastError ?? "the refresh has not finished"}.";
        return null;
    }

    /// <summary>The fetch at start, on the caller's thread; false when it failed (<see cref="LastError"/> says why).</summary>
    internal bool FetchFirst()
    {
        NextRefresh = _time.GetUtcNow() + RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
        return _held.Response is not null;
    }

    /// <summary>
    /// Starts the refresh loop for a server (nothing for a fixed response). Servers started from one configuration share
    /// the loop, which runs until the last of them stops.
    /// </summary>
    public void Start()
    {
        if (_fetch is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_servers++ == 0)
            {
                _stop = new CancellationTokenSource();
                var token = _stop.Token;
                _refreshing = Task.Run(() => RefreshLoopAsync(token));
            }
        }
    }

    /// <summary>A server stops: the last one stops the refresh loop, cancelling a fetch under way, and waits for it to end.</summary>
    public async Task StopAsync()
    {
        CancellationTokenSource? stop = null;
        Task? refreshing = null;
        lock (_gate)
        {
            if (_servers > 0 && --_servers == 0)
            {
                (stop, refreshing) = (_stop!, _refreshing!);
                stop.Cancel();
            }
        }

        if (refreshing is not null)
        {
            await refreshing.ConfigureAwait(false);
            stop!.Dispose();
        }
    }

    /// <summary>
    /// How long after a fetch the next one runs: halfway through the response's remaining lifetime, so failures still
    /// leave the other half for retries, within <see cref="MinRefreshInterval"/> and <see cref="MaxRefreshInterval"/>.
    /// </summary>
    internal static TimeSpan RefreshDelay(TimeSpan lifetimeLeft)
    {
        var half = lifetimeLeft / 2;
        return half < MinRefreshInterval ? MinRefreshInterval : half > MaxRefreshInterval ? MaxRefreshInterval : half;
    }

    private async Task RefreshLoopAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var wait = NextRefresh - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, stop).ConfigureAwait(false);
                }

                var delay = await RefreshAsync(stop).ConfigureAwait(false);
                NextRefresh = _time.GetUtcNow() + delay;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>One fetch; keeps a fresh response, or the old one and the error. Returns how long until the next.</summary>
    private async Task<TimeSpan> RefreshAsync(CancellationToken stop)
    {
        var held = _held;
        try
        {
            var response = await _fetch!(stop).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var expires = response.NextUpdate ?? now + LifetimeWithoutNextUpdate;
            if (expires <= now)
            {
                throw new InvalidDataException($"the responder's response was already past its nextUpdate ({expires:u})");
            }

            _held = new Held(response, expires, null);
            return RefreshDelay(expires - now);
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            // Whatever failed, the loop goes on (a loop that died would let every later response expire unsaid).
            _held = held with { LastError = e.Message };
            return RetryAfterFailure;
        }
    }

    /// <summary>What connections read: replaced whole, never changed.</summary>
    private sealed record Held(TlsOcspResponse? Response, DateTimeOffset Expires, string? LastError);
}
