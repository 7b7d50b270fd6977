using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace TlsServer.Engine.Tests.Wire;

/// <summary>
/// A real TLS client (BouncyCastle's, non-blocking over a socket) that can say wrong things once it holds keys: records of
/// any content type under its current key, a Finished cut short, bytes slipped in after its ClientHello. It reads the
/// server's answer with its keys, so an encrypted alert is seen for what it is.
/// </summary>
internal sealed class ScriptedTlsClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly Protocol _tls = new();
    private readonly Peer _peer;
    private readonly byte[] _buffer = new byte[32 * 1024];
    private long _rawSequence;

    private ScriptedTlsClient(ProtocolVersion version, bool offerEarlyData, byte[]? hostName, int[]? cipherSuites) =>
        _peer = new Peer(version, offerEarlyData) { HostName = hostName, Suites = cipherSuites };

    /// <summary>The client's Finished loses its last byte (its length says so too).</summary>
    public bool TruncateFinished
    {
        get => _tls.TruncateFinished;
        set => _tls.TruncateFinished = value;
    }

    /// <summary>Connects and runs the handshake; <paramref name="afterClientHello"/> goes out right behind the ClientHello.</summary>
    /// <returns>The client, and how the handshake ended: null when it completed, else the outcome (see <see cref="ReadOutcomeAsync"/>).</returns>
    public static async Task<(ScriptedTlsClient Client, string? Failure)> ConnectAsync(int port, ProtocolVersion version,
        byte[]? afterClientHello = null, bool offerEarlyData = false, bool truncateFinished = false, byte[]? hostName = null, int[]? cipherSuites = null)
    {
        var client = new ScriptedTlsClient(version, offerEarlyData, hostName, cipherSuites) { TruncateFinished = truncateFinished };
        using var deadline = new CancellationTokenSource(WireClient.ReplyDeadline);
        await client._socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), deadline.Token);
        client._tls.Connect(client._peer);
        await client.FlushAsync(afterClientHello);
        while (!client._peer.Completed)
        {
            string? ended = await client.ReceiveOnceAsync(deadline.Token);
            if (ended is not null)
            {
                return (client, ended);
            }
        }

        return (client, null);
    }

    /// <summary>Sends one record of <paramref name="type"/> under the client's current key (or in plaintext before it has one).</summary>
    public Task SendRecordAsync(short type, byte[] payload)
    {
        _tls.Write(type, payload);
        return FlushAsync(null);
    }

    /// <summary>Queues one record of <paramref name="type"/> under the client's current key, to go out with <see cref="SendQueuedAsync"/>.</summary>
    public void Queue(short type, byte[] payload) => _tls.Write(type, payload);

    /// <summary>Queues a KeyUpdate; the records queued after it use the new key.</summary>
    public void QueueKeyUpdate(bool requestPeerUpdate) => _tls.UpdateKeys(requestPeerUpdate);

    /// <summary>Takes everything queued, as it would go on the wire.</summary>
    public byte[] TakeQueued()
    {
        var output = new byte[_tls.GetAvailableOutputBytes()];
        _tls.ReadOutput(output, 0, output.Length);
        return output;
    }

    /// <summary>Sends everything queued, in one write, or cut at <paramref name="cuts"/> (offsets, ascending) into writes a moment apart.</summary>
    public Task SendQueuedAsync(params int[] cuts) => SendAsync(TakeQueued(), cuts);

    /// <summary>Sends <paramref name="bytes"/> in one write, or cut at <paramref name="cuts"/> into writes a moment apart.</summary>
    public async Task SendAsync(byte[] bytes, params int[] cuts)
    {
        int start = 0;
        foreach (int cut in cuts.Append(bytes.Length))
        {
            await _socket.SendAsync(bytes.AsMemory(start, cut - start), SocketFlags.None);
            start = cut;
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Reads until <paramref name="count"/> bytes of application data have come; throws with the outcome if the connection ends first.</summary>
    public async Task<byte[]> ReadApplicationDataAsync(int count)
    {
        using var deadline = new CancellationTokenSource(WireClient.ReplyDeadline);
        while (_tls.GetAvailableInputBytes() < count)
        {
            if (await ReceiveOnceAsync(deadline.Token) is { } ended)
            {
                throw new InvalidOperationException($"The connection ended after {_tls.GetAvailableInputBytes()} of {count} bytes: {ended}.");
            }
        }

        var data = new byte[count];
        _tls.ReadInput(data, 0, count);
        return data;
    }

    /// <summary>
    /// Sends a record under the TLS 1.3 application key past BouncyCastle's record layer, which refuses empty ones. These
    /// records count from sequence number 0, so they must come before anything BouncyCastle writes under that key.
    /// </summary>
    public Task SendRawRecordAsync(short type, byte[] payload)
    {
        var cipher = _peer.Ciphers.Ciphers[^1];
        var encoded = cipher.EncodePlaintext(_rawSequence++, type, ProtocolVersion.TLSv12, 5, payload, 0, payload.Length);
        var record = encoded.buf.AsSpan(encoded.off, encoded.len).ToArray();
        record[0] = (byte)encoded.recordType;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte)((encoded.len - 5) >> 8);
        record[4] = (byte)(encoded.len - 5);
        return _socket.SendAsync(record, SocketFlags.None);
    }

    /// <summary>
    /// What the server did next: "fatal name" for the alert it sent, "close_notify" when it closed properly, "close" for a
    /// bare close, "timeout" when nothing came before the deadline.
    /// </summary>
    public async Task<string> ReadOutcomeAsync(TimeSpan? wait = null)
    {
        using var deadline = new CancellationTokenSource(wait ?? WireClient.ReplyDeadline);
        while (true)
        {
            string? ended = await ReceiveOnceAsync(deadline.Token);
            if (ended is not null)
            {
                return ended;
            }
        }
    }

    /// <summary>Sends a KeyUpdate and switches to the new key, as a client should.</summary>
    public Task UpdateKeysAsync(bool requestPeerUpdate)
    {
        _tls.UpdateKeys(requestPeerUpdate);
        return FlushAsync(null);
    }

    /// <summary>Sends close_notify (as a record, so the client can still read) and returns what the server answered.</summary>
    public async Task<string> CloseAsync()
    {
        await SendRecordAsync(ContentType.alert, new byte[] { (byte)AlertLevel.warning, (byte)AlertDescription.close_notify });
        return await ReadOutcomeAsync();
    }

    public void Dispose() => _socket.Dispose();

    private async Task<string?> ReceiveOnceAsync(CancellationToken cancellation)
    {
        int n;
        try
        {
            n = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellation);
        }
        catch (OperationCanceledException)
        {
            return WireReply.Timeout;
        }
        catch (SocketException)
        {
            return WireReply.Close;
        }

        if (n == 0)
        {
            return WireReply.Close;
        }

        try
        {
            _tls.OfferInput(_buffer, 0, n);
        }
        catch (TlsFatalAlertReceived e)
        {
            return WireReply.AlertText(AlertLevel.fatal, e.AlertDescription);
        }
        catch (TlsFatalAlert e)
        {
            return $"client failed: {AlertDescription.GetName(e.AlertDescription)} {e.Message}";
        }

        if (_tls.IsClosed)
        {
            return "close_notify";
        }


        await FlushAsync(null);
        return null;
    }

    private async Task FlushAsync(byte[]? extra)
    {
        int available = _tls.GetAvailableOutputBytes();
        var output = new byte[available + (extra?.Length ?? 0)];
        _tls.ReadOutput(output, 0, available);
        extra?.CopyTo(output, available);
        if (output.Length == 0)
        {
            return;
        }

        try
        {
            await _socket.SendAsync(output, SocketFlags.None);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.Shutdown or SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            // The server ended the connection before this flight (after a fatal alert, say): what it sent is read next.
        }
    }

    private sealed class Protocol : TlsClientProtocol
    {
        public bool TruncateFinished { get; set; }

        public void UpdateKeys(bool requestPeerUpdate) => Send13KeyUpdate(requestPeerUpdate);

        public void Write(short type, byte[] payload) => WriteRecord(type, payload, 0, payload.Length);

        protected override void WriteRecord(short type, ReadOnlySpan<byte> buffer)
        {
            if (TruncateFinished && type == ContentType.handshake && buffer.Length > 5 && buffer[0] == HandshakeType.finished)
            {
                var cut = buffer[..^1].ToArray();
                int length = cut.Length - 4;
                cut[1] = (byte)(length >> 16);
                cut[2] = (byte)(length >> 8);
                cut[3] = (byte)length;
                base.WriteRecord(type, cut);
                return;
            }

            base.WriteRecord(type, buffer);
        }
    }

    /// <summary>Offers one version and the usual suites, accepts any certificate, and keeps its record ciphers at hand.</summary>
    private sealed class Peer : DefaultTlsClient
    {
        private readonly ProtocolVersion _version;
        private readonly bool _offerEarlyData;

        public Peer(ProtocolVersion version, bool offerEarlyData)
            : this(new RecordingCrypto(), version, offerEarlyData)
        {
        }

        private Peer(RecordingCrypto crypto, ProtocolVersion version, bool offerEarlyData)
            : base(crypto)
        {
            Ciphers = crypto;
            _version = version;
            _offerEarlyData = offerEarlyData;
        }

        public RecordingCrypto Ciphers { get; }

        /// <summary>The SNI host name's bytes, sent as they are; none when null.</summary>
        public byte[]? HostName { get; init; }

        /// <summary>The suites offered; the usual ones when null.</summary>
        public int[]? Suites { get; init; }

        public override int[] GetCipherSuites() => Suites ?? base.GetCipherSuites();

        protected override IList<ServerName>? GetSniServerNames() =>
            HostName is null ? null : new List<ServerName> { new(NameType.host_name, HostName) };

        public bool Completed { get; private set; }

        public override void NotifyHandshakeComplete()
        {
            base.NotifyHandshakeComplete();
            Completed = true;
        }

        public override IDictionary<int, byte[]> GetClientExtensions()
        {
            var extensions = base.GetClientExtensions();
            if (_offerEarlyData)
            {
                extensions[ExtensionType.early_data] = Array.Empty<byte>();
            }

            return extensions;
        }

        protected override ProtocolVersion[] GetSupportedVersions() => new[] { _version };

        public override TlsAuthentication GetAuthentication() => new AnyCertificate();
    }

    private sealed class RecordingCrypto : BcTlsCrypto
    {
        public RecordingCrypto()
            : base(new SecureRandom())
        {
        }

        public List<TlsCipher> Ciphers { get; } = new();

        public override TlsCipher CreateCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
        {
            var cipher = base.CreateCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
            Ciphers.Add(cipher);
            return cipher;
        }
    }

    private sealed class AnyCertificate : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
        }

        public TlsCredentials? GetClientCredentials(CertificateRequest certificateRequest) => null;
    }
}
