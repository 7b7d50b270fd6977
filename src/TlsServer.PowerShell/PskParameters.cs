using System.Collections;
using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>
/// Turns -Psk/-PskIdentity or -PskTable into the engine's identity → hex map; the engine checks the hex.
/// ParameterConflicts has made sure that not both were given.
/// </summary>
internal static class PskParameters
{
    public static IReadOnlyDictionary<string, string>? Collect(PSCmdlet cmdlet, string? psk, string identity, bool identityGiven, IDictionary? table)
    {
        if (identityGiven && psk is null)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PskIdentityWithoutPsk, ErrorCategory.InvalidArgument,
                "-PskIdentity names the identity of the -Psk key; add -Psk <hex>.", identity));
        }

        if (psk is not null)
        {
            return new Dictionary<string, string> { [identity] = psk };
        }

        if (table is null)
        {
            return null;
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            string name = LanguagePrimitives.ConvertTo<string>(entry.Key);
            keys[name] = PSObject.AsPSObject(entry.Value).BaseObject switch
            {
                string hex => hex,
                byte[] bytes => Convert.ToHexString(bytes),
                _ => string.Empty, // the engine's PskNotHex names the identity
            };
        }

        return keys;
    }
}
