using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>Two Start-TlsServer parameters that cannot go together, and why, in words that say what to do.</summary>
internal sealed record ParameterConflict(string Parameter, string Other, string Reason, ConflictCheck EnforcedBy);

/// <summary>What stops a pair of the table first.</summary>
internal enum ConflictCheck
{
    /// <summary>The cmdlet, with the error ParameterConflict.</summary>
    Cmdlet,

    /// <summary>
    /// PowerShell's binder: the two share no parameter set of Start-TlsServer, so the call stops with
    /// AmbiguousParameterSet before the cmdlet runs. The row stays so the table still lists every pair.
    /// </summary>
    ParameterSet,
}

/// <summary>
/// Every pair of Start-TlsServer parameters that cannot go together. One check walks the table, so each pair
/// stops the same way: the error ParameterConflict, naming both parameters and the reason. It is about which
/// parameters were given, so it stays with the cmdlet; the engine checks the values. Pairs from two transports
/// (parameter sets Tcp, UnixSocket, Dtls) are marked <see cref="ConflictCheck.ParameterSet"/>: the binder stops them first.
/// </summary>
internal static class ParameterConflicts
{
    private static readonly string[] CertificateParameters =
    {
        "Certificate", "CertificatePath", "KeyPath", "KeyPassword", "Pass", "AdditionalCertificate", "AdditionalCertificatePath",
        "AdditionalKeyPath", "AdditionalKeyPassword", "AdditionalPass", "ChainPath", "ServerNameCertificate",
    };

    public static IReadOnlyList<ParameterConflict> Rows { get; } = new[]
    {
        Each("UnixSocket", new[] { "Port", "Accept", "Address", "AddressFamily" },
            "a Unix socket is a path and has no address or port; give -UnixSocket alone, or an address and port without it",
            ConflictCheck.ParameterSet),
        Each("UnixSocket", new[] { "Dtls" }, "DTLS runs over UDP and a Unix socket here is a stream socket; drop one of them",
            ConflictCheck.ParameterSet),
        Each("Accept", new[] { "Port", "Address" }, "-Accept 'host:port' gives the address and the port; give -Accept alone, or -Address and -Port"),
        OneOf(new[] { "Www", "WwwRoot", "HttpRoot", "Reverse" }, "each chooses what the server does with a connection; give at most one"),
        Each("KeyPassword", new[] { "Pass" }, "both give the key's password; give it one way"),
        Each("AdditionalKeyPassword", new[] { "AdditionalPass" }, "both give the additional key's password; give it one way"),
        Each("Certificate", new[] { "CertificatePath", "KeyPath", "KeyPassword", "Pass" },
            "a certificate object carries its own key; give the object, or the files and their password"),
        Each("AdditionalCertificate", new[] { "AdditionalCertificatePath", "AdditionalKeyPath", "AdditionalKeyPassword", "AdditionalPass" },
            "a certificate object carries its own key; give the object, or the files and their password"),
        Each("NoCertificate", CertificateParameters, "-NoCertificate serves anonymous suites with no certificate at all; drop one of them"),
        Each("Psk", new[] { "PskTable" }, "give one key with -Psk (and -PskIdentity), or several with -PskTable"),
        Each("PskIdentity", new[] { "PskTable" }, "-PskIdentity names the -Psk key, and -PskTable names its own keys; put the identity in the table"),
        Each("NoSessionCache", new[] { "SessionCacheSize", "SessionCacheTimeoutSec" }, "without a session cache there is nothing to size or time out; drop one of them"),
        Each("NoCAFile", new[] { "CAFile" }, "-NoCAFile leaves out the default CA file, -CAFile names one; give one of them"),
        Each("NoCAPath", new[] { "CAPath" }, "-NoCAPath leaves out the default CA folder, -CAPath names one; give one of them"),
        Each("StatusFile", new[] { "Status", "StatusUrl" }, "staple either the fixed response of -StatusFile or responses fetched with -Status or -StatusUrl"),
        Each("NoDhe", new[] { "DhParameterPath" }, "-NoDhe removes the DHE suites that -DhParameterPath gives parameters for; drop one of them"),
        Each("AlpnFatal", new[] { "AlpnOptional" }, "-AlpnFatal ends a handshake with no common ALPN protocol and -AlpnOptional lets it go on; give one of them"),
    }.SelectMany(rows => rows).ToArray();

    /// <summary>Stops with ParameterConflict at the first pair of the table that was given.</summary>
    public static void Check(PSCmdlet cmdlet)
    {
        var bound = cmdlet.MyInvocation.BoundParameters;
        bool Given(string name) => bound.TryGetValue(name, out object? value) && value is not SwitchParameter { IsPresent: false };

        foreach (var row in Rows.Where(row => Given(row.Parameter) && Given(row.Other)))
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.ParameterConflict, ErrorCategory.InvalidArgument,
                $"-{row.Parameter} and -{row.Other} cannot go together: {row.Reason}.", row));
        }
    }

    private static IEnumerable<ParameterConflict> Each(
        string parameter, IEnumerable<string> others, string reason, ConflictCheck enforcedBy = ConflictCheck.Cmdlet) =>
        others.Where(other => other != parameter).Select(other => new ParameterConflict(parameter, other, reason, enforcedBy));

    private static IEnumerable<ParameterConflict> OneOf(IReadOnlyList<string> parameters, string reason) =>
        parameters.SelectMany((parameter, i) => Each(parameter, parameters.Skip(i + 1), reason));
}
