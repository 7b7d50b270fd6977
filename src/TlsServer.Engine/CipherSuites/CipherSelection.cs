namespace TlsServer.Engine.CipherSuites;

/// <summary>A cipher request, expanded: every suite it named in order, each offered or left out with the reason.</summary>
/// <param name="Expanded">The TLS 1.3 suites first, then the cipher string's; <c>LeftOutBecause</c> is null for a suite offered.</param>
/// <param name="Warnings">What the request asked for that selected nothing usable.</param>
internal sealed record CipherSelection(IReadOnlyList<(CipherSuiteInfo Suite, string? LeftOutBecause)> Expanded, IReadOnlyList<string> Warnings)
{
    /// <summary>The suites served, in the server's order.</summary>
    public IReadOnlyList<CipherSuiteInfo> Offered { get; } = Expanded.Where(e => e.LeftOutBecause is null).Select(e => e.Suite).ToArray();
}
