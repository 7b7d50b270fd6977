using Org.BouncyCastle.Tls;
using TlsServer.Engine.Registry;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>
/// Handshake content: each message is changed before BouncyCastle encodes and hashes it, so the transcript holds what
/// was sent. Two changes come after hashing because BouncyCastle keeps the transcript internal: the Finished's
/// verify_data and TLS 1.2's malformed ticket; the client aborts at that very message, so nothing depends on the
/// difference.
/// </summary>
internal sealed partial class FaultingServerProtocol
{
    private static readonly byte[] Tls12Sentinel = "DOWNGRD\u0001"u8.ToArray();
    private static readonly byte[] Tls11Sentinel = "DOWNGRD\u0000"u8.ToArray();

    private int? _retryGroup;
    private IDictionary<int, byte[]>? _serverHelloExtensions;

    protected override ServerHello GenerateServerHello(ClientHello clientHello, HandshakeMessageInput clientHelloMessage)
    {
        if (_faults.Pending(TlsFaultKind.HelloRetryRequest) is { } retry && OffersTls13(clientHello))
        {
            PrepareRetry(retry, clientHello);
        }

        var hello = base.GenerateServerHello(clientHello, clientHelloMessage);
        if (_faults.Pending(TlsFaultKind.DowngradeSentinel) is { } sentinel)
        {
            WriteSentinel(sentinel, hello);
        }

        if (_faults.Pending(TlsFaultKind.HelloRetryRequest) is { } none && !hello.IsHelloRetryRequest())
        {
            Log.NotApplicable(none, "in ServerHello", Version, IsTls13Now
                ? "the client's key share needed no retry" : $"{Version} was negotiated; HelloRetryRequest is TLS 1.3's");
        }

        return hello;
    }

    protected override ServerHello Generate13HelloRetryRequest(ClientHello clientHello)
    {
        if (_retryGroup is { } group)
        {
            m_retryGroup = group;
        }

        if (_faults.Pending(TlsFaultKind.HelloRetryRequest) is { } retry)
        {
            Log.Applied(retry, "in HelloRetryRequest", Version, OutputEnd, $"HelloRetryRequest for {NamedGroups.Name(m_retryGroup)}"
                + (_retryGroup is null ? string.Empty : ", a group the client did not offer or the server cannot use"));
        }

        return base.Generate13HelloRetryRequest(clientHello);
    }

    /// <summary>
    /// Leaves BouncyCastle one group to choose, and hides the client's key share for it (the transcript keeps the real
    /// hello), so it answers with its own HelloRetryRequest. Without -Group that is the first group both support that the
    /// client sent no share for, so the retry completes; a -Group the client offered and the server supports is asked
    /// for even when the client sent its share (a retry that changes nothing, which RFC 8446 4.1.4 says to refuse); any
    /// other -Group is named in the HelloRetryRequest itself.
    /// </summary>
    private void PrepareRetry(int index, ClientHello clientHello)
    {
        var extensions = clientHello.Extensions;
        var shares = TlsExtensionsUtilities.GetKeyShareClientHello(extensions) ?? new List<KeyShareEntry>();
        var offered = TlsExtensionsUtilities.GetSupportedGroupsExtension(extensions) ?? Array.Empty<int>();
        var ours = m_tlsServer.GetSupportedGroups() ?? Array.Empty<int>();
        int? group = _faults.Server.GroupOf(index) ?? offered.Where(g => ours.Contains(g) && shares.All(s => s.NamedGroup != g)).Select(g => (int?)g).FirstOrDefault();
        if (group is not { } chosen)
        {
            Log.NotApplicable(index, "in ClientHello", Version, "the client sent a key share for every group both sides support, so a retry could ask for nothing new");
            return;
        }

        if (offered.Contains(chosen) && ours.Contains(chosen))
        {
            extensions[ExtensionType.supported_groups] = TlsExtensionsUtilities.CreateSupportedGroupsExtension(new[] { chosen });
            extensions[ExtensionType.key_share] = TlsExtensionsUtilities.CreateKeyShareClientHello(shares.Where(s => s.NamedGroup != chosen).ToList());
        }
        else
        {
            extensions[ExtensionType.key_share] = TlsExtensionsUtilities.CreateKeyShareClientHello(new List<KeyShareEntry>());
            _retryGroup = chosen;
        }
    }

    private bool OffersTls13(ClientHello hello) =>
        TlsExtensionsUtilities.GetSupportedVersionsExtensionClient(hello.Extensions) is { } versions
        && versions.Any(TlsUtilities.IsTlsV13)
        && m_tlsServer.GetProtocolVersions().Any(TlsUtilities.IsTlsV13);

    /// <summary>The random is BouncyCastle's own array, so keys, the ServerKeyExchange signature and the transcript all see the sentinel.</summary>
    private void WriteSentinel(int index, ServerHello hello)
    {
        if (IsTls13Now)
        {
            Log.NotApplicable(index, "in ServerHello", Version, "TLS 1.3 was negotiated; the sentinel belongs in an older version's ServerHello");
            return;
        }

        var sentinel = TlsUtilities.IsTlsV12(Context) ? Tls12Sentinel : Tls11Sentinel;
        var tail = hello.Random.AsSpan(24, 8);
        bool already = tail.SequenceEqual(sentinel);
        sentinel.CopyTo(tail);
        Log.Applied(index, "in ServerHello", Version, OutputEnd, $"ServerHello.random ends with {Convert.ToHexString(sentinel)}"
            + (already ? " (BouncyCastle wrote it too: the client offered no newer version)" : string.Empty), 8, 0);
    }

    protected override void SendServerHelloMessage(ServerHello serverHello)
    {
        if (serverHello.IsHelloRetryRequest())
        {
            base.SendServerHelloMessage(serverHello);
            return;
        }

        _serverHelloExtensions = serverHello.Extensions;
        var extensions = IsTls13Now ? DuplicateIn(serverHello.Extensions, "in ServerHello", lastChance: false)
            : ChangeExtensions(serverHello.Extensions, "in ServerHello");
        base.SendServerHelloMessage(ReferenceEquals(extensions, serverHello.Extensions) ? serverHello
            : new ServerHello(serverHello.Version, serverHello.Random, serverHello.SessionID, serverHello.CipherSuite, extensions));
    }

    protected override void Send13EncryptedExtensionsMessage(IDictionary<int, byte[]> serverExtensions)
    {
        // Send13ServerHelloCoda has switched to the handshake keys just before.
        _writeEncrypted = true;
        var extensions = ChangeExtensions(serverExtensions, "in EncryptedExtensions");
        if (_faults.Pending(TlsFaultKind.MisplacedExtension) is { } misplaced)
        {
            extensions = Copy(extensions);
            int type = All[misplaced].ExtensionType!.Value;
            extensions[type] = All[misplaced].ExtensionBytes ?? ServerHelloValue(type) ?? Array.Empty<byte>();
            Log.Applied(misplaced, "in EncryptedExtensions", Version, OutputEnd, $"{All[misplaced].ExtensionName} ({type}) in EncryptedExtensions",
                extensions[type].Length, 0);
        }

        base.Send13EncryptedExtensionsMessage(extensions);
    }

    private byte[]? ServerHelloValue(int type) =>
        _serverHelloExtensions is not null && _serverHelloExtensions.TryGetValue(type, out var value) ? value : null;

    protected override void SendChangeCipherSpec()
    {
        base.SendChangeCipherSpec();
        _writeEncrypted = true;
    }

    /// <summary>SendAlpn, UnsolicitedExtension and DuplicateExtension on the message that carries the server's extensions.</summary>
    private IDictionary<int, byte[]> ChangeExtensions(IDictionary<int, byte[]> original, string message)
    {
        var extensions = original;
        if (_faults.Pending(TlsFaultKind.SendAlpn) is { } alpn)
        {
            string protocol = All[alpn].Alpn!;
            if (TlsExtensionsUtilities.GetAlpnExtensionClient(m_clientExtensions)?.Any(p => p.GetUtf8Decoding() == protocol) == true)
            {
                Log.NotApplicable(alpn, message, Version, $"the client offered '{protocol}'");
            }
            else
            {
                extensions = Copy(extensions);
                TlsExtensionsUtilities.AddAlpnExtensionServer(extensions, ProtocolName.AsUtf8Encoding(protocol));
                Log.Applied(alpn, message, Version, OutputEnd, $"ALPN '{protocol}' {message}", protocol.Length, 0);
            }
        }

        if (_faults.Pending(TlsFaultKind.UnsolicitedExtension) is { } unsolicited)
        {
            int type = All[unsolicited].ExtensionType!.Value;
            if (m_clientExtensions?.ContainsKey(type) == true)
            {
                Log.NotApplicable(unsolicited, message, Version, $"the client offered {All[unsolicited].ExtensionName}");
            }
            else
            {
                extensions = Copy(extensions);
                extensions[type] = All[unsolicited].ExtensionBytes ?? Array.Empty<byte>();
                Log.Applied(unsolicited, message, Version, OutputEnd, $"{All[unsolicited].ExtensionName} ({type}) {message}", extensions[type].Length, 0);
            }
        }

        return DuplicateIn(extensions, message, lastChance: true);
    }

    /// <summary>The extension twice, when this message carries it; BouncyCastle encodes and hashes both copies.</summary>
    private IDictionary<int, byte[]> DuplicateIn(IDictionary<int, byte[]> extensions, string message, bool lastChance)
    {
        if (_faults.Pending(TlsFaultKind.DuplicateExtension) is not { } duplicate)
        {
            return extensions;
        }

        int type = All[duplicate].ExtensionType!.Value;
        if (!extensions.ContainsKey(type))
        {
            if (lastChance)
            {
                Log.NotApplicable(duplicate, message, Version, $"the server sent no {All[duplicate].ExtensionName} in this handshake");
            }

            return extensions;
        }

        Log.Applied(duplicate, message, Version, OutputEnd, $"{All[duplicate].ExtensionName} ({type}) twice {message}", extensions[type].Length, 0);
        return new DuplicatingExtensions(extensions, type);
    }

    private static Dictionary<int, byte[]> Copy(IDictionary<int, byte[]> extensions) => new(extensions);

    protected override void SendServerKeyExchangeMessage(byte[] serverKeyExchange)
    {
        if (_faults.Pending(TlsFaultKind.CorruptSignature) is { } corrupt)
        {
            if (IsSigned(Context.SecurityParameters.KeyExchangeAlgorithm))
            {
                serverKeyExchange = Corrupt(serverKeyExchange);
                Log.Applied(corrupt, "in ServerKeyExchange", Version, OutputEnd, "the ServerKeyExchange signature's last byte changed", 1, 0);
            }
            else
            {
                Log.NotApplicable(corrupt, "in ServerKeyExchange", Version, $"the {KeyExchangeName()} key exchange signs nothing");
            }
        }

        base.SendServerKeyExchangeMessage(serverKeyExchange);
    }

    protected override void Send13CertificateVerifyMessage(DigitallySigned certificateVerify)
    {
        if (_faults.Pending(TlsFaultKind.CorruptSignature) is { } corrupt)
        {
            certificateVerify = new DigitallySigned(certificateVerify.Algorithm, Corrupt(certificateVerify.Signature));
            Log.Applied(corrupt, "in CertificateVerify", Version, OutputEnd, "the CertificateVerify signature's last byte changed", 1, 0);
        }

        base.Send13CertificateVerifyMessage(certificateVerify);
    }

    protected override void SendServerHelloDoneMessage()
    {
        if (_faults.Pending(TlsFaultKind.CorruptSignature) is { } corrupt)
        {
            Log.NotApplicable(corrupt, "in ServerHelloDone", Version, $"no ServerKeyExchange signature in this handshake ({KeyExchangeName()} key exchange)");
        }

        base.SendServerHelloDoneMessage();
    }

    /// <summary>
    /// BoringSSL's InvalidSignature makes a well-formed signature of the wrong input; here the signature's lowest bit
    /// flips, which keeps its encoding (the last byte of an ECDSA DER signature is inside s) and breaks its value.
    /// </summary>
    private static byte[] Corrupt(byte[] signed)
    {
        var copy = (byte[])signed.Clone();
        copy[^1] ^= 0x01;
        return copy;
    }

    private static bool IsSigned(int keyExchange) => keyExchange is KeyExchangeAlgorithm.DHE_DSS or KeyExchangeAlgorithm.DHE_RSA
        or KeyExchangeAlgorithm.ECDHE_ECDSA or KeyExchangeAlgorithm.ECDHE_RSA or KeyExchangeAlgorithm.SRP_DSS or KeyExchangeAlgorithm.SRP_RSA;

    private string KeyExchangeName() => Context.SecurityParameters.KeyExchangeAlgorithm switch
    {
        KeyExchangeAlgorithm.RSA => "RSA",
        KeyExchangeAlgorithm.PSK => "PSK",
        KeyExchangeAlgorithm.DHE_PSK => "DHE_PSK",
        KeyExchangeAlgorithm.ECDHE_PSK => "ECDHE_PSK",
        KeyExchangeAlgorithm.RSA_PSK => "RSA_PSK",
        KeyExchangeAlgorithm.SRP => "SRP",
        KeyExchangeAlgorithm.DH_anon => "DH_anon",
        KeyExchangeAlgorithm.ECDH_anon => "ECDH_anon",
        int other => $"#{other}",
    };

    /// <summary>The server's Finished, its first verify_data byte changed after BouncyCastle hashed the true one.</summary>
    private byte[]? CorruptFinished(ReadOnlySpan<byte> record)
    {
        if (_faults.Pending(TlsFaultKind.CorruptFinished) is not { } corrupt || record.Length < 5)
        {
            return null;
        }

        var copy = record.ToArray();
        copy[4] ^= 0x01;
        Log.Applied(corrupt, "in Finished", Version, OutputEnd, "verify_data's first byte changed; the server's transcript keeps the true one", 1, 1);
        return copy;
    }

    protected override void SendCertificateMessage(Certificate certificate, Stream endPointHash) =>
        base.SendCertificateMessage(ChangeChain(certificate), endPointHash);

    protected override void Send13CertificateMessage(Certificate certificate) =>
        base.Send13CertificateMessage(ChangeChain(certificate));

    private Certificate ChangeChain(Certificate certificate)
    {
        if (_faults.Pending(TlsFaultKind.CertificateChain) is not { } index || certificate is null)
        {
            return certificate!;
        }

        var entries = certificate.GetCertificateEntryList();
        var changed = All[index].CertificateChain switch
        {
            TlsCertificateChainFault.Reversed => entries.AsEnumerable().Reverse().ToArray(),
            TlsCertificateChainFault.NoIntermediate => entries.Take(1).ToArray(),
            TlsCertificateChainFault.ExtraCertificate => entries.Append(new CertificateEntry(
                Context.Crypto.CreateCertificate(_faults.Server.ExtraCertificate!), null)).ToArray(),
            _ => Array.Empty<CertificateEntry>(),
        };
        Log.Applied(index, "in Certificate", Version, OutputEnd, $"{All[index].CertificateChain}: {changed.Length} certificate{(changed.Length == 1 ? string.Empty : "s")} sent of {entries.Length}",
            0, 0);
        return certificate.GetCertificateRequestContext() is { } context
            ? new Certificate(context, changed)
            : new Certificate(changed.Select(e => e.Certificate).ToArray());
    }
}
