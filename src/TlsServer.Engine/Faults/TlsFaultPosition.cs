namespace TlsServer.Engine;

/// <summary>Whether a fault acts just before or just after its point.</summary>
public enum TlsFaultPosition
{
    Before,
    After,
}
