using Org.BouncyCastle.Tls;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;
using TlsServer.Engine.Faults;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>
/// The protocol of a server with faults: <see cref="ServerProtocol"/>, misbehaving where its faults say. Points are found
/// in the records BouncyCastle writes (<see cref="HandshakeMessageTracker"/>): "before X" acts before X's first record;
/// "after X" acts before the next record that is not a ChangeCipherSpec, or at the end of the call that wrote X, so it
/// goes out under the keys in force after X (TLS 1.3's "after ServerHello" under the handshake keys, "after Finished"
/// under the application keys). Records a fault writes itself are not tracked. A fault that ends the connection closes
/// the protocol before it throws, so BouncyCastle sends no second alert. Used under the connection's writer lock.
/// </summary>
internal sealed partial class FaultingServerProtocol : ServerProtocol
{
    private readonly ConnectionFaults _faults;
    private readonly HandshakeMessageTracker _tracker = new();
    private readonly RecordShaping _shaping = new();
    private readonly bool[] _fired;
    private readonly List<TlsFaultPoint> _afterPending = new();
    private bool _injecting;
    private bool _writeEncrypted;
    private bool _serverSpoke;
    private bool _handshakeComplete;
    private bool _applicationDataSeen;

    public FaultingServerProtocol(ConnectionFaults faults, SessionActivity activity, ServerCounters counters, IProtocolObserver observer,
        DotNetTlsCrypto crypto, int maxHandshakeMessageSize)
        : base(activity, counters, observer, crypto, maxHandshakeMessageSize)
    {
        _faults = faults;
        _fired = new bool[faults.All.Count];
        Crypto.WrapCipher = cipher => new FaultRecordCipher(cipher, _shaping);
        StartRecordFaults();
    }

    private IReadOnlyList<TlsFault> All => _faults.All;

    private FaultLog Log => _faults.Log;

    /// <summary>The version agreed so far (during the handshake too), for the session's log.</summary>
    private TlsProtocol? Version => BcVersions.FromBc(Context?.ServerVersion);

    private bool IsTls13Now => Context?.ServerVersion is { } v && TlsUtilities.IsTlsV13(v);

    /// <summary>Everything queued for the socket so far, as an offset in the connection's output.</summary>
    private long OutputEnd => _faults.Ledger.Drained + GetAvailableOutputBytes();

    public override int ReadOutput(byte[] buffer, int offset, int length)
    {
        int count = base.ReadOutput(buffer, offset, length);
        _faults.Ledger.AddDrained(count);
        return count;
    }

    public override void OfferInput(byte[] input, int inputOff, int inputLen)
    {
        base.OfferInput(input, inputOff, inputLen);
        if (IsClosed)
        {
            return;
        }

        RunAfterPending();
        FlushPack();
        if (!_applicationDataSeen && _handshakeComplete && GetAvailableInputBytes() > 0)
        {
            _applicationDataSeen = true;
            Fire(TlsFaultTrigger.After(TlsFaultPoint.ApplicationData));
            FlushPack();
        }
    }

    protected override void CompleteHandshake()
    {
        base.CompleteHandshake();
        _handshakeComplete = true;
        RunAfterPending();
        Fire(TlsFaultTrigger.After(TlsFaultPoint.HandshakeComplete));
        SendDefaultTicket13();
        SkipWhatThisHandshakeLacked();
        FlushPack();
    }

    /// <summary>Runs the faults at <paramref name="trigger"/> that have not acted yet, in the order given.</summary>
    private void Fire(TlsFaultTrigger trigger)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (!_fired[i] && All[i].Trigger == trigger)
            {
                _fired[i] = true;
                FlushPack();
                Act(i, trigger.ToString());
            }
        }
    }

    private void RunAfterPending()
    {
        while (_afterPending.Count > 0)
        {
            var point = _afterPending[0];
            _afterPending.RemoveAt(0);
            Fire(TlsFaultTrigger.After(point));
        }
    }

    private void Act(int index, string at)
    {
        var fault = All[index];
        switch (fault.Kind)
        {
            case TlsFaultKind.SendAlert:
                SendAlertNow(index, fault, at);
                break;
            case TlsFaultKind.Reset:
                Mark(index, at, new WireAction(WireActionKind.Reset, index, at), "TCP reset; nothing after it sent");
                break;
            case TlsFaultKind.HalfClose:
                Mark(index, at, new WireAction(WireActionKind.HalfClose, index, at), "FIN; nothing after it sent, the client still read");
                break;
            case TlsFaultKind.TruncateAfter:
                Mark(index, at, new WireAction(WireActionKind.Truncate, index, at) { Budget = fault.Length!.Value, Reset = fault.Reset },
                    $"{fault.Length} more bytes sent, then {(fault.Reset ? "a TCP reset" : "FIN")}; nothing after them");
                break;
            case TlsFaultKind.Stall:
                Mark(index, at, new WireAction(WireActionKind.Delay, index, at) { Delay = fault.Delay!.Value },
                    $"{fault.Delay!.Value.TotalMilliseconds:0} ms pause before the next byte");
                break;
            case TlsFaultKind.Dribble:
                Mark(index, at, new WireAction(WireActionKind.Dribble, index, at) { Delay = fault.Delay!.Value, ChunkSize = fault.Length!.Value },
                    $"every byte from here sent {fault.Length} at a time, {fault.Delay!.Value.TotalMilliseconds:0} ms apart");
                break;
            case TlsFaultKind.IgnoreClientHello:
                Mark(index, at, new WireAction(WireActionKind.Withhold, index, at), "nothing sent to the client");
                break;
            case TlsFaultKind.SplitRecords:
                StartSplit(index, at);
                break;
            case TlsFaultKind.RecordVersion:
                StartRecordVersion(index, at);
                break;
            case TlsFaultKind.EmptyRecords:
                InjectEmptyRecords(index, fault, at);
                break;
            case TlsFaultKind.ChangeCipherSpec:
                InjectChangeCipherSpecs(index, fault, at);
                break;
            case TlsFaultKind.OversizedRecord:
                InjectOversizedRecord(index, fault, at);
                break;
            case TlsFaultKind.HelloRequest:
                InjectHelloRequest(index, at);
                break;
            case TlsFaultKind.NewSessionTicket:
                InjectTicket(index, fault, at);
                break;
            case TlsFaultKind.KeyUpdateStorm:
                SendKeyUpdates(index, fault, at);
                break;
        }
    }

    /// <summary>A wire action at the end of what is queued now: the fault sender acts when the output reaches it.</summary>
    private void Mark(int index, string at, WireAction action, string detail)
    {
        long offset = OutputEnd;
        Log.Applied(index, at, Version, offset, detail);
        _faults.Ledger.Mark(offset, action);
    }

    /// <summary>Writes records of the fault's own, untracked, and returns the bytes they added to the output.</summary>
    private int Inject(Action write)
    {
        FlushPack();
        bool injecting = _injecting;
        _injecting = true;
        int before = GetAvailableOutputBytes();
        try
        {
            write();
        }
        finally
        {
            _injecting = injecting;
            _shaping.TakeNext();
        }

        return GetAvailableOutputBytes() - before;
    }
}
