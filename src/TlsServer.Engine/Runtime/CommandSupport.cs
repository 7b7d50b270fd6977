namespace TlsServer.Engine.Runtime;

/// <summary>The post-handshake commands a connection may be asked for (s_server's k, K, r, R, c, and any alert).</summary>
internal enum ConnectionCommand
{
    KeyUpdate,
    HelloRequest,
    Renegotiation,
    PostHandshakeAuthentication,
    SendAlert,
}

/// <summary>
/// What one kind of connection (an engine over a transport) can do after the handshake. A command it cannot do is
/// refused here, before the connection is touched, with one error id per command whatever the engine, and the
/// engine's own reason. Sending plaintext under the TLS layer (s_server's P) every connection can do.
/// </summary>
internal sealed class CommandSupport
{
    private readonly IReadOnlyDictionary<ConnectionCommand, string> _cannot;

    private CommandSupport(string name, string instead, IReadOnlyDictionary<ConnectionCommand, string> cannot)
    {
        Name = name;
        Instead = instead;
        _cannot = cannot;
    }

    /// <summary>How errors name the connection's engine and transport.</summary>
    public string Name { get; }

    /// <summary>What to use instead, said after every refusal.</summary>
    public string Instead { get; }

    /// <summary>BouncyCastle over TCP or a Unix socket: no renegotiation, no TLS 1.3 post-handshake authentication.</summary>
    public static readonly CommandSupport BouncyCastleTls = new("BouncyCastle", "Test it against openssl s_server.", new Dictionary<ConnectionCommand, string>
    {
        [ConnectionCommand.Renegotiation] = "it refuses every ClientHello after the handshake with no_renegotiation, so it can neither renegotiate nor "
            + "ask for a client certificate afterwards. Use -HelloRequestOnly to send a HelloRequest and see how the client answers; openssl "
            + "s_server renegotiates with its r and R commands",
        [ConnectionCommand.PostHandshakeAuthentication] = "it cannot send a TLS 1.3 CertificateRequest after the handshake (post-handshake client "
            + "authentication). Ask for the client certificate during the handshake instead (-ClientCertificate Request); openssl s_server does "
            + "post-handshake auth with its c command",
    });

    /// <summary>BouncyCastle's DTLS: DtlsTransport sends application data and close_notify, nothing else.</summary>
    public static readonly CommandSupport BouncyCastleDtls = new("BouncyCastle DTLS", "Test this command against a TLS server (without -Dtls).",
        new Dictionary<ConnectionCommand, string>
        {
            [ConnectionCommand.KeyUpdate] = "KeyUpdate is a TLS 1.3 message, and BouncyCastle serves DTLS 1.2 at most",
            [ConnectionCommand.HelloRequest] = "its DtlsTransport cannot send a HelloRequest",
            [ConnectionCommand.Renegotiation] = "its DTLS server cannot renegotiate",
            [ConnectionCommand.PostHandshakeAuthentication] = "DTLS 1.2 has no post-handshake authentication",
            [ConnectionCommand.SendAlert] = "its DtlsTransport sends only close_notify (Stop-TlsSession) and its own fatal alerts",
        });

    /// <summary>.NET's SslStream: a client certificate after the handshake where .NET implements NegotiateClientCertificateAsync.</summary>
    public static readonly CommandSupport System = new("System", "Start the server with -Engine BouncyCastle for it.", SystemGaps());

    public bool Can(ConnectionCommand command) => !_cannot.ContainsKey(command);

    /// <exception cref="TlsServerException">The command's NotSupported id, with the reason, when this connection cannot do it.</exception>
    public void Require(ConnectionCommand command, long sessionId)
    {
        if (_cannot.TryGetValue(command, out string? why))
        {
            throw TlsServerException.NotSupported(ErrorIdOf(command),
                $"Session {sessionId} runs on the {Name} engine, which cannot {Describe(command)}: {why}. {Instead}", sessionId);
        }
    }

    private static string ErrorIdOf(ConnectionCommand command) => command switch
    {
        ConnectionCommand.KeyUpdate => ErrorIds.KeyUpdateNotSupported,
        ConnectionCommand.HelloRequest => ErrorIds.HelloRequestNotSupported,
        ConnectionCommand.Renegotiation => ErrorIds.RenegotiationNotSupported,
        ConnectionCommand.PostHandshakeAuthentication => ErrorIds.PostHandshakeAuthNotSupported,
        _ => ErrorIds.SendAlertNotSupported,
    };

    private static string Describe(ConnectionCommand command) => command switch
    {
        ConnectionCommand.KeyUpdate => "send a TLS 1.3 KeyUpdate (s_server's k and K)",
        ConnectionCommand.HelloRequest => "send a HelloRequest",
        ConnectionCommand.Renegotiation => "renegotiate (s_server's r and R)",
        ConnectionCommand.PostHandshakeAuthentication => "ask for a client certificate after a TLS 1.3 handshake",
        _ => "send an alert of its choosing",
    };

    private static Dictionary<ConnectionCommand, string> SystemGaps()
    {
        var gaps = new Dictionary<ConnectionCommand, string>
        {
            [ConnectionCommand.KeyUpdate] = ".NET's SslStream has no way to send one",
            [ConnectionCommand.HelloRequest] = ".NET's SslStream sends one only to start a renegotiation that asks for a client certificate "
                + "(-RequestClientCertificate)",
            [ConnectionCommand.SendAlert] = ".NET's SslStream has no way to send one",
        };
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsWindows() || OperatingSystem.IsFreeBSD()))
        {
            const string late = ".NET's SslStream cannot ask for a client certificate after the handshake on this platform";
            gaps[ConnectionCommand.Renegotiation] = late;
            gaps[ConnectionCommand.PostHandshakeAuthentication] = late;
        }

        return gaps;
    }
}
