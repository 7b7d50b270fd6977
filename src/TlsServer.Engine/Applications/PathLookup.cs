namespace TlsServer.Engine.Applications;

/// <summary>What a request target names under a document root: a file to send, or an HTTP status and why.</summary>
internal sealed record PathLookup(int Status, string? FilePath, string Reason)
{
    public static PathLookup Found(string path) => new(200, path, "found");

    public static PathLookup Refused(string reason) => new(400, null, reason);

    public static PathLookup Forbidden(string reason) => new(403, null, reason);

    public static PathLookup NotFound() => new(404, null, "no such file");
}
