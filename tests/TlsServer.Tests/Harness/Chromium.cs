namespace TlsServer.Tests.Harness;

/// <summary>Headless Chromium (Debian's chromium package) as a real browser peer, with a throwaway profile.</summary>
public static class Chromium
{
    public static ProcessResult Run(string url, params string[] options)
    {
        string profile = Path.Combine(Path.GetTempPath(), "tlsserver-chromium-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var arguments = new List<string>
            {
                "--headless", "--no-sandbox", "--ignore-certificate-errors", "--disable-background-networking",
                "--disable-gpu", "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-extensions",
                $"--user-data-dir={profile}",
            };
            arguments.AddRange(options);
            arguments.Add(url);
            return ExternalProcess.Run("chromium", arguments, timeout: TimeSpan.FromSeconds(90));
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}
