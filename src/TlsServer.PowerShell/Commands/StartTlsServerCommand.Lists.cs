using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Start-TlsServer's list parameters, as arrays or s_server's separated strings (<see cref="ListParameter"/>).</summary>
public sealed partial class StartTlsServerCommand
{
    /// <summary>Splits every list parameter in place, and reads the protocol parameters into versions.</summary>
    private ProtocolChoice ReadListParameters()
    {
        Alpn = ListParameter.Alpn.Split(this, Alpn);
        NextProtoNeg = ListParameter.NextProtoNeg.Split(this, NextProtoNeg);
        Group = ListParameter.Group.Split(this, Group);
        SignatureAlgorithm = ListParameter.SignatureAlgorithm.Split(this, SignatureAlgorithm);
        ClientSignatureAlgorithm = ListParameter.ClientSignatureAlgorithm.Split(this, ClientSignatureAlgorithm);
        CipherSuite = ListParameter.CipherSuite.Split(this, CipherSuite);
        return new ProtocolChoice(
            ProtocolParameters.ParseList(this, ListParameter.Protocol, Protocol),
            ProtocolParameters.ParseList(this, ListParameter.ExcludeProtocol, ExcludeProtocol),
            ProtocolParameters.ParseOne(this, nameof(MinimumProtocol), MinimumProtocol),
            ProtocolParameters.ParseOne(this, nameof(MaximumProtocol), MaximumProtocol));
    }

    private sealed record ProtocolChoice(TlsProtocol[]? Protocols, TlsProtocol[]? Excluded, TlsProtocol? Minimum, TlsProtocol? Maximum);
}
