namespace TlsServer.Engine.Runtime;

/// <summary>
/// What connected commands did to one session and how the client answered: resumption, key updates,
/// renegotiation attempts, raw bytes, and a log of the commands (at most <see cref="ActionLimit"/>, oldest
/// dropped first). Writers pulse the lock so a command can wait for the client's answer.
/// </summary>
internal sealed class SessionActivity
{
    public const int ActionLimit = 100;

    private readonly object _gate = new();
    private readonly Queue<SessionAction> _actions = new();
    private bool _helloRequestPending;

    public ResumptionMethod? ResumedBy { get; private set; }
    public bool TicketIssued { get; private set; }
    public int KeyUpdatesSent { get; private set; }
    public int KeyUpdatesReceived { get; private set; }
    public int RenegotiationsRefused { get; private set; }

    /// <summary>Renegotiations and TLS 1.3 post-handshake authentications that completed (System engine).</summary>
    public int Renegotiations { get; private set; }
    public long PlaintextBytesSent { get; private set; }
    public HelloRequestResponse? HelloRequestResponse { get; private set; }
    public bool Ended { get; private set; }

    public IReadOnlyList<SessionAction> Actions
    {
        get { lock (_gate) { return _actions.ToArray(); } }
    }

    public void SetResumedBy(ResumptionMethod method) => Update(() => ResumedBy = method);

    public void SetTicketIssued() => Update(() => TicketIssued = true);

    public void AddAction(SessionActionKind kind, string detail) => Update(() =>
    {
        if (_actions.Count == ActionLimit)
        {
            _actions.Dequeue();
        }

        _actions.Enqueue(new SessionAction(DateTimeOffset.Now, kind, detail));
    });

    public void CountKeyUpdateSent() => Update(() => KeyUpdatesSent++);

    public void CountKeyUpdateReceived() => Update(() => KeyUpdatesReceived++);

    public void CountRenegotiation() => Update(() => Renegotiations++);

    public void AddPlaintextSent(int count) => Update(() => PlaintextBytesSent += count);

    public void BeginHelloRequest() => Update(() =>
    {
        _helloRequestPending = true;
        HelloRequestResponse = null;
    });

    public void OnRenegotiationRefused() => Update(() =>
    {
        RenegotiationsRefused++;
        Answer(Engine.HelloRequestResponse.Refused);
    });

    /// <summary>The client's no_renegotiation warning; true when it answers our HelloRequest (and so is no failure).</summary>
    public bool OnNoRenegotiationReceived()
    {
        bool pending = false;
        Update(() =>
        {
            pending = _helloRequestPending;
            Answer(Engine.HelloRequestResponse.Declined);
        });
        return pending;
    }

    public void OnEnded() => Update(() =>
    {
        Ended = true;
        Answer(Engine.HelloRequestResponse.Closed);
    });

    /// <summary>Waits until <paramref name="condition"/> holds (read under the lock), the time is up, or cancellation.</summary>
    public bool WaitUntil(Func<SessionActivity, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (!condition(this))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                Monitor.Wait(_gate, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
            }

            return true;
        }
    }

    private void Answer(HelloRequestResponse response)
    {
        if (_helloRequestPending)
        {
            _helloRequestPending = false;
            HelloRequestResponse = response;
        }
    }

    private void Update(Action change)
    {
        lock (_gate)
        {
            change();
            Monitor.PulseAll(_gate);
        }
    }
}
