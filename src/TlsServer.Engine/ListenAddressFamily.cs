namespace TlsServer.Engine;

/// <summary>Which IP family a server listens on (s_server -4 / -6).</summary>
public enum ListenAddressFamily
{
    /// <summary>IPv6 and IPv4 (dual stack) where the OS allows it; otherwise IPv4.</summary>
    Any,

    /// <summary>IPv4 only; IPv6 clients are refused.</summary>
    IPv4,

    /// <summary>IPv6 only; IPv4 clients are refused.</summary>
    IPv6,
}
