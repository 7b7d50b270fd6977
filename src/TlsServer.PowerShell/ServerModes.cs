using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>Start-TlsServer's mode switches (s_server -www, -WWW, -HTTP, -rev) as one ServerMode.</summary>
internal static class ServerModes
{
    /// <summary>The mode asked for; Interactive when none is; null when more than one is.</summary>
    public static ServerMode? Select(bool www, string? wwwRoot, string? httpRoot, bool reverse)
    {
        var asked = new List<ServerMode>();
        if (www)
        {
            asked.Add(ServerMode.Www);
        }

        if (wwwRoot is not null)
        {
            asked.Add(ServerMode.WwwRoot);
        }

        if (httpRoot is not null)
        {
            asked.Add(ServerMode.HttpRoot);
        }

        if (reverse)
        {
            asked.Add(ServerMode.Reverse);
        }

        return asked.Count switch
        {
            0 => ServerMode.Interactive,
            1 => asked[0],
            _ => null,
        };
    }
}
