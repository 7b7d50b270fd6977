using System.Diagnostics;
using System.Text;

namespace TlsServer.Tests.Harness;

/// <summary>
/// A running openssl s_client (with -ign_eof, so it stays connected) that a test types into and reads from.
/// Every wait is bounded; Dispose kills the process if it still runs, and only that process.
/// </summary>
public sealed class SClientProcess : IDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SClientProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static SClientProcess Start(int port, params string[] options)
    {
        var info = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-ign_eof" }.Concat(options))
        {
            info.ArgumentList.Add(argument);
        }

        return new SClientProcess(Process.Start(info)!);
    }

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Types a line, as a user at s_client's prompt would (s_client sends it to the server).</summary>
    public void WriteLine(string line)
    {
        _process.StandardInput.Write(line + "\n");
        _process.StandardInput.Flush();
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails the test with the output if it never does.</summary>
    public void WaitForOutput(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        lock (_output)
        {
            while (!_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new Xunit.Sdk.XunitException($"s_client never printed '{text}'. Its output:\n{_output}");
                }

                Monitor.Wait(_output, left);
            }
        }
    }

    /// <summary>Waits for s_client to exit; fails the test if it does not.</summary>
    public void WaitForExit(TimeSpan? timeout = null)
    {
        if (!_process.WaitForExit((int)(timeout ?? DefaultWait).TotalMilliseconds))
        {
            throw new Xunit.Sdk.XunitException($"s_client did not exit. Its output:\n{Output}");
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            Monitor.PulseAll(_output);
        }
    }
}
