using System.Text;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Credentials;
using TlsServer.Engine.Ocsp;

namespace TlsServer.Engine.Extensions;

/// <summary>A server's extension settings, checked, loaded and frozen at start; shared by its connections.</summary>
internal sealed class ExtensionSettings
{
    public static readonly ExtensionSettings None = new(new ExtensionOptions(), null, Array.Empty<ServerInfoExtension>());

    private ExtensionSettings(ExtensionOptions o, OcspStapler? stapler, IReadOnlyList<ServerInfoExtension> serverInfo)
    {
        Alpn = o.Alpn is { Count: > 0 } ? o.Alpn.Select(ProtocolName.AsUtf8Encoding).ToList() : null;
        AlpnOptional = o.AlpnOptional;
        Stapler = stapler;
        StatusVerbose = o.StatusVerbose;
        ServerInfo = serverInfo;
        KeyingMaterialLabel = o.KeyingMaterialLabel;
        KeyingMaterialLength = o.KeyingMaterialLength;
    }

    public IList<ProtocolName>? Alpn { get; }
    /// <summary>With no protocol in common, leave ALPN out instead of sending no_application_protocol.</summary>
    public bool AlpnOptional { get; }
    public OcspStapler? Stapler { get; }
    public bool StatusVerbose { get; }
    public IReadOnlyList<ServerInfoExtension> ServerInfo { get; }
    public string? KeyingMaterialLabel { get; }
    public int KeyingMaterialLength { get; }

    /// <summary>Validates the options, reads the serverinfo and OCSP files, fetches the first OCSP response.</summary>
    public static ExtensionSettings Load(ExtensionOptions o, ServerCredential? credential)
    {
        Validate(o);
        var serverInfo = o.ServerInfoPath is null ? Array.Empty<ServerInfoExtension>() : ServerInfoFile.Read(o.ServerInfoPath);
        return new ExtensionSettings(o, OcspStapler.Create(o, credential), serverInfo);
    }

    private static void Validate(ExtensionOptions o)
    {
        if (o.NextProtocols is { Count: > 0 })
        {
            throw new TlsServerException("NextProtocolNegotiationNotSupported", ErrorKind.NotImplemented,
                "NPN (s_server -nextprotoneg) cannot be served: BouncyCastle has no NPN, which TLS 1.3 and current clients replaced with ALPN. Use -Alpn.",
                o.NextProtocols);
        }

        foreach (var name in o.Alpn ?? Array.Empty<string>())
        {
            int length = name is null ? 0 : Encoding.UTF8.GetByteCount(name);
            if (length is < 1 or > 255)
            {
                throw Invalid("AlpnProtocolInvalid", $"The ALPN protocol '{name}' must be 1 to 255 bytes long.", name);
            }
        }

        if (o.AlpnFatal && o.Alpn is not { Count: > 0 })
        {
            throw Invalid("AlpnFatalWithoutAlpn", "AlpnFatal needs the protocols to offer: give -Alpn too.", null);
        }

        if (o.AlpnOptional && o.Alpn is not { Count: > 0 })
        {
            throw Invalid("AlpnOptionalWithoutAlpn", "AlpnOptional needs the protocols to offer: give -Alpn too.", null);
        }

        if (o.AlpnOptional && o.AlpnFatal)
        {
            throw Invalid("AlpnFatalWithAlpnOptional", "AlpnFatal and AlpnOptional contradict each other: give one.", null);
        }

        if (o.StatusFile is not null && (o.Status || o.StatusUrl is not null))
        {
            throw Invalid("StatusSourceConflict", "Staple either a fixed response (-StatusFile) or fetched ones (-Status, -StatusUrl), not both.", null);
        }

        if (o.StatusTimeout <= TimeSpan.Zero)
        {
            throw Invalid("StatusTimeoutOutOfRange", "The OCSP timeout must be positive.", o.StatusTimeout);
        }

        if (o.KeyingMaterialLabel is not null && o.KeyingMaterialLength is < 1 or > 16 * 1024)
        {
            throw Invalid("KeyingMaterialLengthOutOfRange", "KeyingMaterialLength must be between 1 and 16384 bytes.", o.KeyingMaterialLength);
        }
    }

    private static TlsServerException Invalid(string id, string message, object? target) =>
        new(id, ErrorKind.InvalidArgument, message, target);
}
