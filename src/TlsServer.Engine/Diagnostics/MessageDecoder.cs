using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine.Registry;

namespace TlsServer.Engine.Diagnostics;

/// <summary>A one-line summary of a protocol message: versions, suites, groups, key shares, extensions.</summary>
internal static class MessageDecoder
{
    /// <summary>RFC 8422 5.4: ECCurveType named_curve.</summary>
    private const int NamedCurve = 3;

    private static readonly byte[] HelloRetryRandom = Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    public static string Handshake(byte[] message, bool tls13, TlsClientHello? clientHello = null)
    {
        try
        {
            var r = new WireReader(message);
            int type = r.U8();
            var body = r.Vector24();
            return type switch
            {
                HandshakeTypes.ClientHello => clientHello is null ? "(malformed)" : ClientHello(clientHello),
                HandshakeTypes.ServerHello => ServerHello(body),
                HandshakeTypes.EncryptedExtensions => "extensions: " + Extensions(new WireReader(body).Vector16(), false),
                HandshakeTypes.Certificate => Certificates(body, tls13),
                HandshakeTypes.CertificateVerify => $"{CodePointNames.SignatureScheme(new WireReader(body).U16())}, {body.Length - 4}-byte signature",
                HandshakeTypes.ServerKeyExchange => ServerKeyExchange(body),
                HandshakeTypes.CertificateStatus => $"OCSP response, {Math.Max(0, body.Length - 4)} bytes",
                HandshakeTypes.Finished => $"verify_data {body.Length} bytes",
                HandshakeTypes.KeyUpdate => body.Length > 0 && body[0] == 1 ? "update_requested" : "update_not_requested",
                HandshakeTypes.NewSessionTicket => body.Length >= 4 ? $"lifetime {(uint)((body[0] << 24) | (body[1] << 16) | (body[2] << 8) | body[3])} s" : "(malformed)",
                _ => $"{body.Length} bytes",
            };
        }
        catch (FormatException)
        {
            return "(malformed)";
        }
    }

    public static string Alert(ReadOnlySpan<byte> payload) => payload.Length < 2
        ? "(malformed)"
        : $"{(payload[0] == Alerts.FatalLevel ? "fatal" : "warning")} {AlertCodes.Name(payload[1]) ?? "UNKNOWN"}";

    /// <summary>The version a ServerHello settles (supported_versions first), or null.</summary>
    public static int? ServerHelloVersion(byte[] message)
    {
        try
        {
            var r = new WireReader(message);
            r.U8();
            var body = new WireReader(r.Vector24());
            int legacy = body.U16();
            body.Take(32);
            body.Vector8();
            body.U16();
            body.U8();
            if (body.Remaining == 0)
            {
                return legacy;
            }

            var versions = ExtensionDecoder.ReadAll(body.Vector16(), false).FirstOrDefault(e => e.Type == 43);
            return versions is { Length: 2 } ? (versions.Bytes[0] << 8) | versions.Bytes[1] : legacy;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string ClientHello(TlsClientHello h) =>
        $"versions {Or(h.SupportedVersions, CodePointNames.Version(h.LegacyVersion))}; {h.CipherSuites.Count} suites; " +
        $"groups {Or(h.SupportedGroups, "-")}; key shares {Or(h.KeyShareGroups, "-")}; " +
        $"extensions {string.Join(", ", h.Extensions)}";

    private static string ServerHello(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body);
        int legacy = r.U16();
        bool retry = r.Take(32).SequenceEqual(HelloRetryRandom);
        r.Vector8();
        int suite = r.U16();
        r.U8();
        var extensions = r.Remaining > 0 ? ExtensionDecoder.ReadAll(r.Vector16(), false) : new List<TlsExtension>();
        var version = extensions.FirstOrDefault(e => e.Type == 43)?.Decoded ?? CodePointNames.Version(legacy);
        var share = extensions.FirstOrDefault(e => e.Type == 51)?.Decoded;
        return $"{(retry ? "HelloRetryRequest, " : string.Empty)}{version}, {CodePointNames.CipherSuite(suite)}" +
            (share is null ? string.Empty : $", key share {share}") +
            $"; extensions {string.Join(", ", extensions.Select(e => e.Name))}";
    }

    private static string Extensions(ReadOnlySpan<byte> block, bool fromClient)
    {
        var list = ExtensionDecoder.ReadAll(block, fromClient);
        return list.Count == 0 ? "(none)" : string.Join("; ", list.Select(e => e.ToString()));
    }

    private static string Certificates(ReadOnlySpan<byte> body, bool tls13)
    {
        var r = new WireReader(body);
        if (tls13)
        {
            r.Vector8();
        }

        var list = new WireReader(r.Vector24());
        var subjects = new List<string>();
        var notes = new List<string>();
        while (list.Remaining > 0)
        {
            var der = list.Vector24();
            subjects.Add(Subject(der));
            if (tls13)
            {
                var extensions = ExtensionDecoder.ReadAll(list.Vector16(), false);
                notes.AddRange(extensions.Select(e => e.Type == 5 ? "OCSP response stapled" : e.Name));
            }
        }

        return subjects.Count == 0
            ? "no certificate"
            : $"{subjects.Count} certificate(s): {string.Join(" | ", subjects)}" + (notes.Count > 0 ? $"; {string.Join(", ", notes)}" : string.Empty);
    }

    private static string Subject(ReadOnlySpan<byte> der)
    {
        try
        {
            using var certificate = new X509Certificate2(der);
            return certificate.Subject;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return $"({der.Length} bytes, not a certificate)";
        }
    }

    private static string ServerKeyExchange(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body);
        if (body.Length > 3 && body[0] == NamedCurve)
        {
            r.U8();
            int group = r.U16();
            r.Vector8();
            string signature = r.Remaining >= 2 ? $", signed with {CodePointNames.SignatureScheme(r.U16())}" : string.Empty;
            return $"ECDHE {CodePointNames.Group(group)}{signature}";
        }

        return $"DHE {r.Vector16().Length * 8}-bit prime";
    }

    private static string Or(IReadOnlyList<string> values, string none) => values.Count == 0 ? none : string.Join(", ", values);
}
