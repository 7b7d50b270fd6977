using System.Text.RegularExpressions;

namespace TlsServer.Tests.Harness;

/// <summary>The openssl command line, as a real peer and as a maker of test credentials.</summary>
public static class OpenSsl
{
    public static ProcessResult Run(params string[] arguments) => ExternalProcess.Run("openssl", arguments);

    /// <summary>Runs openssl and fails the test if it fails; for making test material.</summary>
    public static string MustRun(params string[] arguments)
    {
        var result = Run(arguments);
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"openssl {string.Join(' ', arguments)} failed: {result.AllOutput}");
        }

        return result.StandardOutput;
    }

    /// <summary>Connects with s_client -brief, sends <paramref name="input"/>, and closes at end of input.</summary>
    public static SClientResult Connect(int port, string? input = null, params string[] options)
    {
        var arguments = new List<string> { "s_client", "-connect", $"127.0.0.1:{port}", "-brief" };
        arguments.AddRange(options);
        return new SClientResult(ExternalProcess.Run("openssl", arguments, input ?? string.Empty, TimeSpan.FromSeconds(20)));
    }
}

/// <summary>What s_client -brief reported.</summary>
public sealed class SClientResult
{
    public SClientResult(ProcessResult process)
    {
        Process = process;
        Protocol = Field("Protocol version");
        Cipher = Field("Ciphersuite");
        TempKey = Field("Server Temp Key");
        PeerSignatureType = Field("Peer signature type");
    }

    public ProcessResult Process { get; }

    /// <summary>TLSv1.2 or TLSv1.3.</summary>
    public string? Protocol { get; }

    /// <summary>OpenSSL's name of the suite: TLS_AES_256_GCM_SHA384, ECDHE-RSA-AES256-GCM-SHA384…</summary>
    public string? Cipher { get; }

    public string? TempKey { get; }

    public string? PeerSignatureType { get; }

    public bool Connected => Protocol is not null && Process.AllOutput.Contains("CONNECTION ESTABLISHED");

    private string? Field(string name)
    {
        var match = Regex.Match(Process.AllOutput, $"^{Regex.Escape(name)}: (.+)$", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }
}
