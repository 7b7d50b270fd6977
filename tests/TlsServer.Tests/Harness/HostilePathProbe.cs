namespace TlsServer.Tests.Harness;

/// <summary>Sends each hostile request target with curl, exactly as written, and reports every answer that is wrong.</summary>
public static class HostilePathProbe
{
    public static List<string> Run(int port, IEnumerable<(string File, int Status, string Target)> paths)
    {
        var wrong = new List<string>();
        foreach (var (file, status, target) in paths)
        {
            var response = Curl.Get($"https://127.0.0.1:{port}/", "--path-as-is", "--request-target", target);
            if (response.Status != status || response.Text.Contains(HostileRoot.Canary))
            {
                wrong.Add($"{file}: {target} -> {response.Status} (expected {status}): {response.Text.Trim()} {response.Process.StandardError.Trim()}");
            }
        }

        return wrong;
    }
}
