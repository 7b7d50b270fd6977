using TlsServer.Engine.Faults;
using TlsServer.Engine.Registry;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>A server's fault plan, with what BouncyCastle needs resolved once at start: group code points, the extra certificate.</summary>
internal sealed class ServerFaults
{
    private readonly int?[] _groups;

    public ServerFaults(FaultPlan plan, TlsConfiguration tls)
    {
        Plan = plan;
        _groups = plan.Faults.Select(f => f.Group is { } name ? NamedGroups.Parse(new[] { name })[0] : (int?)null).ToArray();
        if (plan.Faults.Any(f => f.CertificateChain == TlsCertificateChainFault.ExtraCertificate))
        {
            using var extra = Pki.TestCertificates.Create(new Pki.CertificateSpec { Subject = "CN=TlsServer unrelated certificate" });
            ExtraCertificate = extra.RawData;
        }
    }

    public FaultPlan Plan { get; }

    /// <summary>CertificateChain ExtraCertificate: a self-signed certificate that belongs to nothing (DER).</summary>
    public byte[]? ExtraCertificate { get; }

    /// <summary>The code point of fault <paramref name="index"/>'s group, if it names one.</summary>
    public int? GroupOf(int index) => _groups[index];

    /// <summary>The faults of one connection, recorded on its session.</summary>
    public ConnectionFaults ForConnection(SessionRecord record) => new(this, record);
}
