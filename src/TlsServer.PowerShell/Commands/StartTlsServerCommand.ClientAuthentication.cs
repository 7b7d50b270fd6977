using System.Collections;
using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Start-TlsServer's client-certificate parameters (s_server -verify, -Verify, -CAfile, -crl_check …).</summary>
public sealed partial class StartTlsServerCommand
{
    [Parameter]
    public ClientCertificateMode ClientCertificate { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.VerifyDepth.Min, ServerLimits.VerifyDepth.Max)]
    public int? VerifyDepth { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CAFile { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CAPath { get; set; }

    [Parameter]
    public SwitchParameter NoCAFile { get; set; }

    [Parameter]
    public SwitchParameter NoCAPath { get; set; }

    [Parameter]
    public SwitchParameter CrlCheck { get; set; }

    [Parameter]
    public SwitchParameter CrlCheckAll { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? CrlPath { get; set; }

    [Parameter]
    public SwitchParameter VerifyReturnError { get; set; }

    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(Completion.VerifyOptionCompleter))]
    public Hashtable? VerifyOption { get; set; }

    private ClientAuthenticationOptions BuildClientAuthentication() => new()
    {
        Mode = ClientCertificate,
        VerifyDepth = VerifyDepth,
        CAFile = ResolvePath(CAFile),
        CAPath = ResolvePath(CAPath),
        NoCAFile = NoCAFile,
        NoCAPath = NoCAPath,
        CrlCheck = CrlCheck,
        CrlCheckAll = CrlCheckAll,
        CrlPaths = (CrlPath ?? Array.Empty<string>()).Select(p => ResolvePath(p)!).ToArray(),
        VerifyReturnError = VerifyReturnError,
        Verify = VerifyOption is null ? new VerifyOptions() : VerifyOptions.Parse(VerifyOption.Cast<DictionaryEntry>()
            .Select(e => new KeyValuePair<string, object?>(e.Key.ToString() ?? string.Empty, Unwrap(e.Value)))),
    };

    private static object? Unwrap(object? value) => value switch
    {
        PSObject o => Unwrap(o.BaseObject),
        SwitchParameter s => s.IsPresent,
        object[] array => array.Select(Unwrap).ToArray(),
        _ => value,
    };
}
