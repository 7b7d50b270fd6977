using System.Text.RegularExpressions;

namespace TlsServer.Tests.Harness;

/// <summary>
/// A running openssl s_client (with -ign_eof, so it stays connected) that a test types into and reads from.
/// Every wait is bounded; Dispose kills the process if it still runs, and only that process.
/// </summary>
public sealed class SClientProcess : IDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly BackgroundProcess _process;

    private SClientProcess(BackgroundProcess process) => _process = process;

    public static SClientProcess Start(int port, params string[] options) =>
        new(new BackgroundProcess("openssl", new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-ign_eof" }.Concat(options)));

    public string Output => _process.Output;

    public int ExitCode => _process.ExitCode;

    /// <summary>Types a line, as a user at s_client's prompt would (s_client sends it to the server).</summary>
    public void WriteLine(string line) => _process.Send(line + "\n");

    /// <summary>Waits until the output contains <paramref name="text"/>; fails the test with the output if it never does.</summary>
    public void WaitForOutput(string text, TimeSpan? timeout = null) =>
        _process.WaitForOutput(Regex.Escape(text), timeout ?? DefaultWait);

    /// <summary>Waits for s_client to exit; fails the test if it does not.</summary>
    public void WaitForExit(TimeSpan? timeout = null) => _process.WaitForExit(timeout ?? DefaultWait);

    public void Dispose() => _process.Dispose();
}
