using System.Text;
using TlsServer.Engine.Config;
using TlsServer.Engine.Credentials;
using TlsServer.Engine.Extensions;

namespace TlsServer.Engine;

/// <summary>ALPN, OCSP stapling, serverinfo and keying material: the options are checked first, the files load after the credentials.</summary>
public sealed partial class ServerConfig
{
    private static void CheckExtensions(ServerOptions options)
    {
        var o = options.Extensions;
        foreach (var name in o.Alpn ?? Array.Empty<string>())
        {
            int length = name is null ? 0 : Encoding.UTF8.GetByteCount(name);
            if (length is < 1 or > 255)
            {
                throw TlsServerException.Invalid(ErrorIds.AlpnProtocolInvalid, $"The ALPN protocol '{name}' must be 1 to 255 bytes long.", name);
            }
        }

        if (o.AlpnFatal && o.Alpn is not { Count: > 0 })
        {
            throw TlsServerException.Invalid(ErrorIds.AlpnFatalWithoutAlpn, "AlpnFatal needs the protocols to offer: give -Alpn too.");
        }

        if (o.AlpnOptional && o.Alpn is not { Count: > 0 })
        {
            throw TlsServerException.Invalid(ErrorIds.AlpnOptionalWithoutAlpn, "AlpnOptional needs the protocols to offer: give -Alpn too.");
        }

        if (o.AlpnOptional && o.AlpnFatal)
        {
            throw TlsServerException.Invalid(ErrorIds.AlpnFatalWithAlpnOptional, "AlpnFatal and AlpnOptional contradict each other: give one.");
        }

        if (o.StatusFile is not null && (o.Status || o.StatusUrl is not null))
        {
            throw TlsServerException.Invalid(ErrorIds.StatusSourceConflict,
                "Staple either a fixed response (-StatusFile) or fetched ones (-Status, -StatusUrl), not both.");
        }
    }

    /// <summary>Reads the serverinfo file and the OCSP response (or fetches the first one).</summary>
    private static ExtensionConfig BuildExtensions(ServerOptions options, ServerCredential? credential)
    {
        var o = options.Extensions;
        var serverInfo = o.ServerInfoPath is null ? Array.Empty<ServerInfoExtension>() : ServerInfoFile.Read(o.ServerInfoPath);
        var stapler = OcspStapler.Create(o.StatusFile, o.Status || o.StatusUrl is not null || o.StatusVerbose, o.StatusUrl,
            o.StatusTimeout ?? TimeSpan.FromSeconds(ServerLimits.StatusTimeoutSec.Default), credential);
        return new ExtensionConfig(o.Alpn is { Count: > 0 } ? o.Alpn.ToArray() : null, o.AlpnOptional, stapler, o.StatusVerbose, o.StatusTimeout,
            serverInfo, o.KeyingMaterialLabel, o.KeyingMaterialLength);
    }

    private static DiagnosticConfig BuildDiagnostics(ServerOptions options)
    {
        var d = options.Diagnostics;
        return new DiagnosticConfig(d.Messages, d.State, d.HexDump, d.TraceFile, d.Brief, d.Quiet, d.MessageLimit,
            options.Extensions.KeyLogPath, options.Extensions.TlsExtDebug);
    }
}
