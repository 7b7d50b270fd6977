namespace TlsServer.Engine.Applications;

/// <summary>
/// The folder of -WwwRoot and -HttpRoot, and the only place requests may read from. A request is refused before the
/// file system is asked when its path is hostile (<see cref="RequestPath"/>); otherwise its real path, links followed,
/// must still lie inside the root's real path.
/// </summary>
internal sealed class DocumentRoot
{
    /// <summary>What a request for a folder serves.</summary>
    public const string IndexFile = "index.html";

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public DocumentRoot(string path)
    {
        var full = Path.GetFullPath(path);
        RealRoot = Path.TrimEndingDirectorySeparator(RealPath.Resolve(full) ?? full);
    }

    public string RealRoot { get; }

    public PathLookup Resolve(string target)
    {
        var path = RequestPath.Parse(target, out var refusal);
        if (path is null)
        {
            return PathLookup.Refused(refusal!);
        }

        var lookup = Inside(Path.Join(RealRoot, string.Join(Path.DirectorySeparatorChar, path.Segments)));
        if (lookup.FilePath is not { } real)
        {
            return lookup;
        }

        if (Directory.Exists(real))
        {
            lookup = Inside(Path.Join(real, IndexFile));
            if (lookup.FilePath is not { } index)
            {
                return lookup;
            }

            real = index;
        }
        else if (path.EndsWithSlash)
        {
            return PathLookup.NotFound();
        }

        return File.Exists(real) ? lookup : PathLookup.NotFound();
    }

    private PathLookup Inside(string candidate)
    {
        var real = RealPath.Resolve(candidate);
        if (real is null)
        {
            return PathLookup.Forbidden("the path has a symbolic link loop");
        }

        bool inside = real.Equals(RealRoot, PathComparison)
            || real.StartsWith(RealRoot + Path.DirectorySeparatorChar, PathComparison)
            || (RealRoot.EndsWith(Path.DirectorySeparatorChar) && real.StartsWith(RealRoot, PathComparison));
        return inside ? PathLookup.Found(real) : PathLookup.Forbidden("the path leads outside the document root");
    }
}
