using System.Diagnostics;

namespace TlsServer.Tests.Harness;

/// <summary>
/// A peer program that keeps running while the test talks to the server: its standard input stays open and its
/// standard output is kept as raw bytes (CR and LF as they came). Dispose kills it, by PID, if it is still running.
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly MemoryStream _output = new();
    private readonly Task _reader;
    private readonly System.Text.StringBuilder _error = new();

    private PeerProcess(Process process)
    {
        _process = process;
        _reader = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await _process.StandardOutput.BaseStream.ReadAsync(buffer)) > 0)
            {
                lock (_output)
                {
                    _output.Write(buffer, 0, read);
                }
            }
        });
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_error) { _error.AppendLine(e.Data); } } };
        _process.BeginErrorReadLine();
    }

    public static PeerProcess Start(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new PeerProcess(Process.Start(info)!);
    }

    /// <summary>openssl s_client -quiet: only the application data it receives reaches standard output.</summary>
    public static PeerProcess SClient(int port, params string[] options) =>
        Start("openssl", new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-quiet" }.Concat(options).ToArray());

    public byte[] Output
    {
        get { lock (_output) { return _output.ToArray(); } }
    }

    public string Error
    {
        get { lock (_error) { return _error.ToString(); } }
    }

    public void Write(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Flush();
    }

    /// <summary>Copies a file into standard input on a background task and closes it at the end.</summary>
    public Task FeedAsync(string path) => Task.Run(async () =>
    {
        try
        {
            await using var file = File.OpenRead(path);
            await file.CopyToAsync(_process.StandardInput.BaseStream);
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // the peer exited first; the test's own checks report it
        }
    });

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits until standard output holds at least <paramref name="count"/> bytes; false on timeout.</summary>
    public bool WaitForOutput(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Output.Length < count)
        {
            if (DateTime.UtcNow > deadline || (_process.HasExited && _reader.IsCompleted))
            {
                return Output.Length >= count;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit((int)timeout.TotalMilliseconds) && _reader.Wait(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
