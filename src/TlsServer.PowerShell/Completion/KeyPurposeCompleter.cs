using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TlsServer.Engine.Pki;

namespace TlsServer.PowerShell.Completion;

/// <summary>Completes -ExtendedKeyUsage with the purpose names New-TlsCertificate knows.</summary>
public sealed class KeyPurposeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        TestCertificates.KeyPurposeNames
            .Where(n => n.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}
