using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;

namespace TlsServer.Engine.Extensions;

/// <summary>Parses a DER OCSPResponse into a <see cref="TlsOcspResponse"/>, picking the single response for our certificate.</summary>
internal static class OcspResponseReader
{
    private static readonly string[] ResponseStatuses =
        { "successful", "malformedRequest", "internalError", "tryLater", "(4)", "sigRequired", "unauthorized" };

    /// <exception cref="FormatException">The bytes are not an OCSPResponse.</exception>
    public static TlsOcspResponse Read(byte[] der, Org.BouncyCastle.Math.BigInteger? serial, string source)
    {
        OcspResp response;
        try
        {
            response = new OcspResp(der);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            throw new FormatException("The data is not a DER-encoded OCSP response.", e);
        }

        string status = response.Status < ResponseStatuses.Length ? ResponseStatuses[response.Status] : $"({response.Status})";
        if (response.Status != OcspRespStatus.Successful || response.GetResponseObject() is not BasicOcspResp basic)
        {
            return new TlsOcspResponse(status, null, null, null, null, null, null, null, null, source, der);
        }

        var single = basic.Responses.FirstOrDefault(r => serial is null || r.GetCertID().SerialNumber.Equals(serial))
            ?? basic.Responses.FirstOrDefault();
        var revoked = single?.GetCertStatus() as RevokedStatus;
        string? certificateStatus = single?.GetCertStatus() switch
        {
            null when single is not null => "good",
            RevokedStatus => "revoked",
            null => null,
            _ => "unknown",
        };
        return new TlsOcspResponse(status, certificateStatus, single?.GetCertID().SerialNumber.ToString(16),
            Utc(basic.ProducedAt), Utc(single?.ThisUpdate), Utc(single?.NextUpdate),
            revoked is null ? null : Utc(revoked.RevocationTime),
            revoked is { HasRevocationReason: true } ? new CrlReason(revoked.RevocationReason).ToString() : null,
            ResponderName(basic), source, der);
    }

    private static string? ResponderName(BasicOcspResp basic)
    {
        var id = basic.ResponderId.ToAsn1Object();
        return id.Name is { } name ? name.ToString() : id.GetKeyHash() is { } hash ? Convert.ToHexString(hash) : null;
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is null ? null : new DateTimeOffset(DateTime.SpecifyKind(time.Value, DateTimeKind.Utc));
}
