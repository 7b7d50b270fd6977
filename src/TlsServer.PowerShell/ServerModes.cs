using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>Start-TlsServer's mode switches (s_server -www, -WWW, -HTTP, -rev) as one ServerMode.</summary>
internal static class ServerModes
{
    /// <summary>The mode asked for; Interactive when none is. ParameterConflicts has made sure at most one is.</summary>
    public static ServerMode Select(bool www, string? wwwRoot, string? httpRoot, bool reverse) =>
        www ? ServerMode.Www
        : wwwRoot is not null ? ServerMode.WwwRoot
        : httpRoot is not null ? ServerMode.HttpRoot
        : reverse ? ServerMode.Reverse
        : ServerMode.Interactive;
}
