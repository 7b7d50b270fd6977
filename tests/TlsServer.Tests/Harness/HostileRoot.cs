namespace TlsServer.Tests.Harness;

/// <summary>
/// A document root beside a folder it must never serve, with links that leave it and links that stay inside
/// (the layout TestData/hostile-paths/README.md describes), and the hostile request paths to try against it.
/// </summary>
public sealed class HostileRoot : IDisposable
{
    public const string Canary = "CANARY-outside-the-root";

    /// <summary>public.txt: a complete HTTP response, so it serves under -WwwRoot and -HttpRoot alike.</summary>
    public const string PublicResponse = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: close\r\n\r\npublic";

    public HostileRoot()
    {
        Directory = Path.Combine(Path.GetTempPath(), "tlsserver-root-" + Guid.NewGuid().ToString("N")[..8]);
        string outside = Path.Combine(Directory, "outside");
        Root = Path.Combine(Directory, "root");
        System.IO.Directory.CreateDirectory(outside);
        System.IO.Directory.CreateDirectory(Path.Combine(Root, "sub"));
        File.WriteAllText(Path.Combine(outside, "secret.txt"), Canary);
        File.WriteAllText(Path.Combine(outside, "index.html"), Canary);
        File.WriteAllText(Path.Combine(Root, "index.html"), "<h1>root</h1>");
        File.WriteAllText(Path.Combine(Root, "public.txt"), PublicResponse);
        File.WriteAllText(Path.Combine(Root, "sub", "page.html"), "<p>page</p>");
        Link("sub/up", "..");
        Link("inside-link.txt", "public.txt");
        Link("link-out", "../outside");
        Link("secret-link.txt", "../outside/secret.txt");
        Link("abs-link", outside);
        Link("etc-link", "/etc");
        Link("tricky", "sub/up/../outside");
        Link("loop-a", "loop-b");
        Link("loop-b", "loop-a");
    }

    /// <summary>The folder that holds both the root and the outside folder.</summary>
    public string Directory { get; }

    public string Root { get; }

    /// <summary>Every (expected status, request target) of TestData/hostile-paths/*.txt, with the file it came from.</summary>
    public static IReadOnlyList<(string File, int Status, string Target)> HostilePaths()
    {
        var folder = System.IO.Path.Combine(Paths.RepositoryRoot, "tests", "TlsServer.Tests", "TestData", "hostile-paths");
        return System.IO.Directory.GetFiles(folder, "*.txt").Order()
            .SelectMany(f => File.ReadAllLines(f)
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => (System.IO.Path.GetFileName(f), int.Parse(l[..3]), l[4..])))
            .ToList();
    }

    private void Link(string name, string target) => File.CreateSymbolicLink(Path.Combine(Root, name), target);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
