using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Ocsp;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Extensions;

/// <summary>
/// The OCSP response a server staples: read once from -StatusFile, or fetched from the responder and kept until its
/// nextUpdate (s_server -status). Connections ask for the current one; at most one fetch runs at a time.
/// </summary>
internal sealed class OcspStapler
{
    /// <summary>How long a fetched response without nextUpdate is used before asking again.</summary>
    public static readonly TimeSpan LifetimeWithoutNextUpdate = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait after a failed fetch before connections trigger another.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    /// <summary>The largest response read from a responder.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    private readonly object _gate = new();
    private readonly Uri? _responder;
    private readonly CertificateID? _certificateId;
    private readonly TimeSpan _timeout;
    private TlsOcspResponse? _current;
    private DateTimeOffset _expires = DateTimeOffset.MaxValue;
    private DateTimeOffset _retryAfter = DateTimeOffset.MinValue;

    private OcspStapler(TlsOcspResponse fixedResponse) => _current = fixedResponse;

    private OcspStapler(Uri responder, CertificateID certificateId, TimeSpan timeout)
    {
        _responder = responder;
        _certificateId = certificateId;
        _timeout = timeout;
    }

    /// <summary>Why the last fetch failed, if it did.</summary>
    public string? LastError { get; private set; }

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
            return new OcspStapler(ReadFile(file, credential));
        }

        if (!fetch)
        {
            return null;
        }

        var responder = ResponderUri(statusUrl, credential.Certificate);
        if (credential.Chain.Count < 2)
        {
            throw TlsServerException.Invalid(ErrorIds.OcspIssuerNotFound,
                "OCSP stapling needs the issuer of the server certificate to name it to the responder. Put the issuer certificate after the server certificate in the certificate file, or staple a response you fetched yourself with -StatusFile.");
        }

        var id = new CertificateID(CertificateID.DigestSha1, credential.Chain[1], credential.Chain[0].SerialNumber);
        var stapler = new OcspStapler(responder, id, timeout);
        if (stapler.Current() is null)
        {
            throw new TlsServerException(ErrorIds.OcspFetchFailed, ErrorKind.ResourceUnavailable,
                $"No OCSP response could be fetched from {responder}: {stapler.LastError}", responder.ToString());
        }

        return stapler;
    }

    /// <summary>The response to staple now, fetching a fresh one when the cached one has passed its nextUpdate.</summary>
    public TlsOcspResponse? Current()
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (_responder is null || (_current is not null && now < _expires) || now < _retryAfter)
            {
                return _current is not null && now < _expires ? _current : null;
            }

            try
            {
                _current = Fetch();
                _expires = _current.NextUpdate ?? now + LifetimeWithoutNextUpdate;
                LastError = null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException or IOException or InvalidDataException)
            {
                _current = null;
                _retryAfter = now + RetryAfterFailure;
                LastError = e is TaskCanceledException ? $"no answer within {_timeout.TotalSeconds:0.###} s" : e.Message;
            }

            return _current;
        }
    }

    private TlsOcspResponse Fetch()
    {
        var request = new OcspReqGenerator();
        request.AddRequest(_certificateId);
        using var content = new ByteArrayContent(request.Generate().GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var client = new HttpClient { Timeout = _timeout, MaxResponseContentBufferSize = MaxResponseBytes };
        using var response = client.PostAsync(_responder, content).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the responder answered HTTP {(int)response.StatusCode}");
        }

        var der = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var parsed = OcspResponseReader.Read(der, _certificateId!.SerialNumber, _responder!.ToString());
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

    private static TlsOcspResponse ReadFile(string path, ServerCredential credential)
    {
        byte[] der;
        try
        {
            der = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TlsServerException(ErrorIds.StatusFileNotReadable, ErrorKind.ReadError,
                $"The OCSP response file '{path}' cannot be read: {e.Message}", path, e);
        }

        try
        {
            return OcspResponseReader.Read(der, credential.Chain[0].SerialNumber, path);
        }
        catch (FormatException e)
        {
            throw new TlsServerException(ErrorIds.StatusFileInvalid, ErrorKind.InvalidData,
                $"The file '{path}' does not hold a DER-encoded OCSP response.", path, e);
        }
    }
}
