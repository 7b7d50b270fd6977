namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>
/// What the protocol asks of the record cipher for what BouncyCastle's record layer refuses to write under keys: the next
/// record's content type and plaintext (an empty handshake record, an oversized one), and the version every record's
/// additional data covers (so a changed header version still decrypts).
/// </summary>
internal sealed class RecordShaping
{
    /// <summary>From now on, the record version the cipher authenticates; null for the real one.</summary>
    public int? Version { get; set; }

    /// <summary>The next record's content type instead of the one given.</summary>
    public short? NextContentType { get; set; }

    /// <summary>The next record's plaintext instead of the one given.</summary>
    public byte[]? NextPlaintext { get; set; }

    /// <summary>Takes the one-record requests.</summary>
    public (short? ContentType, byte[]? Plaintext) TakeNext()
    {
        var next = (NextContentType, NextPlaintext);
        NextContentType = null;
        NextPlaintext = null;
        return next;
    }
}
