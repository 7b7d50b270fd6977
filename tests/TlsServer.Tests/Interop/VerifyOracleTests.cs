using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>
/// The verification options whose effect needs policy-bearing intermediates, delta CRLs, CRLs out of their time or a
/// cross-certificate: openssl s_client presents the certificate, and the server's verdict must equal what
/// openssl verify says with the same flags (the oracle), which is also pinned so that a broken PKI cannot pass.
/// </summary>
public sealed class VerifyOracleTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly OpenSslPki _pki = OpenSslPki.Shared;

    [Theory]
    [InlineData("any", "", 0)]
    [InlineData("any", "-explicit_policy -policy 1.2.3.4", 0)]
    [InlineData("any", "-explicit_policy -policy 1.2.3.4 -inhibit_any", 43)]
    [InlineData("any", "-policy 1.2.3.4 -inhibit_any", 0)]
    [InlineData("any", "-explicit_policy", 43)]
    [InlineData("map", "-explicit_policy -policy 1.2.3.1", 0)]
    [InlineData("map", "-explicit_policy -policy 1.2.3.1 -inhibit_map", 43)]
    [InlineData("reqok", "", 0)]
    [InlineData("reqok", "-policy_check", 43)]
    [InlineData("reqok", "-policy_check -policy 1.2.3.1", 0)]
    [InlineData("req", "-policy_check -policy 1.2.3.4", 43)]
    [InlineData("crl-revoked", "-crl_check -CRLfile base.crl -CRLfile delta.crl", 0)]
    [InlineData("crl-revoked", "-crl_check -use_deltas -CRLfile base.crl -CRLfile delta.crl", 23)]
    [InlineData("crl-good", "-crl_check -use_deltas -CRLfile base.crl -CRLfile delta.crl", 0)]
    [InlineData("crl-good", "-crl_check", 3)]
    [InlineData("crl-good", "-crl_check -CRLfile expired.crl", 12)]
    [InlineData("crl-good", "-crl_check -CRLfile future.crl", 11)]
    [InlineData("crl-good", "-crl_check -CRLfile badsig.crl", 8)]
    [InlineData("crl-good", "-crl_check_all -CRLfile current.crl", 0)]
    [InlineData("crl-good", "-crl_check_all -CRLfile expired.crl", 12)]
    [InlineData("cross-leaf", "", 0)]
    [InlineData("cross-leaf", "-trusted_first", 0)]
    [InlineData("cross-leaf", "-no_alt_chains", 0)]
    public void VerdictEqualsOpenSslVerify(string client, string flags, int expected)
    {
        var arguments = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int oracle = _pki.Verify(client, arguments);
        Assert.Equal(expected, oracle);

        Connect(client, ServerOptions(arguments));

        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.True(oracle == _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"), _ps.Get<string>("$s.ClientVerifyResult.ToString() + ' ' + $s.ClientVerifyResult.Detail"));
        if (oracle != 0)
        {
            Assert.Equal(0, _ps.Get<int>("$s.ClientVerifyResult.ErrorDepth"));
        }
    }

    [Theory]
    [InlineData("expired.crl", 12, "certificate_expired", "alert certificate expired")]
    [InlineData("future.crl", 11, "bad_certificate", "alert bad certificate")]
    [InlineData("badsig.crl", 8, "decrypt_error", "alert decrypt error")]
    public void CrlFailureSendsOpenSslsAlertWithVerifyReturnError(string crl, int code, string alert, string clientSees)
    {
        var result = Connect("crl-good", $"-CrlCheck -CrlPath '{_pki.P(crl)}' -VerifyReturnError -Protocol Tls12");

        _ps.Run("$s = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15");
        Assert.Equal(code, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
        Assert.Equal(alert, _ps.Get<string>("$s.Alert.Description"));
        Assert.Contains(clientSees, result.Process.AllOutput);
    }

    /// <summary>
    /// The documented difference: OpenSSL processes policies only with policy_check (or an option implying it);
    /// BouncyCastle always does, so a chain that breaks its own policyConstraints fails here without any option.
    /// </summary>
    [Fact]
    public void PolicyConstraintsAreEnforcedWithoutPolicyCheckUnlikeOpenSsl()
    {
        Assert.Equal(0, _pki.Verify("req", Array.Empty<string>()));
        Assert.Equal(43, _pki.Verify("req", new[] { "-policy_check" }));

        Connect("req", string.Empty);

        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.Equal(43, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
    }

    /// <summary>openssl verify flags as Start-TlsServer parameters: -crl_check → -CrlCheck, -CRLfile → -CrlPath, the rest → -VerifyOption.</summary>
    private string ServerOptions(string[] flags)
    {
        var parameters = new List<string>();
        var crls = new List<string>();
        var options = new List<string>();
        for (int i = 0; i < flags.Length; i++)
        {
            switch (flags[i])
            {
                case "-crl_check": parameters.Add("-CrlCheck"); break;
                case "-crl_check_all": parameters.Add("-CrlCheckAll"); break;
                case "-CRLfile": crls.Add($"'{_pki.P(flags[++i])}'"); break;
                case "-policy": options.Add($"policy = '{flags[++i]}'"); break;
                default: options.Add($"{flags[i].TrimStart('-')} = $true"); break;
            }
        }

        if (crls.Count > 0)
        {
            parameters.Add("-CrlPath " + string.Join(',', crls));
        }

        parameters.Add($"-VerifyOption @{{ {string.Join("; ", options)} }}");
        return string.Join(' ', parameters);
    }

    private SClientResult Connect(string client, string serverOptions)
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile '{_pki.P("root.pem")}' {serverOptions}; $server.Port");
        var options = new List<string> { "-cert", _pki.P(client + ".pem"), "-key", _pki.P(client + ".key") };
        if (_pki.ChainOf(client) is { } chain)
        {
            options.AddRange(new[] { "-cert_chain", chain });
        }

        var result = OpenSsl.Connect(port, null, options.ToArray());
        return result;
    }

    public void Dispose() => _ps.Dispose();
}
