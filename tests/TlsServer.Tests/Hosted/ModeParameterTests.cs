using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>Start-TlsServer's mode switches as a user types them: what the server reports, and the errors.</summary>
public sealed class ModeParameterTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("tlsserver-mode-").FullName;

    [Theory]
    [InlineData("", "Interactive")]
    [InlineData("-Www", "Www")]
    [InlineData("-Reverse", "Reverse")]
    [InlineData("-WwwRoot $folder", "WwwRoot")]
    [InlineData("-HttpRoot $folder", "HttpRoot")]
    public void EachSwitchSelectsItsMode(string options, string mode)
    {
        var server = _ps.Run($"$folder = '{_folder}'; Start-TlsServer -Port 0 {options}").Single();

        Assert.Equal(mode, server.Properties["Mode"].Value.ToString());
        Assert.Equal(mode.EndsWith("Root") ? _folder : null, server.Properties["DocumentRoot"].Value);
    }

    [Fact]
    public void ARelativeRootIsResolvedAgainstTheCurrentLocation()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "site"));

        var root = _ps.Run($"$ExecutionContext.SessionState.Path.SetLocation('{_folder}') | Out-Null; (Start-TlsServer -Port 0 -WwwRoot ./site).DocumentRoot").Single();

        Assert.Equal(Path.Combine(_folder, "site"), Path.TrimEndingDirectorySeparator(root.ToString()!));
    }

    [Fact]
    public void CrlfIsReportedOnTheServer()
    {
        Assert.True(_ps.Get<bool>("(Start-TlsServer -Port 0 -Crlf).Crlf"));
        Assert.False(_ps.Get<bool>("(Start-TlsServer -Port 0).Crlf"));
    }

    [Theory]
    [InlineData("-Www -Reverse")]
    [InlineData("-WwwRoot $folder -HttpRoot $folder")]
    [InlineData("-Www -WwwRoot $folder")]
    public void TwoModesAreAConflict(string options)
    {
        var error = _ps.RunExpectingError($"$folder = '{_folder}'; Start-TlsServer -Port 0 {options}");

        Assert.Equal("ModeConflict,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(_ps.Run("Get-TlsServer | Where-Object { $_.OwnerId -eq [runspace]::DefaultRunspace.InstanceId }"));
    }

    [Fact]
    public void ARootThatIsAFileIsAClearError()
    {
        string file = Path.Combine(_folder, "file.txt");
        File.WriteAllText(file, "x");

        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 -HttpRoot '{file}'");

        Assert.Equal("DocumentRootNotFound,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
    }

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
