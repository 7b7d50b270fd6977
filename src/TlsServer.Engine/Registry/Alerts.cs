using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Tls;

internal static class Alerts
{
    public static TlsAlert Create(short level, short description, AlertDirection direction, string? message) =>
        new(AlertDescription.GetName(description), description, level == AlertLevel.fatal, direction, message);
}
