namespace TlsServer.Engine;

/// <summary>What became of a fault on one connection.</summary>
public enum TlsFaultOutcome
{
    /// <summary>The fault changed what the server sent.</summary>
    Applied,

    /// <summary>The fault's moment came, but it could not apply to this handshake (the Detail says why).</summary>
    NotApplicable,

    /// <summary>The connection ended before the fault's moment came.</summary>
    NotReached,
}
