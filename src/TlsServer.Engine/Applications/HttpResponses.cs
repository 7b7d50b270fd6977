using System.Text;

namespace TlsServer.Engine.Applications;

/// <summary>Response heads the HTTP modes send.</summary>
internal static class HttpResponses
{
    public static byte[] Head(int status, string contentType, long contentLength, bool close, string? extraHeaders = null) =>
        Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {Reason(status)}\r\nServer: TlsServer\r\nContent-Type: {contentType}\r\n"
            + $"Content-Length: {contentLength}\r\nCache-Control: no-store\r\n{extraHeaders}"
            + $"Connection: {(close ? "close" : "keep-alive")}\r\n\r\n");

    public static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        501 => "Not Implemented",
        _ => "Internal Server Error",
    };
}
