namespace TlsServer.Engine;

/// <summary>What the NewSessionTicket fault sends.</summary>
public enum TlsTicketFault
{
    /// <summary>A message that ends before its fields do.</summary>
    Malformed,

    /// <summary>A well-formed ticket of random bytes, which the server will never resume.</summary>
    RandomTicket,
}
