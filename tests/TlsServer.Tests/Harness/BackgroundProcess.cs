using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace TlsServer.Tests.Harness;

/// <summary>A peer program that runs beside a test (an OCSP responder, a server); Dispose kills it, by its own handle.</summary>
public sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public BackgroundProcess(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        _process = Process.Start(ExternalProcess.StartInfo(file, arguments, workingDirectory))!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>Writes to the program's standard input, which stays open.</summary>
    public void Send(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits (bounded) for a line matching <paramref name="pattern"/>; returns the match.</summary>
    public Match WaitForOutput(string pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_output)
        {
            while (true)
            {
                var match = Regex.Match(_output.ToString(), pattern, RegexOptions.Multiline);
                var left = deadline - DateTime.UtcNow;
                if (match.Success)
                {
                    return match;
                }

                if (left <= TimeSpan.Zero || _process.HasExited)
                {
                    throw new Xunit.Sdk.XunitException($"'{pattern}' did not appear; the process wrote: {_output}");
                }

                Monitor.Wait(_output, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
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
