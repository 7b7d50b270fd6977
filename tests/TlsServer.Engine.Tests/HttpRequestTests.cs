using System.Text;
using TlsServer.Engine.Applications;

namespace TlsServer.Engine.Tests;

public sealed class HttpRequestTests
{
    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a", true)]
    [InlineData("GET / HTTP/1.1\r\nConnection: close", false)]
    [InlineData("GET / HTTP/1.1\r\nConnection: Keep-Alive, Close", false)]
    [InlineData("GET / HTTP/1.0", false)]
    [InlineData("GET / HTTP/1.0\r\nConnection: keep-alive", true)]
    public void KeepAliveFollowsHttpVersionAndConnectionHeader(string head, bool keepAlive) =>
        Assert.Equal(keepAlive, HttpRequest.Parse(Encoding.ASCII.GetBytes(head))!.KeepAlive);

    [Theory]
    [InlineData("")]
    [InlineData("GET /")]
    [InlineData("GET / HTTP/2.0")]
    [InlineData("get / HTTP/1.1")]
    [InlineData("GET / HTTP/1.1\r\nno colon here")]
    [InlineData("GET  / HTTP/1.1")]
    public void MalformedHeadsAreRefused(string head) =>
        Assert.Null(HttpRequest.Parse(Encoding.ASCII.GetBytes(head)));

    [Fact]
    public void FramerSplitsPipelinedRequestsAndKeepsTheRest()
    {
        var framer = new HttpRequestFramer();
        framer.Append("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c"u8);

        Assert.Equal("GET /a HTTP/1.1", Encoding.ASCII.GetString(framer.TakeHead()!));
        Assert.Equal("GET /b HTTP/1.1", Encoding.ASCII.GetString(framer.TakeHead()!));
        Assert.Null(framer.TakeHead());
        framer.Append(" HTTP/1.1\r\n\r\n"u8);
        Assert.Equal("GET /c HTTP/1.1", Encoding.ASCII.GetString(framer.TakeHead()!));
    }

    [Theory]
    [InlineData("GET /a HTTP/1.0\n\n")]
    [InlineData("GET /a HTTP/1.0\r\n\n")]
    [InlineData("GET /a HTTP/1.0\n\r\n")]
    public void FramerEndsAHeadAtAnEmptyLineAfterABareLf(string request)
    {
        var framer = new HttpRequestFramer();
        framer.Append(Encoding.ASCII.GetBytes(request + "GET /b"));

        Assert.Equal("GET /a HTTP/1.0", Encoding.ASCII.GetString(framer.TakeHead()!));
        Assert.Null(framer.TakeHead());
    }

    [Fact]
    public void BareLfLinesParse()
    {
        var request = HttpRequest.Parse("GET /x HTTP/1.1\nHost: a\r\nConnection: close"u8);

        Assert.Equal("/x", request!.Target);
        Assert.Equal("a", request.Headers["host"]);
        Assert.False(request.KeepAlive);
    }

    [Fact]
    public void FramerReportsAnOversizedHead()
    {
        var framer = new HttpRequestFramer();
        framer.Append(new byte[HttpRequestFramer.MaxHeadBytes + 1]);

        Assert.True(framer.Overflowed);
    }
}
