using TlsServer.Engine.Registry;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Diagnostics;

/// <summary>
/// What one connection records about itself: the ClientHello (always), its protocol messages (with -Msg), the trace
/// text and the key log. Called on the connection's thread, under its writer lock.
/// </summary>
internal sealed class ConnectionDiagnostics : IProtocolObserver
{
    private readonly ServerDiagnostics _server;
    private readonly SessionRecord _record;
    private IKeyLogSource? _secrets;
    private readonly MessageLog? _log;
    private readonly List<byte> _outgoingHandshake = new();
    private int? _version;
    private int _clientGeneration;
    private int _serverGeneration;

    public ConnectionDiagnostics(ServerDiagnostics server, SessionRecord record)
    {
        _server = server;
        _record = record;
        if (server.Messages)
        {
            _log = new MessageLog(server.MessageLimit);
            record.SetMessageLog(_log);
        }

        if (server.TraceState)
        {
            Write($"SSL_accept:before SSL initialization{Environment.NewLine}");
        }
    }

    /// <summary>The key log of the server (-KeyLogFile), or null.</summary>
    public KeyLog? KeyLog => _server.KeyLog;

    /// <summary>Where the key log reads the secrets from: the engine's connection.</summary>
    public void ReadSecretsFrom(IKeyLogSource secrets) => _secrets = secrets;

    public void HandshakeReceived(byte[] message)
    {
        TlsClientHello? hello = null;
        if (message[0] == HandshakeTypes.ClientHello && _record.ClientHello is null)
        {
            hello = ClientHelloParser.TryParse(message);
            if (hello is not null)
            {
                _record.SetClientHello(hello, _server.TlsExtDebug);
                if (_server.TraceExtensions)
                {
                    Write(TraceText.Extensions(hello));
                }
            }
        }

        Add(MessageDirection.Received, RecordTypes.Handshake, message, hello);
    }

    public void RecordWritten(short contentType, ReadOnlySpan<byte> payload)
    {
        switch ((int)contentType)
        {
            case RecordTypes.Handshake when Recording || _server.KeyLog is not null:
                _outgoingHandshake.AddRange(payload);
                while (NextOutgoingMessage() is { } message)
                {
                    OnHandshakeSent(message);
                }

                break;
            case RecordTypes.Alert:
            case RecordTypes.ChangeCipherSpec:
                Add(MessageDirection.Sent, contentType, payload.ToArray(), null);
                break;
        }
    }

    public void AlertReceived(short level, short description) =>
        Add(MessageDirection.Received, RecordTypes.Alert, new[] { (byte)level, (byte)description }, null);

    public void ChangeCipherSpecReceived() =>
        Add(MessageDirection.Received, RecordTypes.ChangeCipherSpec, new byte[] { 1 }, null); // RFC 5246 7.1: change_cipher_spec(1)

    public void TrafficSecretUpdated(bool server)
    {
        if (_server.KeyLog is { } log && _secrets is not null)
        {
            _secrets.WriteUpdatedSecret(log, server, server ? ++_serverGeneration : ++_clientGeneration);
        }
    }

    /// <summary>The -Brief summary, once the session shows what was negotiated.</summary>
    public void Established(SessionRecord record)
    {
        if (_server.Brief)
        {
            Write(BriefText.Established(record.Snapshot()));
        }
    }

    /// <summary>Bytes as they crossed the socket (s_server -debug).</summary>
    public void Wire(MessageDirection direction, ReadOnlySpan<byte> data)
    {
        if (_server.HexDump)
        {
            Write(TraceText.Wire(direction, data));
        }
    }

    private void OnHandshakeSent(byte[] message)
    {
        switch (message[0])
        {
            case HandshakeTypes.ServerHello:
                _version = MessageDecoder.ServerHelloVersion(message) ?? _version;
                break;
            case HandshakeTypes.EncryptedExtensions when _server.KeyLog is { } log && _secrets is not null:
                _secrets.WriteHandshakeSecrets(log);
                break;
        }

        Add(MessageDirection.Sent, RecordTypes.Handshake, message, null);
    }

    private byte[]? NextOutgoingMessage()
    {
        if (_outgoingHandshake.Count < 4)
        {
            return null;
        }

        int length = 4 + ((_outgoingHandshake[1] << 16) | (_outgoingHandshake[2] << 8) | _outgoingHandshake[3]);
        if (_outgoingHandshake.Count < length)
        {
            return null;
        }

        var message = _outgoingHandshake.GetRange(0, length).ToArray();
        _outgoingHandshake.RemoveRange(0, length);
        return message;
    }

    private void Add(MessageDirection direction, short contentType, byte[] data, TlsClientHello? hello)
    {
        if (!Recording)
        {
            return;
        }

        bool handshake = contentType == RecordTypes.Handshake;
        string? handshakeType = handshake ? CodePointNames.Handshake(data[0]) : null;
        string summary = (int)contentType switch
        {
            RecordTypes.Handshake => MessageDecoder.Handshake(data, _version == 0x0304, hello ?? _record.ClientHello),
            RecordTypes.Alert => MessageDecoder.Alert(data),
            _ => string.Empty,
        };
        string? version = _version is { } v ? CodePointNames.Version(v) : null;
        TlsMessage Create(int index) => new(index, DateTimeOffset.Now, direction, CodePointNames.Content(contentType), handshakeType, data, summary, version);
        var message = _log?.Add(Create) ?? Create(-1);
        if (_server.TraceMessages)
        {
            Write(TraceText.Message(message));
        }

        if (_server.TraceState && handshake)
        {
            Write(TraceText.State(message));
        }
    }

    /// <summary>Whether messages are kept or traced; without it, only the ClientHello is decoded.</summary>
    private bool Recording => _log is not null || _server.TraceMessages || _server.TraceState;

    private void Write(string text) => _server.Trace?.Write(text);
}
