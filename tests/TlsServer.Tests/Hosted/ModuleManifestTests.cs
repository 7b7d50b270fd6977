using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

public sealed class ModuleManifestTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Fact]
    public void ManifestExportsExactlyTheCmdletsTheAssemblyHas()
    {
        var commands = _ps.Run("(Get-Command -Module TlsServer -CommandType Cmdlet).Name").Select(o => o.ToString()).Order();

        Assert.Equal(ModuleManifest.CmdletsToExport.Order(), commands);
    }

    [Fact]
    public void ManifestTargetsPowerShell74Core()
    {
        Assert.Equal("7.4", ModuleManifest.Get("PowerShellVersion"));
        Assert.Equal(new object[] { "Core" }, (object[])ModuleManifest.Get("CompatiblePSEditions")!);
        Assert.Equal("Core", _ps.Get<string>("(Get-Module TlsServer).CompatiblePSEditions -join ','"));
    }

    [Fact]
    public void EnumParametersCompleteTheirValues()
    {
        var completions = _ps.Run("""
            $line = 'Start-TlsServer -Protocol Tls1'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            """).Select(o => o.ToString());

        Assert.Equal(new[] { "Tls10", "Tls11", "Tls12", "Tls13" }, completions);
    }

    [Fact]
    public void ServerNamesComplete()
    {
        var completions = _ps.Run("""
            $null = Start-TlsServer -Port 0 -Name 'completion-target'
            $line = 'Stop-TlsServer -Name completion-t'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            """).Select(o => o.ToString());

        Assert.Equal(new[] { "completion-target" }, completions);
    }

    public void Dispose() => _ps.Dispose();
}
