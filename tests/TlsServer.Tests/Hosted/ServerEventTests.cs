using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>
/// .NET events on the server object, received in the hosted runspace through PowerShell's event manager — the
/// machinery Register-ObjectEvent uses ($ExecutionContext.Events.SubscribeEvent), as the hosted engine has only
/// Microsoft.PowerShell.Core. The Pester suite uses Register-ObjectEvent itself.
/// </summary>
public sealed class ServerEventTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Fact]
    public void ASubscriberReceivesHandshakeCompleted()
    {
        int port = StartAndSubscribe("HandshakeCompleted");

        OpenSsl.Connect(port, null, "-tls1_3");

        var e = WaitForEvent();
        Assert.Equal("HandshakeCompleted", e.Properties["Kind"].Value.ToString());
        var session = PSObject.AsPSObject(e.Properties["Session"].Value);
        Assert.Equal("Tls13", session.Properties["Protocol"].Value.ToString());
        Assert.True((bool)session.Properties["HandshakeCompleted"].Value);
    }

    [Fact]
    public void AlertsAreRaisedInBothDirections()
    {
        int port = StartAndSubscribe("AlertReceived", "AlertSent");

        OpenSsl.Connect(port, null, "-tls1_3");

        var received = PSObject.AsPSObject(WaitForEvent("AlertReceived").Properties["Alert"].Value);
        var sent = PSObject.AsPSObject(WaitForEvent("AlertSent").Properties["Alert"].Value);
        Assert.Equal("close_notify", received.Properties["Description"].Value);
        Assert.Equal("Received", received.Properties["Direction"].Value.ToString());
        Assert.Equal("close_notify", sent.Properties["Description"].Value);
        Assert.Equal("Sent", sent.Properties["Direction"].Value.ToString());
    }

    [Fact]
    public void DataReceivedCarriesTheDecryptedBytes()
    {
        int port = StartAndSubscribe("DataReceived");

        OpenSsl.Connect(port, "hello events\n", "-tls1_3");

        var data = (byte[])WaitForEvent().Properties["Data"].Value;
        Assert.Equal("hello events\n", System.Text.Encoding.ASCII.GetString(data));
    }

    [Fact]
    public void SessionEndedIsRaisedWhenTheConnectionCloses()
    {
        int port = StartAndSubscribe("SessionEnded");

        OpenSsl.Connect(port, null, "-tls1_2");

        var session = PSObject.AsPSObject(WaitForEvent().Properties["Session"].Value);
        Assert.Equal("Closed", session.Properties["State"].Value.ToString());
    }

    private int StartAndSubscribe(params string[] events)
    {
        var script = "$server = Start-TlsServer -Port 0\n" + string.Concat(events.Select(e =>
            $"$null = $ExecutionContext.Events.SubscribeEvent($server, '{e}', '{e}', $null, $null, $false, $false)\n")) + "$server.Port";
        return _ps.Get<int>(script);
    }

    /// <summary>Waits (bounded, like Wait-Event -Timeout) for an event and returns its SourceEventArgs.</summary>
    private PSObject WaitForEvent(string? sourceIdentifier = null)
    {
        var args = _ps.Run($$"""
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ([DateTime]::UtcNow -lt $deadline) {
                $e = @($ExecutionContext.Events.ReceivedEvents) | Where-Object { '{{sourceIdentifier}}' -eq '' -or $_.SourceIdentifier -eq '{{sourceIdentifier}}' }
                if ($e) { break }
                [System.Threading.Thread]::Sleep(50)
            }
            @($e)[0].SourceEventArgs
            """);
        Assert.True(args.Count == 1 && args[0] is not null, "no event arrived within 10 s");
        return args[0];
    }

    public void Dispose() => _ps.Dispose();
}
