namespace TlsServer.Engine.Registry;

/// <summary>Alerts as the session records them: the wire's level and description, named from the registry.</summary>
internal static class Alerts
{
    /// <summary>RFC 8446 6: AlertLevel fatal.</summary>
    public const int FatalLevel = 2;

    public static TlsAlert Create(short level, short description, AlertDirection direction, string? message) =>
        new(AlertCodes.Name(description) ?? "UNKNOWN", description, level == FatalLevel, direction, message);
}
