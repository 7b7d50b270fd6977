namespace TlsServer.Tests.Harness;

/// <summary>curl as an HTTPS client: what it got, as bytes, and the status code it saw.</summary>
public static class Curl
{
    public sealed record Response(int Status, byte[] Body, ProcessResult Process)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Body);
    }

    /// <summary>Fetches a URL (certificate not checked); <paramref name="options"/> go before the URL.</summary>
    public static Response Get(string url, params string[] options)
    {
        string body = Path.GetTempFileName();
        try
        {
            var arguments = new List<string> { "-sk", "-o", body, "-w", "%{http_code}" };
            arguments.AddRange(options);
            arguments.Add(url);
            var result = ExternalProcess.Run("curl", arguments, timeout: TimeSpan.FromSeconds(120));
            int.TryParse(result.StandardOutput.Trim(), out int status);
            return new Response(status, File.ReadAllBytes(body), result);
        }
        finally
        {
            File.Delete(body);
        }
    }
}
