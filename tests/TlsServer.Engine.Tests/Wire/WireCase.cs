namespace TlsServer.Engine.Tests.Wire;

/// <summary>One hostile input for the differential harness.</summary>
/// <param name="Name">Says what is wrong with the input; the accepted-differences table refers to it.</param>
/// <param name="Bytes">What the client sends, all at once.</param>
/// <param name="Expected">What our server must answer (the RFC's answer), whatever s_server says; null to compare only.</param>
/// <param name="KeepOpen">Keep the sending side open: the case is about a server that must not wait.</param>
/// <param name="Configuration">The servers to send it to; the default configuration when null.</param>
internal sealed record WireCase(string Name, byte[] Bytes, string? Expected = null, bool KeepOpen = false,
    WireConfiguration? Configuration = null)
{
    public override string ToString() => Name;
}
