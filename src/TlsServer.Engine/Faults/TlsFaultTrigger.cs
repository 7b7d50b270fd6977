namespace TlsServer.Engine;

/// <summary>The point a fault acts at, such as "after ServerHello".</summary>
public sealed record TlsFaultTrigger(TlsFaultPosition Position, TlsFaultPoint Point)
{
    public static TlsFaultTrigger After(TlsFaultPoint point) => new(TlsFaultPosition.After, point);

    public static TlsFaultTrigger Before(TlsFaultPoint point) => new(TlsFaultPosition.Before, point);

    public override string ToString() => $"{(Position == TlsFaultPosition.Before ? "before" : "after")} {Point}";
}
