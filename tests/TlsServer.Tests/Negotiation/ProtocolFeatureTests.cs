using System.Text.RegularExpressions;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Negotiation;

/// <summary>-NoExtendedMasterSecret, -NoEncryptThenMac and -NoMiddleboxCompatibility against s_client; -Bugs and -Compression refused.</summary>
public sealed class ProtocolFeatureTests : NegotiationSession
{
    private const string CbcSuite = "ECDHE-RSA-AES128-SHA";

    [Theory]
    [InlineData("", true)]
    [InlineData("-NoExtendedMasterSecret", false)]
    [InlineData("-NoEms", false)]
    public void ExtendedMasterSecretFollowsTheSwitch(string arguments, bool expected)
    {
        int port = Start($"{Rsa} -Protocol Tls12 {arguments}");

        var client = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-tls1_2", "-tlsextdebug");

        Assert.Contains($"Extended master secret: {(expected ? "yes" : "no")}", client.AllOutput);
        Assert.Equal(expected, client.AllOutput.Contains("TLS server extension \"extended master secret\""));
        Assert.Equal(expected, Get(Ended(), "ExtendedMasterSecret"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("-NoEncryptThenMac", false)]
    public void EncryptThenMacFollowsTheSwitch(string arguments, bool expected)
    {
        int port = Start($"{Rsa} -Protocol Tls12 -Cipher {CbcSuite} {arguments}");

        var client = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-tls1_2", "-cipher", CbcSuite, "-tlsextdebug");

        Assert.Contains($"Cipher    : {CbcSuite}", client.AllOutput);
        Assert.Equal(expected, client.AllOutput.Contains("TLS server extension \"encrypt-then-mac\""));
        Assert.Equal(expected, Get(Ended(), "EncryptThenMac"));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("-NoMiddleboxCompatibility", 0)]
    public void TlsThirteenChangeCipherSpecFollowsTheSwitch(string arguments, int expected)
    {
        int port = Start($"{Rsa} -Protocol Tls13 {arguments}");

        var client = OpenSsl.Connect(port, null, "-tls1_3", "-msg");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(expected, ChangeCipherSpecRecordsReceived(client.Process.AllOutput));
    }

    [Fact]
    public void TlsTwelveStillSendsItsChangeCipherSpec()
    {
        int port = Start($"{Rsa} -Protocol Tls12 -NoMiddlebox");

        var client = OpenSsl.Connect(port, null, "-tls1_2", "-msg");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(1, ChangeCipherSpecRecordsReceived(client.Process.AllOutput));
    }

    [Theory]
    [InlineData("-Bugs", "BugWorkaroundsNotSupported", "-bugs")]
    [InlineData("-Compression", "CompressionNotSupported", "-comp")]
    [InlineData("-Async", "AsyncJobsNotSupported", "-async")]
    [InlineData("-NumTickets 2", "Tls13TicketsNotSupported", "-num_tickets")]
    [InlineData("-EarlyData", "EarlyDataNotSupported", "-early_data")]
    [InlineData("-MaxEarlyData 16384", "EarlyDataNotSupported", "-early_data")]
    [InlineData("-MaxPipelines 4", "PipelinesNotSupported", "-max_pipelines")]
    [InlineData("-RandomSeedPath /dev/urandom", "RandomSeedNotSupported", "-rand")]
    public void OpenSslOnlySwitchesAreClearErrors(string arguments, string errorId, string sServerOption)
    {
        var error = StartFails(arguments);

        Assert.Equal($"{errorId},{Command}", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Contains(sServerOption, error.Exception.Message);
    }

    [Theory]
    [InlineData("-MaxSendFragment 512", 512)]
    [InlineData("-SplitSendFragment 1000", 1000)]
    [InlineData("", 16384)]
    public void RecordsCarryAtMostMaxSendFragmentBytes(string arguments, int fragment)
    {
        int port = Start($"{Rsa} -Protocol Tls12 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -Www {arguments}");

        var client = OpenSsl.Connect(port, "GET / HTTP/1.0\r\n\r\n", "-tls1_2", "-msg", "-ign_eof");

        Assert.Contains("</html>", client.Process.AllOutput);
        // AES-GCM in TLS 1.2 adds an 8-byte explicit nonce and a 16-byte tag to each record.
        var plaintextLengths = ApplicationDataRecordLengths(client.Process.AllOutput).Select(length => length - 24).ToArray();
        Assert.NotEmpty(plaintextLengths);
        Assert.True(plaintextLengths.Max() <= fragment, string.Join(",", plaintextLengths));
        if (arguments.Length == 0)
        {
            Assert.True(plaintextLengths.Max() > 1000, "the status page fits a few full records: " + string.Join(",", plaintextLengths));
        }
        else
        {
            Assert.Contains(fragment, plaintextLengths);
        }
    }

    [Fact]
    public void MaxSendFragmentOutsideOpenSslsRangeIsRefused()
    {
        var error = StartFails("-MaxSendFragment 511");

        Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
    }

    private static IEnumerable<int> ApplicationDataRecordLengths(string output) =>
        Regex.Matches(output, @"^<<< [^\n]*RecordHeader \[length 0005\]\r?\n\s+17 03 03 ([0-9a-f]{2}) ([0-9a-f]{2})", RegexOptions.Multiline)
            .Select(m => Convert.ToInt32(m.Groups[1].Value + m.Groups[2].Value, 16));

    /// <summary>s_client -msg prints each received record header as hex: 14 03 03 00 01 is a ChangeCipherSpec.</summary>
    private static int ChangeCipherSpecRecordsReceived(string output) =>
        Regex.Matches(output, @"^<<< [^\n]*RecordHeader \[length 0005\]\r?\n\s+14 03 03 00 01", RegexOptions.Multiline).Count;
}
