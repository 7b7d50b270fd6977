using Org.BouncyCastle.Tls;
using TlsServer.Engine.Faults;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>
/// Every record BouncyCastle writes passes here before its record layer protects it: points are found, then records are
/// split or packed, and written, their header version changed when a fault says so. Records BouncyCastle's record layer
/// refuses (empty or oversized handshake records, plaintext under keys) are written by hand in a plaintext epoch, or
/// shaped by the record cipher (<see cref="FaultRecordCipher"/>) under keys.
/// </summary>
internal sealed partial class FaultingServerProtocol
{
    private static readonly byte[] ChangeCipherSpecMessage = { 1 };
    private static readonly byte[] HelloRequestMessage = { (byte)HandshakeType.hello_request, 0, 0, 0 };

    private int? _split;
    private string _splitAt = "throughout";
    private int? _recordVersion;
    private int _recordVersionIndex;
    private string _recordVersionAt = "throughout";
    private int? _pack;
    private MemoryStream? _packed;

    /// <summary>TLS 1.3 (and TLS 1.2's ChangeCipherSpec) change keys after these; a packed record must end with them.</summary>
    private static bool EndsPackedRecord(short type, bool tls13) => type is HandshakeType.server_hello_done or HandshakeType.finished
        or HandshakeType.key_update or HandshakeType.hello_request or HandshakeType.new_session_ticket
        || (type == HandshakeType.server_hello && tls13);

    /// <summary>The version a record written by hand in a plaintext epoch carries, as BouncyCastle's own would.</summary>
    private int PlaintextVersion => _recordVersion
        ?? (Context?.ServerVersion is { } v && !TlsUtilities.IsTlsV13(v) ? v.FullVersion : ProtocolVersion.TLSv12.FullVersion);

    /// <summary>Faults that change records throughout, without a point.</summary>
    private void StartRecordFaults()
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (All[i].Trigger is not null)
            {
                continue;
            }

            switch (All[i].Kind)
            {
                case TlsFaultKind.SplitRecords:
                    _split = i;
                    break;
                case TlsFaultKind.RecordVersion:
                    _recordVersion = All[i].RecordVersion;
                    _shaping.Version = _recordVersion;
                    _recordVersionIndex = i;
                    break;
                case TlsFaultKind.PackHandshakeMessages:
                    _pack = i;
                    _packed = new MemoryStream();
                    break;
            }
        }
    }

    protected override void WriteRecord(short type, byte[] buf, int off, int len) => WriteRecord(type, buf.AsSpan(off, len));

    protected override void WriteRecord(short type, ReadOnlySpan<byte> buffer)
    {
        if (_injecting)
        {
            WriteShaped(type, buffer);
            return;
        }

        if (type != ContentType.change_cipher_spec)
        {
            RunAfterPending();
        }

        var step = _tracker.OnRecord(type, buffer);
        if (type == ContentType.handshake && !_serverSpoke)
        {
            _serverSpoke = true;
            Fire(TlsFaultTrigger.After(TlsFaultPoint.ClientHello));
        }

        if (step.Starts && step.Point is { } point)
        {
            Fire(TlsFaultTrigger.Before(point));
        }

        byte[]? corrupted = step.Starts && step.Type == HandshakeType.finished ? CorruptFinished(buffer) : null;
        WriteFromBouncyCastle(type, corrupted ?? buffer, step);
        if (step.Ends && step.Point is { } ended)
        {
            _afterPending.Add(ended);
        }
    }

    private void WriteFromBouncyCastle(short type, ReadOnlySpan<byte> data, HandshakeMessageTracker.Step step)
    {
        if (type == ContentType.handshake && _packed is not null)
        {
            _packed.Write(data);
            if (step.Ends && EndsPackedRecord(step.Type, IsTls13Now))
            {
                FlushPack();
            }

            return;
        }

        FlushPack();
        if (_split is { } split && All[split].RecordTypes.Contains((TlsRecordType)type) && data.Length > All[split].Length)
        {
            int size = All[split].Length!.Value;
            long offset = OutputEnd;
            int pieces = 0;
            for (int start = 0; start < data.Length; start += size, pieces++)
            {
                WriteShaped(type, data.Slice(start, Math.Min(size, data.Length - start)));
            }

            Log.Applied(split, _splitAt, Version, offset, $"records cut to {size} byte{(size == 1 ? string.Empty : "s")}", data.Length, pieces);
            return;
        }

        WriteShaped(type, data);
    }

    /// <summary>Writes one record through BouncyCastle's record layer, and gives it the fault's version.</summary>
    private void WriteShaped(short type, ReadOnlySpan<byte> data)
    {
        int before = GetAvailableOutputBytes();
        base.WriteRecord(type, data);
        if (_recordVersion is { } version)
        {
            int records = PatchVersions(before, version);
            Log.Applied(_recordVersionIndex, _recordVersionAt, Version, _faults.Ledger.Drained + before,
                $"record headers carry {RecordVersions.Text(version)}", 0, records);
        }
    }

    /// <summary>Rewrites the version of every record queued after <paramref name="from"/>.</summary>
    private int PatchVersions(int from, int version)
    {
        var queue = m_outputBuffer.Buffer;
        int available = queue.Available;
        if (available <= from)
        {
            return 0;
        }

        byte[] all = queue.RemoveData(available, 0);
        int records = 0;
        for (int at = from; at + 5 <= all.Length; at += 5 + ((all[at + 3] << 8) | all[at + 4]), records++)
        {
            all[at + 1] = (byte)(version >> 8);
            all[at + 2] = (byte)version;
        }

        m_outputBuffer.Write(all, 0, all.Length);
        return records;
    }

    /// <summary>A record written by hand, for what BouncyCastle's record layer refuses in a plaintext epoch.</summary>
    private void WriteRaw(short type, ReadOnlySpan<byte> payload)
    {
        int version = PlaintextVersion;
        var record = new byte[5 + payload.Length];
        record[0] = (byte)type;
        record[1] = (byte)(version >> 8);
        record[2] = (byte)version;
        record[3] = (byte)(payload.Length >> 8);
        record[4] = (byte)payload.Length;
        payload.CopyTo(record.AsSpan(5));
        m_outputBuffer.Write(record, 0, record.Length);
        ObserveRecord(type, payload);
    }

    private void FlushPack()
    {
        if (_packed is not { Length: > 0 } packed || _pack is not { } index)
        {
            return;
        }

        byte[] data = packed.ToArray();
        packed.SetLength(0);
        long offset = OutputEnd;
        int records = 0;
        for (int start = 0; start < data.Length; start += ApplicationDataLimit, records++)
        {
            WriteShaped(ContentType.handshake, data.AsSpan(start, Math.Min(ApplicationDataLimit, data.Length - start)));
        }

        Log.Applied(index, "throughout", Version, offset, "each flight's handshake messages packed into as few records as fit", data.Length, records);
    }

    private void StartSplit(int index, string at)
    {
        _split = index;
        _splitAt = at;
    }

    private void StartRecordVersion(int index, string at)
    {
        _recordVersion = All[index].RecordVersion;
        _recordVersionIndex = index;
        _recordVersionAt = at;
        _shaping.Version = _recordVersion;
    }

    private void InjectEmptyRecords(int index, TlsFault fault, string at)
    {
        bool handshake = fault.RecordTypes[0] == TlsRecordType.Handshake;
        long offset = OutputEnd;
        bool encrypted = _writeEncrypted;
        int bytes = Inject(() =>
        {
            for (int n = 0; n < fault.Count; n++)
            {
                if (!handshake)
                {
                    WriteShaped(ContentType.application_data, ReadOnlySpan<byte>.Empty);
                }
                else if (!encrypted)
                {
                    WriteRaw(ContentType.handshake, ReadOnlySpan<byte>.Empty);
                }
                else
                {
                    _shaping.NextContentType = ContentType.handshake;
                    WriteShaped(ContentType.application_data, ReadOnlySpan<byte>.Empty);
                }
            }
        });
        Log.Applied(index, at, Version, offset, $"{fault.Count} empty {fault.RecordTypes[0]} record{(fault.Count == 1 ? string.Empty : "s")}{Epoch(encrypted)}",
            bytes, fault.Count!.Value);
    }

    private void InjectChangeCipherSpecs(int index, TlsFault fault, string at)
    {
        long offset = OutputEnd;
        bool plaintext = fault.Plaintext || !_writeEncrypted;
        int bytes = Inject(() =>
        {
            for (int n = 0; n < fault.Count; n++)
            {
                if (fault.Plaintext && _writeEncrypted)
                {
                    WriteRaw(ContentType.change_cipher_spec, ChangeCipherSpecMessage);
                }
                else
                {
                    WriteShaped(ContentType.change_cipher_spec, ChangeCipherSpecMessage);
                }
            }
        });
        Log.Applied(index, at, Version, offset, $"{fault.Count} ChangeCipherSpec record{(fault.Count == 1 ? string.Empty : "s")}{Epoch(!plaintext)}",
            bytes, fault.Count!.Value);
    }

    private void InjectOversizedRecord(int index, TlsFault fault, string at)
    {
        int length = fault.Length!.Value;
        long offset = OutputEnd;
        bool encrypted = _writeEncrypted;
        short type = _handshakeComplete ? ContentType.application_data : ContentType.handshake;
        int bytes = Inject(() =>
        {
            if (!encrypted)
            {
                WriteRaw(type, new byte[length]);
                return;
            }

            _shaping.NextContentType = type;
            _shaping.NextPlaintext = new byte[length];
            WriteShaped(ContentType.application_data, ReadOnlySpan<byte>.Empty);
        });
        Log.Applied(index, at, Version, offset, $"one {ContentType.GetText(type)} record of {length} plaintext bytes{Epoch(encrypted)}", bytes, 1);
    }

    private void InjectHelloRequest(int index, string at)
    {
        long offset = OutputEnd;
        bool encrypted = _writeEncrypted;
        int bytes = Inject(() => WriteShaped(ContentType.handshake, HelloRequestMessage));
        Log.Applied(index, at, Version, offset, $"HelloRequest{Epoch(encrypted)}", bytes, 1);
    }

    private static string Epoch(bool encrypted) => encrypted ? ", encrypted" : ", in plaintext";
}
