using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TlsServer.Engine.Tests.Wire;

/// <summary>
/// An `openssl s_server` on a free loopback port: it binds port 0 and says which port it got ("ACCEPT 127.0.0.1:n").
/// Its output is drained and kept for failure messages; its stdin stays open, so it never sees end of input.
/// </summary>
internal sealed partial class OpenSslServer : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly List<string> _output = new();

    public OpenSslServer(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "s_server", "-accept", "127.0.0.1:0" }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        var accepted = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, accepted);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, accepted);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!accepted.Task.Wait(StartDeadline))
        {
            Dispose();
            throw new InvalidOperationException("openssl s_server did not start: " + Output);
        }

        Port = accepted.Task.Result;
    }

    public int Port { get; }

    public string Output
    {
        get { lock (_output) { return string.Join("\n", _output.TakeLast(40)); } }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
    }

    private void OnLine(string? line, TaskCompletionSource<int> accepted)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (AcceptLine().Match(line) is { Success: true } m)
        {
            accepted.TrySetResult(int.Parse(m.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"^ACCEPT 127\.0\.0\.1:(\d+)")]
    private static partial Regex AcceptLine();
}
