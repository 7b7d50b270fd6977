using TlsServer.Engine.Tls;

namespace TlsServer.Engine;

/// <summary>Checks the transport (DTLS, Unix socket, -Accept, address family) and shared-secret (PSK, SRP) options.</summary>
internal static class TransportOptionsValidator
{
    public static void Validate(ServerOptions o)
    {
        bool dtls = ProtocolRange.IsDtls(o);

        if (o.Listen && !dtls)
        {
            throw OptionsValidator.Invalid("ListenNeedsDtls", "-Listen is the DTLS cookie exchange; add -Dtls or -Protocol Dtls10/Dtls12.", o.Listen);
        }

        if (o.Mtu is < 256 or > 65535)
        {
            throw OptionsValidator.Invalid("MtuOutOfRange", "The MTU must be between 256 and 65535 bytes.", o.Mtu);
        }

        if (o.AssociationLimit <= 0)
        {
            throw OptionsValidator.Invalid("AssociationLimitOutOfRange", "AssociationLimit must be at least 1.", o.AssociationLimit);
        }

        if (dtls && StreamOnlyOptions(o) is { Length: > 0 } streamOnly)
        {
            throw OptionsValidator.Invalid("StreamOptionsWithDtls",
                $"{string.Join(", ", streamOnly)} shape a TCP byte stream or TLS 1.3 handshakes; DTLS 1.2 datagrams follow -Mtu. Drop them or the DTLS versions.", streamOnly);
        }

        if (o.Accept is not null && o.Address is not null)
        {
            throw OptionsValidator.Invalid("AcceptConflict", "Give the address with -Accept 'host:port' or with -Address and -Port, not both.", o.Accept);
        }

        if (o.UnixSocket is not null)
        {
            if (dtls)
            {
                throw OptionsValidator.Invalid("UnixSocketDtls", "DTLS runs over UDP and cannot use a Unix domain stream socket; drop -UnixSocket or the DTLS versions.", o.UnixSocket);
            }

            if (o.Address is not null || o.Accept is not null || o.AddressFamily != ListenAddressFamily.Any)
            {
                throw OptionsValidator.Invalid("UnixSocketWithAddress", "A Unix socket has no IP address: drop -Address, -Accept and -AddressFamily with -UnixSocket.", o.UnixSocket);
            }
        }
        else if (o.Unlink)
        {
            throw OptionsValidator.Invalid("UnlinkNeedsUnixSocket", "-Unlink removes a stale Unix socket file; it needs -UnixSocket.", o.Unlink);
        }

        bool tls12OrOlder = o.Protocols.Any(p => p != TlsProtocol.Tls13);
        if (o.PskIdentityHint is not null && (o.PreSharedKeys is null || o.PreSharedKeys.Count == 0))
        {
            throw OptionsValidator.Invalid("PskIdentityHintWithoutPsk", "-PskIdentityHint needs a key: add -Psk.", o.PskIdentityHint);
        }

        if (o.PskIdentityHint is not null && !tls12OrOlder)
        {
            throw OptionsValidator.Invalid("PskIdentityHintNotInTls13",
                "TLS 1.3 has no PSK identity hint (it was in the TLS 1.2 ServerKeyExchange); drop -PskIdentityHint or allow Tls12.", o.PskIdentityHint);
        }

        if (o.SrpUserSeed is not null && o.SrpVerifierPath is null)
        {
            throw OptionsValidator.Invalid("SrpUserSeedWithoutVerifierPath", "-SrpUserSeed hides unknown users of a verifier file; add -SrpVerifierPath.", o.SrpUserSeed);
        }

        if (o.SrpVerifierPath is not null && !tls12OrOlder)
        {
            throw OptionsValidator.Invalid("SrpNeedsTls12", "SRP exists only in TLS 1.2 and older (RFC 5054); allow Tls12 with -Protocol.", o.SrpVerifierPath);
        }
    }

    private static string[] StreamOnlyOptions(ServerOptions o) => new (bool Given, string Name)[]
    {
        (o.MaxSendFragment != ServerOptions.DefaultMaxSendFragment, "-MaxSendFragment"),
        (o.ReadBufferSize != ServerOptions.DefaultReadBufferSize, "-ReadBufferSize"),
        (o.NonBlockingTest, "-NonBlockingTest"),
        (o.NoMiddleboxCompatibility, "-NoMiddleboxCompatibility"),
    }.Where(option => option.Given).Select(option => option.Name).ToArray();
}
