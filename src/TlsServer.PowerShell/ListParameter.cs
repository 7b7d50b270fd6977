using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>
/// One rule for every parameter that takes a list in s_server: it takes a PowerShell array (-Alpn h2, http/1.1) or
/// s_server's own string, split at s_server's separator (-Alpn 'h2,http/1.1'), or both mixed. No value of these
/// lists can hold its separator (s_server could not take it either), so a string is always split; an empty
/// element ('h2,,x') is the error EmptyListElement, which shows both forms.
/// </summary>
internal sealed class ListParameter
{
    public static readonly ListParameter Alpn = new("Alpn", ',', "h2", "http/1.1");
    public static readonly ListParameter NextProtoNeg = new("NextProtoNeg", ',', "h2", "http/1.1");
    public static readonly ListParameter Group = new("Group", ':', "X25519", "P-256");
    public static readonly ListParameter SignatureAlgorithm = new("SignatureAlgorithm", ':', "rsa_pss_rsae_sha256", "ecdsa_secp256r1_sha256");
    public static readonly ListParameter ClientSignatureAlgorithm = new("ClientSignatureAlgorithm", ':', "rsa_pss_rsae_sha256", "ecdsa_secp256r1_sha256");
    public static readonly ListParameter CipherSuite = new("CipherSuite", ':', "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");
    public static readonly ListParameter Protocol = new("Protocol", ',', "Tls12", "Tls13");
    public static readonly ListParameter ExcludeProtocol = new("ExcludeProtocol", ',', "Tls10", "Tls11");

    private readonly string[] _example;

    private ListParameter(string name, char separator, params string[] example)
    {
        Name = name;
        Separator = separator;
        _example = example;
    }

    public string Name { get; }

    public char Separator { get; }

    /// <summary>How the parameter takes a list, for errors: "an array (-Alpn h2, http/1.1) or one string separated by ',' (-Alpn 'h2,http/1.1')".</summary>
    public string Forms =>
        $"an array (-{Name} {string.Join(", ", _example)}) or one string separated by '{Separator}' as s_server takes it (-{Name} '{string.Join(Separator, _example)}')";

    /// <summary>The elements, trimmed, in order; null stays null and an empty array or one empty string stays empty.</summary>
    public string[]? Split(PSCmdlet cmdlet, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return null;
        }

        var given = values.ToArray();
        if (given.All(string.IsNullOrEmpty))
        {
            return Array.Empty<string>();
        }

        var items = new List<string>();
        foreach (string value in given)
        {
            foreach (string part in (value ?? string.Empty).Split(Separator))
            {
                string item = part.Trim();
                if (item.Length == 0)
                {
                    cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.EmptyListElement, ErrorCategory.InvalidArgument,
                        $"-{Name} '{string.Join("', '", given)}' has an empty element. -{Name} takes {Forms}.", value));
                }

                items.Add(item);
            }
        }

        return items.ToArray();
    }
}
