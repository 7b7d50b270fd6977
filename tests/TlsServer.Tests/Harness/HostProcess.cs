using System.Diagnostics;

namespace TlsServer.Tests.Harness;

/// <summary>TlsServer.Host as a user runs it: a separate process with its own default load context.</summary>
public static class HostProcess
{
    public static ProcessResult Run(string command, bool importModule = true, TimeSpan? timeout = null)
    {
        var arguments = new List<string> { Paths.HostDll };
        if (!importModule)
        {
            arguments.Add("-NoModule");
        }

        arguments.AddRange(new[] { "-Command", command });
        return ExternalProcess.Run("dotnet", arguments, timeout: timeout ?? TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string> { ["NO_COLOR"] = "1", ["TERM"] = "dumb" });
    }

    /// <summary>Starts the host in the background; the caller stops it by PID.</summary>
    public static Process Start(string command)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Paths.HostDll);
        info.ArgumentList.Add("-Command");
        info.ArgumentList.Add(command);
        info.Environment["NO_COLOR"] = "1";
        info.Environment["TERM"] = "dumb";
        return Process.Start(info)!;
    }
}
