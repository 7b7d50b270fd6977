namespace TlsServer.Engine.Applications;

/// <summary>
/// The canonical path of a file, with every symbolic link (or junction) on the way followed, as POSIX realpath does:
/// a '..' after a link goes up from where the link points, not from where the link is.
/// </summary>
internal static class RealPath
{
    /// <summary>Links followed for one path before it counts as a loop (Linux's limit too).</summary>
    public const int MaxLinkHops = 40;

    /// <summary>The real path of a full path; components that do not exist are kept as they are. Null on a link loop.</summary>
    public static string? Resolve(string fullPath)
    {
        string root = Path.GetPathRoot(fullPath)!;
        string current = root;
        var pending = new Stack<string>(Segments(fullPath[root.Length..]).Reverse());
        int hops = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string next = Path.Join(current, segment);
            string? target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var part in Segments(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return current;
    }

    private static IEnumerable<string> Segments(string path) =>
        path.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
}
