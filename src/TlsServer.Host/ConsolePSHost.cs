using System.Globalization;
using System.Management.Automation.Host;

namespace TlsServer.Host;

/// <summary>The PSHost: identity, UI and the 'exit N' hand-off from the engine.</summary>
internal sealed class ConsolePSHost : PSHost
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private readonly ConsoleHostUserInterface _ui = new();

    public override string Name => "TlsServer.Host";
    public override Version Version { get; } = typeof(ConsolePSHost).Assembly.GetName().Version ?? new Version(0, 1);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => _culture;
    public override CultureInfo CurrentUICulture => _uiCulture;

    /// <summary>True once the script ran 'exit'.</summary>
    public bool ShouldExit { get; private set; }

    /// <summary>The code given to 'exit'.</summary>
    public int ExitCode { get; private set; }

    /// <summary>Called by the engine when a top-level 'exit N' runs.</summary>
    public override void SetShouldExit(int exitCode)
    {
        ExitCode = exitCode;
        ShouldExit = true;
    }

    public override void EnterNestedPrompt() =>
        throw new NotSupportedException("TlsServer.Host does not support nested prompts.");

    public override void ExitNestedPrompt() =>
        throw new NotSupportedException("TlsServer.Host does not support nested prompts.");

    public override void NotifyBeginApplication() { }

    public override void NotifyEndApplication() { }
}
