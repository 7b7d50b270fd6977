using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>
/// -Protocol, -ExcludeProtocol, -MinimumProtocol and -MaximumProtocol take the names here (Tls12) and OpenSSL's
/// (TLSv1.2, as s_server -min_protocol takes them), in any case; anything else is the error UnknownProtocol.
/// </summary>
internal static class ProtocolParameters
{
    public static TlsProtocol[]? ParseList(PSCmdlet cmdlet, ListParameter parameter, IEnumerable<string>? values) =>
        parameter.Split(cmdlet, values)?.Select(value => Parse(cmdlet, parameter.Name, value)).ToArray();

    public static TlsProtocol? ParseOne(PSCmdlet cmdlet, string parameter, string? value) =>
        value is null ? null : Parse(cmdlet, parameter, value);

    /// <summary>The accepted names, for errors and help: "Tls10 (TLSv1), Tls11 (TLSv1.1) …".</summary>
    public static string Accepted => string.Join(", ", TlsNames.OpenSslProtocolNames.Select(p => $"{p.Key} ({p.Value})"));

    private static TlsProtocol Parse(PSCmdlet cmdlet, string parameter, string value)
    {
        if (!TlsNames.TryParseProtocol(value, out var protocol))
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.UnknownProtocol, ErrorCategory.InvalidArgument,
                $"-{parameter} '{value}' is not a protocol version. Use {Accepted}.", value));
        }

        return protocol;
    }
}
