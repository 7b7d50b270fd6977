using System.Reflection;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Credentials;
using TlsServer.Engine.Engines.BouncyCastle;
using TlsServer.Engine.Faults;
using TlsServer.Engine.Registry;

namespace TlsServer.Engine.Tests.Registry;

/// <summary>
/// The registry's tables are our own, written from IANA's; BouncyCastle has its own copies. They must agree, so that
/// what the BouncyCastle engine does and what the rest of the server names and parses never drift apart.
/// </summary>
public sealed class RegistryAgreementTests
{
    [Fact]
    public void EverySuiteBouncyCastleNamesHasThatNameInTheTable()
    {
        var fields = Constants(typeof(CipherSuite)).Where(f => f.Name.StartsWith("TLS_", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.Equal(f.Name, IanaCipherSuites.Name(f.Value)));
    }

    [Fact]
    public void SignallingValuesAreBouncyCastlesScsvs()
    {
        for (int id = 0; id <= 0xFFFF; id++)
        {
            Assert.True(CipherSuite.IsScsv(id) == IanaCipherSuites.IsSignalling(id), $"0x{id:x4}");
        }
    }

    /// <summary>
    /// The key fit reads the catalog's authentication; for every suite BouncyCastle serves (the only ones either engine
    /// offers), its key exchange classes must say the same.
    /// </summary>
    [Fact]
    public void KeyFitAgreesWithBouncyCastlesKeyExchanges()
    {
        var suites = IanaCipherSuites.All
            .Where(id => CipherSuiteCatalog.Get(id) is { } info && BouncyCastleSuites.Instance.CannotServe(info) is null).ToArray();
        Assert.Contains(0xC02F, suites);
        foreach (int id in suites)
        {
            int kx = TlsUtilities.GetKeyExchangeAlgorithm(id);
            foreach (var key in Enum.GetValues<KeyType>())
            {
                Assert.True(BouncyCastleFits(kx, key) == KeyExchangeFit.Fits(id, key), $"0x{id:x4} with {key}");
            }

            Assert.True(kx is KeyExchangeAlgorithm.PSK or KeyExchangeAlgorithm.DHE_PSK or KeyExchangeAlgorithm.ECDHE_PSK or KeyExchangeAlgorithm.SRP
                or KeyExchangeAlgorithm.DH_anon or KeyExchangeAlgorithm.ECDH_anon == KeyExchangeFit.NeedsNoCredential(id), $"0x{id:x4}");
            Assert.True(TlsUtilities.IsTlsV13(TlsUtilities.GetMinimumVersion(id)) == CipherSuiteCatalog.Get(id)!.IsTls13, $"0x{id:x4}");
        }
    }

    [Fact]
    public void AlertNamesAreBouncyCastles()
    {
        for (int code = 0; code <= 255; code++)
        {
            Assert.Equal(AlertDescription.GetName((short)code), AlertCodes.Name(code) ?? "UNKNOWN");
        }

        Assert.Equal(Constants(typeof(AlertDescription)).Where(f => f.Name != "unknown").Select(f => f.Name).Order(), TlsAlertDescriptions.Names.Order());
    }

    [Fact]
    public void HandshakeAndRecordTypeNamesAreBouncyCastles()
    {
        for (int type = 0; type <= 255; type++)
        {
            Assert.Equal(HandshakeType.GetName((short)type), HandshakeTypes.Name(type));
            Assert.Equal(ContentType.GetName((short)type), RecordTypes.Name(type));
        }

        Assert.Equal(HandshakeType.client_hello, HandshakeTypes.ClientHello);
        Assert.Equal(HandshakeType.encrypted_extensions, HandshakeTypes.EncryptedExtensions);
        Assert.Equal(ContentType.handshake, RecordTypes.Handshake);
    }

    [Fact]
    public void ExtensionNamesAreBouncyCastles()
    {
        for (int type = 0; type <= 0xFFFF; type++)
        {
            Assert.Equal(ExtensionType.GetName(type), ExtensionTypes.RegistryName(type) ?? "UNKNOWN");
        }
    }

    [Fact]
    public void GroupNamesAreBouncyCastles()
    {
        for (int group = 0; group <= 0xFFFF; group++)
        {
            string name = NamedGroup.GetName(group);
            string expected = NamedGroup.GetStandardName(group)
                ?? (string.IsNullOrEmpty(name) || name.Contains("UNKNOWN", StringComparison.Ordinal) ? $"0x{group:x4}" : name);
            Assert.Equal(expected, NamedGroups.Name(group));
        }

        Assert.Equal(new[]
        {
            NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.x448, NamedGroup.secp521r1, NamedGroup.secp384r1,
            NamedGroup.ffdhe2048, NamedGroup.ffdhe3072, NamedGroup.ffdhe4096, NamedGroup.ffdhe6144, NamedGroup.ffdhe8192,
        }, DefaultGroups.All);
    }

    /// <summary>Every group BouncyCastle can serve parses by both of its names, and nothing else does.</summary>
    [Fact]
    public void GroupsParseByTheirNamesWhenBouncyCastleServesThem()
    {
        for (int group = 0; group <= 0x11FF; group++)
        {
            foreach (var name in new[] { NamedGroup.GetStandardName(group), NamedGroup.GetName(group) })
            {
                if (name is null || name.Contains("UNKNOWN", StringComparison.Ordinal))
                {
                    continue;
                }

                bool served = BouncyCastleSupport.HasGroup(group);
                var parsed = Record.Exception(() => NamedGroups.Parse(new[] { name }));
                Assert.True(served == (parsed is null), $"{name} (0x{group:x4})");
            }
        }

        Assert.All(TlsNames.Groups, name => Assert.Single(NamedGroups.Parse(new[] { name })));
    }

    [Fact]
    public void SchemeNamesAreBouncyCastles()
    {
        var settable = Constants(typeof(SignatureScheme)).ToArray();
        Assert.Equal(settable.Select(f => f.Name).Order(), SignatureAlgorithmNames.SettableNames.Order());
        Assert.All(settable, f => Assert.Equal(new[] { f.Value }, SignatureAlgorithmNames.Parse(new[] { f.Name }, "SignatureAlgorithm")));
        Assert.All(TlsServer.Engine.TlsNames.SignatureAlgorithms, name => Assert.Single(SignatureAlgorithmNames.Parse(new[] { name }, "SignatureAlgorithm")));
        for (int code = 0; code <= 0xFFFF; code++)
        {
            string name = SignatureScheme.GetName(code);
            string legacy = $"{SignatureAlgorithm.GetName((short)(code & 0xFF))}_{HashAlgorithm.GetName((short)(code >> 8))}";
            Assert.Equal(name.StartsWith("UNKNOWN", StringComparison.Ordinal) ? legacy : name, SignatureAlgorithmNames.Name(code));
        }
    }

    [Fact]
    public void ProtocolCodesAreBouncyCastlesVersions()
    {
        var expected = new Dictionary<TlsProtocol, ProtocolVersion>
        {
            [TlsProtocol.Ssl3] = ProtocolVersion.SSLv3,
            [TlsProtocol.Tls10] = ProtocolVersion.TLSv10,
            [TlsProtocol.Tls11] = ProtocolVersion.TLSv11,
            [TlsProtocol.Tls12] = ProtocolVersion.TLSv12,
            [TlsProtocol.Tls13] = ProtocolVersion.TLSv13,
            [TlsProtocol.Dtls10] = ProtocolVersion.DTLSv10,
            [TlsProtocol.Dtls12] = ProtocolVersion.DTLSv12,
        };
        Assert.Equal(Enum.GetValues<TlsProtocol>().Order(), expected.Keys.Order());
        foreach (var (protocol, version) in expected)
        {
            Assert.Equal(version, BcVersions.ToBc(protocol));
            Assert.Equal(protocol, BcVersions.FromBc(version));
        }
    }

    private static bool BouncyCastleFits(int kx, KeyType key) => kx switch
    {
        KeyExchangeAlgorithm.NULL => true,
        KeyExchangeAlgorithm.ECDHE_ECDSA => key is KeyType.Ecdsa or KeyType.Ed25519 or KeyType.Ed448,
        KeyExchangeAlgorithm.ECDHE_RSA or KeyExchangeAlgorithm.DHE_RSA or KeyExchangeAlgorithm.RSA
            or KeyExchangeAlgorithm.RSA_PSK or KeyExchangeAlgorithm.SRP_RSA => key == KeyType.Rsa,
        KeyExchangeAlgorithm.DHE_DSS or KeyExchangeAlgorithm.SRP_DSS => key == KeyType.Dsa,
        _ => false,
    };

    private static IEnumerable<(string Name, int Value)> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && (f.FieldType == typeof(int) || f.FieldType == typeof(short)))
            .Select(f => (f.Name, Convert.ToInt32(f.GetRawConstantValue())));
}
