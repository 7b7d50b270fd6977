namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>A fault ended the connection on purpose (close_notify at a chosen point); the message is the session's Error.</summary>
internal sealed class FaultStopException : IOException
{
    public FaultStopException(string message)
        : base(message)
    {
    }
}
