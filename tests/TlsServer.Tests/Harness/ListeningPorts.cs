using System.Globalization;

namespace TlsServer.Tests.Harness;

/// <summary>The TCP ports a process listens on, read from /proc (Linux): for servers that print no banner.</summary>
public static class ListeningPorts
{
    public static IReadOnlyList<int> Of(int pid)
    {
        var inodes = new HashSet<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:["))
            {
                inodes.Add(target[8..^1]);
            }
        }

        var ports = new List<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                const string Listen = "0A";
                if (fields.Length > 9 && fields[3] == Listen && inodes.Contains(fields[9]))
                {
                    ports.Add(int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber));
                }
            }
        }

        return ports;
    }

    /// <summary>Waits (bounded) until the process listens on exactly one port, and returns it.</summary>
    public static int WaitForOne(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var ports = Of(pid);
            if (ports.Count == 1)
            {
                return ports[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"process {pid} did not start listening");
            Thread.Sleep(100);
        }
    }
}
