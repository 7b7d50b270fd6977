using TlsServer.Engine.Config;

namespace TlsServer.Engine;

/// <summary>The limits: each value given is checked against its <see cref="ServerLimits"/> bounds, the others take its default.</summary>
public sealed partial class ServerConfig
{
    private static LimitConfig BuildLimits(ServerOptions o)
    {
        Check(o.Port, ServerLimits.Port.Min, ServerLimits.Port.Max, ErrorIds.PortOutOfRange, "The port");
        var handshakeTimeout = Seconds(o.HandshakeTimeout, ServerLimits.HandshakeTimeoutSec.Min, ServerLimits.HandshakeTimeoutSec.Max,
            ErrorIds.HandshakeTimeoutOutOfRange, "The handshake timeout") ?? TimeSpan.FromSeconds(ServerLimits.HandshakeTimeoutSec.Default);
        var idleTimeout = Seconds(o.IdleTimeout, ServerLimits.IdleTimeoutSec.Min, ServerLimits.IdleTimeoutSec.Max,
            ErrorIds.IdleTimeoutOutOfRange, "The idle timeout");
        Check(o.ConnectionLimit, ServerLimits.ConnectionLimit.Min, ServerLimits.ConnectionLimit.Max, ErrorIds.ConnectionLimitOutOfRange, "ConnectionLimit");
        Check(o.MaxHandshakeMessageSize, ServerLimits.MaxHandshakeMessageSize.Min, ServerLimits.MaxHandshakeMessageSize.Max,
            ErrorIds.MaxHandshakeMessageSizeOutOfRange, "MaxHandshakeMessageSize");
        Check(o.ReceiveBufferLimit, ServerLimits.ReceiveBufferLimit.Min, ServerLimits.ReceiveBufferLimit.Max,
            ErrorIds.ReceiveBufferLimitOutOfRange, "ReceiveBufferLimit");
        Check(o.MaxConnections, ServerLimits.MaxConnections.Min, ServerLimits.MaxConnections.Max, ErrorIds.MaxConnectionsOutOfRange, "MaxConnections");
        Check(o.SessionHistoryLimit, ServerLimits.SessionHistoryLimit.Min, ServerLimits.SessionHistoryLimit.Max,
            ErrorIds.SessionHistoryLimitOutOfRange, "SessionHistoryLimit");
        Check(o.MaxSendFragment, ServerLimits.MaxSendFragment.Min, ServerLimits.MaxSendFragment.Max, ErrorIds.MaxSendFragmentOutOfRange, "MaxSendFragment");
        Check(o.ReadBufferSize, ServerLimits.ReadBufferSize.Min, ServerLimits.ReadBufferSize.Max, ErrorIds.ReadBufferSizeOutOfRange, "ReadBufferSize");
        Check(o.Mtu, ServerLimits.Mtu.Min, ServerLimits.Mtu.Max, ErrorIds.MtuOutOfRange, "The MTU");
        Check(o.AssociationLimit, ServerLimits.AssociationLimit.Min, ServerLimits.AssociationLimit.Max, ErrorIds.AssociationLimitOutOfRange, "AssociationLimit");
        Check(o.SessionCacheSize, ServerLimits.SessionCacheSize.Min, ServerLimits.SessionCacheSize.Max, ErrorIds.SessionCacheSizeOutOfRange, "SessionCacheSize");
        Seconds(o.SessionCacheTimeout, ServerLimits.SessionCacheTimeoutSec.Min, ServerLimits.SessionCacheTimeoutSec.Max,
            ErrorIds.SessionCacheTimeoutOutOfRange, "The session cache timeout");
        Seconds(o.Extensions.StatusTimeout, ServerLimits.StatusTimeoutSec.Min, ServerLimits.StatusTimeoutSec.Max,
            ErrorIds.StatusTimeoutOutOfRange, "The OCSP timeout");
        Check(o.Extensions.KeyingMaterialLength, ServerLimits.KeyingMaterialLength.Min, ServerLimits.KeyingMaterialLength.Max,
            ErrorIds.KeyingMaterialLengthOutOfRange, "KeyingMaterialLength");
        Check(o.Diagnostics.MessageLimit, ServerLimits.MessageLimit.Min, ServerLimits.MessageLimit.Max, ErrorIds.MessageLimitOutOfRange, "MessageLimit");
        Check(o.ClientAuthentication.VerifyDepth, ServerLimits.VerifyDepth.Min, ServerLimits.VerifyDepth.Max, ErrorIds.VerifyDepthOutOfRange, "The verify depth");
        return new LimitConfig(
            handshakeTimeout,
            idleTimeout,
            o.ConnectionLimit ?? ServerLimits.ConnectionLimit.Default,
            o.MaxConnections,
            o.ReceiveBufferLimit ?? ServerLimits.ReceiveBufferLimit.Default,
            o.SessionHistoryLimit ?? ServerLimits.SessionHistoryLimit.Default);
    }

    private static void Check(int? value, int min, int max, string errorId, string what)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw TlsServerException.Invalid(errorId, $"{what} must be between {min} and {max}; {v} is not.", v);
        }
    }

    /// <summary>A time given in whole or fractional seconds, between the bounds (in seconds).</summary>
    private static TimeSpan? Seconds(TimeSpan? value, int min, int max, string errorId, string what)
    {
        if (value is { } v && (v < TimeSpan.FromSeconds(min) || v > TimeSpan.FromSeconds(max)))
        {
            throw TlsServerException.Invalid(errorId, $"{what} must be between {min} and {max} seconds; {v.TotalSeconds:0.###} is not.", v);
        }

        return value;
    }
}
