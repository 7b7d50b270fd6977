using System.Text;

namespace TlsServer.Engine;

/// <summary>An OCSP response the server staples (s_server -status_verbose prints the same facts).</summary>
public sealed class TlsOcspResponse
{
    internal TlsOcspResponse(string responseStatus, string? certificateStatus, string? serialNumber,
        DateTimeOffset? producedAt, DateTimeOffset? thisUpdate, DateTimeOffset? nextUpdate,
        DateTimeOffset? revocationTime, string? revocationReason, string? responderId, string source, byte[] data)
    {
        ResponseStatus = responseStatus;
        CertificateStatus = certificateStatus;
        SerialNumber = serialNumber;
        ProducedAt = producedAt;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        RevocationTime = revocationTime;
        RevocationReason = revocationReason;
        ResponderId = responderId;
        Source = source;
        Bytes = data;
    }

    /// <summary>successful, malformedRequest, internalError, tryLater, sigRequired or unauthorized.</summary>
    public string ResponseStatus { get; }

    /// <summary>good, revoked or unknown, for the server's certificate.</summary>
    public string? CertificateStatus { get; }

    /// <summary>The serial number the response is about, as hex.</summary>
    public string? SerialNumber { get; }

    public DateTimeOffset? ProducedAt { get; }

    public DateTimeOffset? ThisUpdate { get; }

    /// <summary>When the response stops being fresh: the server fetches the next one before it and never staples this one after it.</summary>
    public DateTimeOffset? NextUpdate { get; }

    public DateTimeOffset? RevocationTime { get; }

    public string? RevocationReason { get; }

    public string? ResponderId { get; }

    /// <summary>The responder URL it came from, or the file it was read from.</summary>
    public string Source { get; }

    /// <summary>The DER-encoded OCSPResponse as stapled, as uppercase hex; <see cref="GetData"/> gives the bytes.</summary>
    public string Data => Convert.ToHexString(Bytes);

    internal byte[] Bytes { get; }

    /// <summary>A copy of the DER-encoded OCSPResponse.</summary>
    public byte[] GetData() => (byte[])Bytes.Clone();

    public override string ToString()
    {
        var text = new StringBuilder()
            .AppendLine($"OCSP Response Status: {ResponseStatus}")
            .AppendLine($"Source: {Source}");
        Line(text, "Responder Id", ResponderId);
        Line(text, "Produced At", ProducedAt?.ToString("u"));
        Line(text, "Serial Number", SerialNumber);
        Line(text, "Cert Status", CertificateStatus);
        Line(text, "Revocation Time", RevocationTime?.ToString("u"));
        Line(text, "Revocation Reason", RevocationReason);
        Line(text, "This Update", ThisUpdate?.ToString("u"));
        Line(text, "Next Update", NextUpdate?.ToString("u"));
        return text.ToString().TrimEnd();
    }

    private static void Line(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.AppendLine($"{name}: {value}");
        }
    }
}
