using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Diagnostics;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>ALPN, OCSP stapling, serverinfo, keying material and the key log: what ServerPeer adds for them.</summary>
internal sealed partial class ServerPeer
{
    private Config.ExtensionConfig Extensions => _config.Extensions;

    /// <summary>Set by the connection before the handshake; receives the key log moments.</summary>
    public ConnectionDiagnostics? Diagnostics { get; set; }

    /// <summary>Raised for every alert sent or received, on the connection's own thread.</summary>
    public event Action<TlsAlert>? AlertObserved;

    public TlsContext? Context => m_context;

    protected override IList<ProtocolName>? GetProtocolNames() => _config.Alpn;

    /// <summary>
    /// The server's first protocol that the client offers; with no match, no_application_protocol (RFC 7301 3.2, s_server 3),
    /// or with AlpnOptional no ALPN at all (s_server 1.1.0).
    /// </summary>
    protected override ProtocolName? SelectProtocolName()
    {
        if (!Extensions.AlpnOptional)
        {
            return base.SelectProtocolName();
        }

        var names = GetProtocolNames();
        return names is null ? null : SelectProtocolName(m_clientProtocolNames, names);
    }

    /// <summary>Echoes the -ServerInfoPath extensions the client asked for.</summary>
    private void AddServerInfo(IDictionary<int, byte[]> extensions)
    {
        bool tls13 = TlsUtilities.IsTlsV13(m_context);
        foreach (var info in Extensions.ServerInfo)
        {
            if ((tls13 ? info.Tls13 : info.Tls12) && m_clientExtensions?.ContainsKey(info.Type) == true)
            {
                extensions[info.Type] = info.Data;
            }
        }
    }

    protected override bool AllowCertificateStatus() => Extensions.Stapler is not null;

    /// <summary>TLS 1.2 and older: the CertificateStatus message.</summary>
    public override CertificateStatus? GetCertificateStatus() =>
        Staple() is { } response ? new CertificateStatus(CertificateStatusType.ocsp, OcspResponse.GetInstance(response.Bytes)) : null;

    private void OnAlert(TlsAlert alert)
    {
        _record.SetAlert(alert);
        AlertObserved?.Invoke(alert);
    }

    /// <summary>TLS 1.3: the chain, with the OCSP response in the first CertificateEntry's status_request extension when the client asked.</summary>
    private Certificate Chain13(Certificate chain)
    {
        if (m_certificateStatusRequest?.StatusType != CertificateStatusType.ocsp || Staple() is not { } response)
        {
            return chain;
        }

        using var status = new MemoryStream();
        new CertificateStatus(CertificateStatusType.ocsp, OcspResponse.GetInstance(response.Bytes)).Encode(status);
        var entries = chain.GetCertificateEntryList();
        entries[0] = new CertificateEntry(entries[0].Certificate, new Dictionary<int, byte[]> { [ExtensionType.status_request] = status.ToArray() });
        return new Certificate(chain.GetCertificateRequestContext(), entries);
    }

    /// <summary>The response the stapler holds now (it never waits for the responder); the session says what was stapled, or why nothing was.</summary>
    private TlsOcspResponse? Staple()
    {
        if (Extensions.Stapler is not { } stapler)
        {
            return null;
        }

        if (stapler.Current(out string? unavailable) is { } response)
        {
            _record.SetStapled(Extensions.StatusVerbose ? response : null);
            return response;
        }

        _record.SetOcspError(unavailable);
        return null;
    }

    /// <summary>Inside NotifyHandshakeComplete, the only time BouncyCastle exports keying material and still holds the secrets.</summary>
    /// <returns>The keying material asked for with -KeyingMaterialLabel, or null.</returns>
    private byte[]? CompleteExtensions()
    {
        var material = Extensions.KeyingMaterialLabel is { } label
            ? m_context.ExportKeyingMaterial(label, null, Extensions.KeyingMaterialLength ?? ServerLimits.KeyingMaterialLength.Default)
            : null;
        if (Diagnostics?.KeyLog is { } log)
        {
            KeyLogSecrets.WriteSessionSecrets(log, m_context.SecurityParameters); // while BouncyCastle still holds them
        }

        return material;
    }
}
