namespace TlsServer.Engine.Engines.Platform;

/// <summary>Words for why an SslStream connection failed: the messages of the exception and its causes, OpenSSL's last.</summary>
internal static class SystemErrors
{
    public static string Describe(Exception e)
    {
        var words = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
        {
            string message = x.Message.Trim().TrimEnd('.');
            if (message.Length > 0 && !message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase) && !words.Contains(message))
            {
                words.Add(message);
            }
        }

        return words.Count == 0 ? e.GetType().Name : string.Join(": ", words);
    }
}
