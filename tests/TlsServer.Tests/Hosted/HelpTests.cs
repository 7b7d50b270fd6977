using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>Get-Help from the built module's MAML: every cmdlet, every parameter, real examples.</summary>
public sealed class HelpTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public static TheoryData<string> Cmdlets()
    {
        var data = new TheoryData<string>();
        using var ps = new PowerShellSession();
        foreach (var name in ps.Run("(Get-Command -Module TlsServer -CommandType Cmdlet).Name"))
        {
            data.Add(name.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void FullHelpHasSynopsisDescriptionAndExamples(string cmdlet)
    {
        var help = _ps.Run($"Get-Help {cmdlet} -Full").Single();

        Assert.Equal("MamlCommandHelpInfo", help.TypeNames.First().Split('#').First().Split('.').Last());
        string synopsis = _ps.Get<string>($"(Get-Help {cmdlet}).Synopsis.Trim()");
        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        Assert.NotEqual(cmdlet, synopsis);
        Assert.NotEmpty(_ps.Run($"(Get-Help {cmdlet} -Full).Description.Text"));
        var examples = _ps.Run($"(Get-Help {cmdlet} -Examples).Examples.Example");
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.Contains(cmdlet, e.Properties["code"].Value.ToString()!, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void HelpDocumentsExactlyTheCmdletsParameters(string cmdlet)
    {
        var actual = _ps.Run($"(Get-Command {cmdlet}).Parameters.Keys").Select(o => o.ToString()!).Where(p => !System.Management.Automation.Cmdlet.CommonParameters.Contains(p)).Order();
        var documented = _ps.Run($"(Get-Help {cmdlet} -Full).Parameters.Parameter.Name").Select(o => o.ToString()!).Order();

        Assert.Equal(actual, documented);
        foreach (var parameter in documented)
        {
            string text = string.Join(" ", _ps.Run($"(Get-Help {cmdlet} -Parameter {parameter}).Description.Text"));
            Assert.False(string.IsNullOrWhiteSpace(text), $"{cmdlet} -{parameter} has no description");
        }
    }

    public void Dispose() => _ps.Dispose();
}
