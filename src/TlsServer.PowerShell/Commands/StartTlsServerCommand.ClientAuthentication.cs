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

    /// <summary>
    /// -ClientCertificate, or Request when only -VerifyDepth is given, as s_server's -verify depth asks for a
    /// certificate (-Verify, which requires one, is -ClientCertificate Require).
    /// </summary>
    private ClientCertificateMode ClientCertificateAsked =>
        Bound(nameof(ClientCertificate)) ? ClientCertificate
        : Bound(nameof(VerifyDepth)) ? ClientCertificateMode.Request
        : ClientCertificateMode.None;

    /// <summary>Verification parameters given while no client certificate is asked for do nothing: say so, as s_server does not.</summary>
    private void WarnOfUnusedClientVerification()
    {
        if (ClientCertificateAsked != ClientCertificateMode.None)
        {
            return;
        }

        var unused = new[] { nameof(CAFile), nameof(CAPath), nameof(CrlCheck), nameof(CrlCheckAll), nameof(CrlPath), nameof(VerifyReturnError), nameof(VerifyOption) }
            .Where(Bound).Select(name => "-" + name).ToArray();
        if (unused.Length > 0)
        {
            WriteWarning($"{string.Join(", ", unused)} {(unused.Length == 1 ? "verifies" : "verify")} client certificates, but none is asked for: " +
                "add -ClientCertificate Request (s_server -verify) or -ClientCertificate Require (s_server -Verify).");
        }
    }

    private ClientAuthenticationOptions BuildClientAuthentication() => new()
    {
        Mode = ClientCertificateAsked,
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
