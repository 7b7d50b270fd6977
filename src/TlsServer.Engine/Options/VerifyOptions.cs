using System.Collections;
using System.Globalization;

namespace TlsServer.Engine;

/// <summary>
/// OpenSSL's certificate verification options (s_server -attime, -purpose, -verify_hostname …). <see cref="Parse"/>
/// reads them by their OpenSSL names; options that BouncyCastle's PKIX cannot honour are kept so that the
/// server refuses them at start with a clear error instead of ignoring them.
/// </summary>
public sealed class VerifyOptions
{
    /// <summary>The OpenSSL names <see cref="Parse"/> knows, for tab completion and help.</summary>
    public static readonly IReadOnlyList<string> Names = new[]
    {
        "attime", "auth_level", "check_ss_sig", "explicit_policy", "extended_crl", "ignore_critical", "inhibit_any",
        "inhibit_map", "no_alt_chains", "no_check_time", "partial_chain", "policy", "policy_check", "policy_print",
        "purpose", "suiteB_128", "suiteB_128_only", "suiteB_192", "trusted_first", "use_deltas", "verify_depth",
        "verify_email", "verify_hostname", "verify_ip", "verify_name", "x509_strict",
    };

    /// <summary>The options BouncyCastle's PKIX cannot honour, with what to do instead.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Unsupported = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["no_check_time"] = "BouncyCastle's PKIX validator always checks validity periods; use attime to verify at another time",
        ["x509_strict"] = "BouncyCastle's PKIX validator has no strict mode; check the certificates with 'openssl verify -x509_strict'",
        ["extended_crl"] = "BouncyCastle's PKIX validator cannot switch OpenSSL's extended CRL features on or off; use crl_check with complete CRLs",
        ["suiteB_128"] = "BouncyCastle's TLS server has no Suite B mode; restrict the cipher suites and groups instead",
        ["suiteB_128_only"] = "BouncyCastle's TLS server has no Suite B mode; restrict the cipher suites and groups instead",
        ["suiteB_192"] = "BouncyCastle's TLS server has no Suite B mode; restrict the cipher suites and groups instead",
    };

    private readonly HashSet<string> _given = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Verify as at this time instead of now (attime).</summary>
    public DateTimeOffset? AtTime { get; init; }

    /// <summary>Minimum security level of the chain's keys, 0 to 5 (auth_level).</summary>
    public int? AuthLevel { get; init; }

    /// <summary>Also check the signature of the self-signed trust anchor (check_ss_sig).</summary>
    public bool CheckSelfSignedSignature { get; init; }

    public bool ExplicitPolicy { get; init; }

    /// <summary>Ignore unhandled critical extensions (ignore_critical).</summary>
    public bool IgnoreCritical { get; init; }

    public bool InhibitAnyPolicy { get; init; }

    public bool InhibitPolicyMapping { get; init; }

    /// <summary>Accept any trusted certificate as an anchor, not only self-signed roots (partial_chain).</summary>
    public bool PartialChain { get; init; }

    /// <summary>Acceptable policy OIDs (policy); setting one turns policy checking on.</summary>
    public IReadOnlyList<string> Policies { get; init; } = Array.Empty<string>();

    /// <summary>OpenSSL's policy processing (policy_check); explicit_policy, inhibit_any, inhibit_map and policy imply it.</summary>
    public bool PolicyCheck { get; init; }

    /// <summary>Record the valid policies on the verify result (policy_print).</summary>
    public bool PolicyPrint { get; init; }

    /// <summary>The purpose the client certificate must allow: sslclient (default), sslserver, any, smimesign, smimeencrypt, crlsign, ocsphelper, timestampsign.</summary>
    public string? Purpose { get; init; }

    public bool UseDeltas { get; init; }

    /// <summary>Overrides the depth given with the client certificate mode (verify_depth).</summary>
    public int? VerifyDepth { get; init; }

    public string? VerifyEmail { get; init; }

    public string? VerifyHostname { get; init; }

    public string? VerifyIP { get; init; }

    /// <summary>A named verification profile: default, pkcs7, smime_sign, ssl_client, ssl_server (verify_name).</summary>
    public string? VerifyName { get; init; }

    /// <summary>The OpenSSL names that were given, including the ones without an effect of their own.</summary>
    public IReadOnlyCollection<string> Given => _given;

    /// <summary>Reads options by their OpenSSL names (attime, verify_hostname …); a switch takes true, and false leaves it off.</summary>
    /// <exception cref="TlsServerException">VerifyOptionUnknown or VerifyOptionInvalid.</exception>
    public static VerifyOptions Parse(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var given = new List<string>();
        DateTimeOffset? atTime = null;
        int? authLevel = null, depth = null;
        string? purpose = null, email = null, host = null, ip = null, name = null;
        var policies = new List<string>();
        var switches = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (rawKey, value) in values)
        {
            string key = Names.FirstOrDefault(n => string.Equals(n, rawKey.TrimStart('-'), StringComparison.OrdinalIgnoreCase))
                ?? throw TlsServerException.Invalid(ErrorIds.VerifyOptionUnknown,
                    $"'{rawKey}' is not a verification option. Known options: {string.Join(", ", Names)}.", rawKey);
            given.Add(key);
            switch (key)
            {
                case "attime": atTime = Time(key, value); break;
                case "auth_level": authLevel = Integer(key, value, 0, 5); break;
                case "verify_depth": depth = Integer(key, value, 0, int.MaxValue); break;
                case "purpose": purpose = Text(key, value); break;
                case "verify_email": email = Text(key, value); break;
                case "verify_hostname": host = Text(key, value); break;
                case "verify_ip": ip = Text(key, value); break;
                case "verify_name": name = Text(key, value); break;
                case "policy": policies.AddRange(Texts(key, value)); break;
                default:
                    if (Switch(key, value))
                    {
                        switches.Add(key);
                    }
                    else
                    {
                        given.Remove(key);
                    }

                    break;
            }
        }

        var options = new VerifyOptions
        {
            AtTime = atTime,
            AuthLevel = authLevel,
            CheckSelfSignedSignature = switches.Contains("check_ss_sig"),
            ExplicitPolicy = switches.Contains("explicit_policy"),
            IgnoreCritical = switches.Contains("ignore_critical"),
            InhibitAnyPolicy = switches.Contains("inhibit_any"),
            InhibitPolicyMapping = switches.Contains("inhibit_map"),
            PartialChain = switches.Contains("partial_chain"),
            Policies = policies,
            PolicyCheck = switches.Contains("policy_check"),
            PolicyPrint = switches.Contains("policy_print"),
            Purpose = purpose,
            UseDeltas = switches.Contains("use_deltas"),
            VerifyDepth = depth,
            VerifyEmail = email,
            VerifyHostname = host,
            VerifyIP = ip,
            VerifyName = name,
        };
        options._given.UnionWith(given);
        return options;
    }

    private static TlsServerException Invalid(string key, object? value, string what) =>
        new(ErrorIds.VerifyOptionInvalid, ErrorKind.InvalidArgument, $"The verification option '{key}' needs {what}; '{value}' is not.", key);

    private static string Text(string key, object? value) =>
        value is string s && s.Length > 0 ? s : throw Invalid(key, value, "a non-empty string");

    private static IEnumerable<string> Texts(string key, object? value) => value switch
    {
        string s => new[] { Text(key, s) },
        IEnumerable e => e.Cast<object?>().Select(v => Text(key, v)).ToArray(),
        _ => throw Invalid(key, value, "an OID or a list of OIDs"),
    };

    private static int Integer(string key, object? value, int min, int max)
    {
        long? n = value switch
        {
            int i => i,
            long l => l,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) => l,
            _ => null,
        };
        return n is { } v && v >= min && v <= max ? (int)v : throw Invalid(key, value, $"a whole number from {min} to {max}");
    }

    private static DateTimeOffset Time(string key, object? value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d),
        int or long or string when long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), out long seconds) =>
            DateTimeOffset.FromUnixTimeSeconds(seconds),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => throw Invalid(key, value, "a date or seconds since 1970 (as s_server -attime)"),
    };

    private static bool Switch(string key, object? value) => value switch
    {
        null => true,
        bool b => b,
        int i => i != 0,
        string s when bool.TryParse(s, out bool b) => b,
        _ => throw Invalid(key, value, "true or false"),
    };
}
