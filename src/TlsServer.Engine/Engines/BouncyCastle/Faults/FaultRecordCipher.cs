using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>A record cipher that encodes what <see cref="RecordShaping"/> asks for, and passes everything else through.</summary>
internal sealed class FaultRecordCipher : ForwardingCipher
{
    private readonly RecordShaping _shaping;

    public FaultRecordCipher(TlsCipher inner, RecordShaping shaping)
        : base(inner) => _shaping = shaping;

    public override TlsEncodeResult EncodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion, int headerAllocation,
        ReadOnlySpan<byte> plaintext)
    {
        var (type, replaced) = _shaping.TakeNext();
        var version = _shaping.Version is { } v ? ProtocolVersion.Get(v >> 8, v & 0xff) : recordVersion;
        return Inner.EncodePlaintext(seqNo, type ?? contentType, version, headerAllocation, replaced is null ? plaintext : replaced);
    }
}
