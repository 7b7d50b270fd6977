using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Lists the protocol messages a session recorded (Start-TlsServer -Msg), in order (s_server -msg as objects).</summary>
[Cmdlet(VerbsCommon.Get, "TlsMessage", DefaultParameterSetName = SessionSet)]
[OutputType(typeof(TlsMessage), typeof(string))]
public sealed class GetTlsMessageCommand : SessionTargetCommand
{
    [Parameter]
    public MessageDirection? Direction { get; set; }

    [Parameter]
    [ValidateSet("handshake", "alert", "change_cipher_spec")]
    public string[]? ContentType { get; set; }

    [Parameter]
    [ValidateSet("hello_request", "client_hello", "server_hello", "new_session_ticket", "end_of_early_data",
        "encrypted_extensions", "certificate", "server_key_exchange", "certificate_request", "server_hello_done",
        "certificate_verify", "client_key_exchange", "finished", "certificate_status", "key_update")]
    public string[]? HandshakeType { get; set; }

    /// <summary>Write each message as s_server -msg prints it instead of as an object.</summary>
    [Parameter]
    public SwitchParameter AsText { get; set; }

    protected override void ProcessRecord()
    {
        // A session object carries its message log, also once its server is gone; ids need the server.
        var sessions = Session ?? Targets().Select(target => target.Session);
        foreach (var session in sessions)
        {
            foreach (var message in session.GetMessages())
            {
                if ((Direction is null || message.Direction == Direction)
                    && (ContentType is null || ContentType.Contains(message.ContentType, StringComparer.OrdinalIgnoreCase))
                    && (HandshakeType is null || (message.HandshakeType is { } type && HandshakeType.Contains(type, StringComparer.OrdinalIgnoreCase))))
                {
                    WriteObject(AsText ? message.ToTraceText() : message);
                }
            }
        }
    }
}
