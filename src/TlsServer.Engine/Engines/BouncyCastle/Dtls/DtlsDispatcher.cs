using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle.Dtls;

/// <summary>
/// The one reader of a DTLS server's UDP socket. Datagrams from a known endpoint go to its association; a ClientHello
/// from a new endpoint opens one, within the limits. With -Listen a ClientHello must first carry the cookie of a
/// stateless HelloVerifyRequest (BouncyCastle's DtlsVerifier), so spoofed sources never get any state.
/// </summary>
internal sealed class DtlsDispatcher
{
    private const int MaxDatagram = 65535;

    private readonly BouncyCastleEngine _engine;
    private readonly Engines.IConnectionHost _host;
    private readonly Socket _socket;
    private readonly Config.DtlsConfig _settings;
    private readonly ConcurrentDictionary<IPEndPoint, DtlsConnection> _associations = new();
    private readonly DtlsVerifier? _verifier;
    private readonly CookieSender? _cookies;
    private readonly byte[] _clientId = new byte[16 + 2];

    public DtlsDispatcher(BouncyCastleEngine engine, Engines.IConnectionHost host, Socket socket, Config.DtlsConfig settings)
    {
        _engine = engine;
        _host = host;
        _socket = socket;
        _settings = settings;
        if (settings.Listen)
        {
            _verifier = new DtlsVerifier(engine.Tls.Crypto);
            _cookies = new CookieSender(socket, host.Counters);
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue; // an ICMP error from an earlier send, or an oversized datagram
            }

            OnDatagram(buffer, result.ReceivedBytes, (IPEndPoint)result.RemoteEndPoint);
        }
    }

    private void OnDatagram(byte[] buffer, int count, IPEndPoint remote)
    {
        var counters = _host.Counters;
        if (_associations.TryGetValue(remote, out var known))
        {
            if (!known.Association.TryDeliver(buffer.AsSpan(0, count).ToArray()))
            {
                counters.CountDatagramDropped();
            }

            return;
        }

        if (!DtlsClientHello.Looks(buffer.AsSpan(0, count)) || _host.AcceptedAll)
        {
            counters.CountDatagramDropped();
            return;
        }

        DtlsRequest? request = null;
        if (_verifier is not null)
        {
            _cookies!.Target = remote;
            request = _verifier.VerifyRequest(ClientId(remote), buffer, 0, count, _cookies);
            if (request is null)
            {
                return; // answered with a HelloVerifyRequest, or not a ClientHello: nothing kept either way
            }
        }

        long active = Interlocked.Read(ref counters.ActiveConnections);
        if (active >= _settings.AssociationLimit)
        {
            counters.CountAssociationRefused();
            return;
        }

        if (!_host.TryAdmit())
        {
            return;
        }

        var verifiedHello = request is null ? null : DtlsClientHello.Body(buffer.AsSpan(0, count));
        var connection = new DtlsConnection(_engine, _host, _socket, remote, request, verifiedHello, _settings);
        if (request is null)
        {
            connection.Association.TryDeliver(buffer.AsSpan(0, count).ToArray());
        }
        else
        {
            connection.Record.AddReceived(count); // the verified ClientHello, handed over as the request
            counters.AddReceived(count);
        }

        _associations[remote] = connection;
        connection.Ended += () => _associations.TryRemove(new KeyValuePair<IPEndPoint, DtlsConnection>(remote, connection));
        _host.Started(connection);
    }

    /// <summary>The cookie binds the client's address and port; written into one reused buffer.</summary>
    private byte[] ClientId(IPEndPoint remote)
    {
        Array.Clear(_clientId);
        remote.Address.MapToIPv6().TryWriteBytes(_clientId, out _);
        _clientId[16] = (byte)(remote.Port >> 8);
        _clientId[17] = (byte)remote.Port;
        return _clientId;
    }

    /// <summary>Sends the HelloVerifyRequest to whoever the dispatcher is answering; one instance, reused.</summary>
    private sealed class CookieSender : DatagramSender
    {
        private readonly Socket _socket;
        private readonly ServerCounters _counters;

        public CookieSender(Socket socket, ServerCounters counters)
        {
            _socket = socket;
            _counters = counters;
        }

        public IPEndPoint? Target { get; set; }

        public int GetSendLimit() => 1200;

        public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

        public void Send(ReadOnlySpan<byte> buffer)
        {
            try
            {
                _socket.SendTo(buffer, SocketFlags.None, Target!);
                _counters.CountHelloVerifyRequest();
            }
            catch (SocketException)
            {
                // an unreachable (perhaps spoofed) source: nothing to do
            }
        }
    }
}
