namespace TlsServer.Engine.CipherSuites;

/// <summary>What a cipher string expanded to.</summary>
/// <param name="Suites">The TLS 1.2-and-older suites selected, in order.</param>
/// <param name="Unmatched">Words and rules that selected nothing (OpenSSL skips them silently).</param>
/// <param name="SecurityLevel">The level given with @SECLEVEL=n, if any.</param>
internal sealed record CipherStringResult(IReadOnlyList<CipherSuiteInfo> Suites, IReadOnlyList<string> Unmatched, int? SecurityLevel);

/// <summary>
/// OpenSSL's cipher-string language (openssl-ciphers(1)): names and aliases joined by '+', the operators '!', '-'
/// and '+', and @STRENGTH and @SECLEVEL=n. It starts from OpenSSL's preference order and applies the same rules,
/// so a string gives the suites OpenSSL gives, in the same order. IANA names are accepted too.
/// </summary>
internal sealed class CipherString
{
    private readonly List<Entry> _list;

    private CipherString(IEnumerable<CipherSuiteInfo> universe)
    {
        _list = universe.Select(c => new Entry(c)).ToList();
        ApplyPreferenceOrder();
    }

    private enum Rule
    {
        Add,
        Kill,
        Delete,
        Order,
        Bump,
    }

    public static CipherStringResult Expand(string text)
    {
        var state = new CipherString(CipherSuiteCatalog.CipherStringUniverse.Concat(ExplicitOnly(text)));
        var unmatched = new List<string>();
        int? level = null;
        string rest = text.Trim();
        foreach (var (keyword, replacement) in CipherStringAliases.SuiteB)
        {
            if (rest.StartsWith(keyword, StringComparison.Ordinal))
            {
                rest = replacement;
                break;
            }
        }

        if (rest.StartsWith("DEFAULT", StringComparison.Ordinal))
        {
            state.Process(CipherStringAliases.Default, unmatched, ref level);
            rest = rest.Substring("DEFAULT".Length).TrimStart(':');
        }

        state.Process(rest, unmatched, ref level);
        return new CipherStringResult(state._list.Where(e => e.Active).Select(e => e.Suite).ToArray(), unmatched, level);
    }

    /// <summary>Like <see cref="Expand"/>, but a string that selects nothing is an error that names the parts that matched nothing.</summary>
    public static CipherStringResult ExpandSome(string text)
    {
        var result = Expand(text);
        if (result.Suites.Count == 0)
        {
            throw TlsServerException.Invalid(ErrorIds.CipherStringNoMatch,
                $"The cipher string '{text}' selects no cipher suite. {DescribeUnmatched(result.Unmatched)}", text);
        }

        return result;
    }

    /// <summary>Names the parts that matched nothing, and points TLS 1.3 suite names to -CipherSuite.</summary>
    public static string DescribeUnmatched(IReadOnlyList<string> parts)
    {
        string text = $"These parts of the cipher string matched nothing: {string.Join(", ", parts.Select(p => $"'{p}'"))}.";
        var tls13 = parts.Where(p => CipherSuiteCatalog.Find(p.TrimStart('!', '-', '+')) is { IsTls13: true }).ToArray();
        return tls13.Length == 0 ? text
            : $"{text} {string.Join(", ", tls13.Select(p => $"'{p}'"))} {(tls13.Length == 1 ? "is a TLS 1.3 suite" : "are TLS 1.3 suites")}: " +
              "give TLS 1.3 suites with -CipherSuite (s_server -ciphersuites); -Cipher (s_server -cipher) is for TLS 1.2 and older.";
    }

    /// <summary>The suite names a cipher string gives by name (OpenSSL's or IANA's), not through an alias such as HIGH.</summary>
    public static IReadOnlySet<string> NamedSuites(string text) =>
        text.Split(new[] { ':', ' ', ';', ',', '+' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.TrimStart('!', '-'))
            .Where(word => CipherSuiteCatalog.Find(word) is not null)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static bool IsSeparator(char c) => c is ':' or ' ' or ';' or ',';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '=';

    /// <summary>Suites outside OpenSSL's list that the string names by IANA name join the list at its end.</summary>
    private static IEnumerable<CipherSuiteInfo> ExplicitOnly(string text) =>
        text.Split(new[] { ':', ' ', ';', ',', '+', '!', '-' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(CipherSuiteCatalog.Find)
            .Where(c => c is { OpenSslName: null, IsTls13: false })
            .Select(c => c!)
            .DistinctBy(c => c.Id);

    private void Process(string text, List<string> unmatched, ref int? level)
    {
        int i = 0;
        while (i < text.Length)
        {
            char ch = text[i];
            if (IsSeparator(ch))
            {
                i++;
                continue;
            }

            int ruleStart = i;
            Rule? rule = ch switch { '-' => Rule.Delete, '+' => Rule.Order, '!' => Rule.Kill, _ => Rule.Add };
            bool special = ch == '@';
            if (ch is '-' or '+' or '!' or '@')
            {
                i++;
            }

            CipherPattern? pattern = null;
            bool found = true;
            while (true)
            {
                int start = i;
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    throw Invalid(text, $"'{(i < text.Length ? text[i].ToString() : "end of string")}' at position {i + 1} is neither a name, an operator nor a separator.");
                }

                string word = text[start..i];
                if (special)
                {
                    level = Special(word, level);
                    break;
                }

                bool more = i < text.Length && text[i] == '+';
                if (more)
                {
                    i++;
                }

                var wordPattern = Lookup(word);
                pattern = wordPattern is null ? null : pattern is null ? wordPattern : pattern.And(wordPattern);
                if (pattern is null)
                {
                    found = false;
                    break;
                }

                if (!more)
                {
                    break;
                }
            }

            // The rest of a rule that stopped early (an unknown word, '@' options) is skipped, as in OpenSSL.
            while (i < text.Length && !IsSeparator(text[i]))
            {
                i++;
            }

            if (special)
            {
                continue;
            }

            string ruleText = text[ruleStart..i];
            if (!found || pattern is null || Apply(pattern, rule!.Value) == 0)
            {
                unmatched.Add(ruleText);
            }
        }
    }

    private static CipherPattern? Lookup(string word)
    {
        if (CipherStringAliases.ByName.TryGetValue(word, out var alias))
        {
            return alias;
        }

        var suite = CipherSuiteCatalog.Find(word);
        return suite is null || suite.IsTls13 ? null : new CipherPattern(Id: suite.Id);
    }

    private int? Special(string word, int? level)
    {
        if (word == "STRENGTH")
        {
            SortByStrength();
            return level;
        }

        if (word.Length == 10 && word.StartsWith("SECLEVEL=", StringComparison.Ordinal) && word[9] is >= '0' and <= '5')
        {
            return word[9] - '0';
        }

        throw Invalid(word, $"'@{word}' is not @STRENGTH or @SECLEVEL=n with n from 0 to 5.");
    }

    /// <summary>OpenSSL's rule application: returns how many suites the rule touched.</summary>
    private int Apply(CipherPattern pattern, Rule rule)
    {
        var snapshot = _list.ToArray();
        if (rule is Rule.Delete or Rule.Bump)
        {
            Array.Reverse(snapshot);
        }

        int touched = 0;
        foreach (var e in snapshot)
        {
            if (!pattern.Matches(e.Suite))
            {
                continue;
            }

            touched++;
            switch (rule)
            {
                case Rule.Add when !e.Active:
                    MoveToEnd(e);
                    e.Active = true;
                    break;
                case Rule.Order when e.Active:
                    MoveToEnd(e);
                    break;
                case Rule.Delete when e.Active:
                    MoveToFront(e);
                    e.Active = false;
                    break;
                case Rule.Bump when e.Active:
                    MoveToFront(e);
                    break;
                case Rule.Kill:
                    _list.Remove(e);
                    break;
            }
        }

        return touched;
    }

    /// <summary>Stable: the active suites move to the end, strongest first, each group in its current order.</summary>
    private void SortByStrength()
    {
        var active = _list.Where(e => e.Active).ToList();
        foreach (var bits in active.Select(e => e.Suite.Bits).Distinct().OrderDescending())
        {
            foreach (var e in active.Where(e => e.Suite.Bits == bits))
            {
                MoveToEnd(e);
            }
        }
    }

    /// <summary>The order OpenSSL sorts its suites into before reading a string; every suite ends inactive.</summary>
    private void ApplyPreferenceOrder()
    {
        const CipherKeyExchange ephemeral = CipherKeyExchange.Dhe | CipherKeyExchange.Ecdhe;
        Apply(new CipherPattern(CipherKeyExchange.Ecdhe, CipherAuthentication.Ecdsa), Rule.Add);
        Apply(new CipherPattern(CipherKeyExchange.Ecdhe), Rule.Add);
        Apply(new CipherPattern(CipherKeyExchange.Ecdhe), Rule.Delete);
        Apply(new CipherPattern(Encryption: CipherEncryption.AesGcm), Rule.Add);
        Apply(new CipherPattern(Encryption: CipherEncryption.ChaCha20Poly1305), Rule.Add);
        Apply(new CipherPattern(Encryption: CipherEncryption.Aes & ~CipherEncryption.AesGcm), Rule.Add);
        Apply(new CipherPattern(), Rule.Add);
        Apply(new CipherPattern(Mac: CipherMac.Md5), Rule.Order);
        Apply(new CipherPattern(Authentication: CipherAuthentication.Null), Rule.Order);
        Apply(new CipherPattern(CipherKeyExchange.Rsa), Rule.Order);
        Apply(new CipherPattern(CipherKeyExchange.Psk), Rule.Order);
        SortByStrength();
        Apply(new CipherPattern(MinimumProtocol: TlsProtocol.Tls12), Rule.Bump);
        Apply(new CipherPattern(Mac: CipherMac.Aead), Rule.Bump);
        Apply(new CipherPattern(ephemeral), Rule.Bump);
        Apply(new CipherPattern(ephemeral, Mac: CipherMac.Aead), Rule.Bump);
        Apply(new CipherPattern(), Rule.Delete);
    }

    private void MoveToEnd(Entry e)
    {
        _list.Remove(e);
        _list.Add(e);
    }

    private void MoveToFront(Entry e)
    {
        _list.Remove(e);
        _list.Insert(0, e);
    }

    private static TlsServerException Invalid(string text, string why) =>
        new(ErrorIds.CipherStringInvalid, ErrorKind.InvalidArgument, $"The cipher string cannot be read: {why}", text);

    private sealed class Entry(CipherSuiteInfo suite)
    {
        public CipherSuiteInfo Suite { get; } = suite;

        public bool Active { get; set; }
    }
}
