namespace TlsServer.Engine.CipherSuites;

/// <summary>Which suites an engine can run at all; the rest of the selection rules are the same for every engine.</summary>
internal interface ICipherSuiteSupport
{
    /// <summary>Why the engine cannot serve the suite, or null when it can.</summary>
    string? CannotServe(CipherSuiteInfo suite);
}
