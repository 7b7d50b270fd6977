using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Ocsp;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Extensions;

/// <summary>Asks one OCSP responder about the server certificate over HTTP POST (RFC 6960 A.1), as s_server -status does.</summary>
internal sealed class OcspFetcher
{
    /// <summary>The largest response read from a responder.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    private readonly CertificateID _certificateId;
    private readonly TimeSpan _timeout;

    private OcspFetcher(Uri responder, CertificateID certificateId, TimeSpan timeout)
    {
        Responder = responder;
        _certificateId = certificateId;
        _timeout = timeout;
    }

    public Uri Responder { get; }

    /// <summary>The responder to ask about the credential's certificate; throws TlsServerException when there is none or the issuer is missing.</summary>
    /// <param name="statusUrl">The responder to ask instead of the certificate's AIA.</param>
    /// <param name="timeout">How long one request may take (-StatusTimeoutSec).</param>
    public static OcspFetcher For(ServerCredential credential, string? statusUrl, TimeSpan timeout)
    {
        var responder = ResponderUri(statusUrl, credential.Certificate);
        if (credential.Chain.Count < 2)
        {
            throw TlsServerException.Invalid(ErrorIds.OcspIssuerNotFound,
                "OCSP stapling needs the issuer of the server certificate to name it to the responder. Put the issuer certificate after the server certificate in the certificate file, or staple a response you fetched yourself with -StatusFile.");
        }

        var id = new CertificateID(CertificateID.DigestSha1, credential.Chain[1], credential.Chain[0].SerialNumber);
        return new OcspFetcher(responder, id, timeout);
    }

    /// <summary>One request and its parsed, successful response.</summary>
    /// <exception cref="HttpRequestException">The responder could not be reached or answered with an HTTP error.</exception>
    /// <exception cref="TimeoutException">No answer within the timeout.</exception>
    /// <exception cref="FormatException">The answer is not an OCSP response.</exception>
    /// <exception cref="InvalidDataException">The responder answered with an unsuccessful OCSP status.</exception>
    public async Task<TlsOcspResponse> FetchAsync(CancellationToken cancellationToken)
    {
        var request = new OcspReqGenerator();
        request.AddRequest(_certificateId);
        using var content = new ByteArrayContent(request.Generate().GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var client = new HttpClient { Timeout = _timeout, MaxResponseContentBufferSize = MaxResponseBytes };
        byte[] der;
        try
        {
            using var response = await client.PostAsync(Responder, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"the responder answered HTTP {(int)response.StatusCode}");
            }

            der = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {_timeout.TotalSeconds:0.###} s", e);
        }

        var parsed = OcspResponseReader.Read(der, _certificateId.SerialNumber, Responder.ToString());
        if (parsed.ResponseStatus != "successful")
        {
            throw new InvalidDataException($"the responder answered {parsed.ResponseStatus}");
        }

        return parsed;
    }

    private static Uri ResponderUri(string? statusUrl, X509Certificate2 certificate)
    {
        string? url = statusUrl ?? certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>()
            .SelectMany(e => e.EnumerateOcspUris()).FirstOrDefault();
        if (url is null)
        {
            throw TlsServerException.Invalid(ErrorIds.OcspResponderNotFound,
                "The server certificate names no OCSP responder (no AIA OCSP URL). Give one with -StatusUrl, or staple a response with -StatusFile.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw TlsServerException.Invalid(ErrorIds.OcspResponderUrlInvalid,
                $"The OCSP responder URL '{url}' is not an absolute http:// or https:// URL.", url);
        }

        return uri;
    }
}
