using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle.Resumption;

/// <summary>
/// The servers' own certificate chains as their tickets name them: a ticket carries the number of the chain its full
/// handshake sent, not the chain's DER. Carrying the DER made every ticket, and so every resuming ClientHello, some
/// hundreds of bytes longer (copied again by each layer that reads the hello), and it was read and looked up on every
/// resumption. Shared by the servers of a resumption context, which open each other's tickets. Bounded by
/// <see cref="Limit"/>: past it a ticket carries the DER.
/// </summary>
internal sealed class LocalChains
{
    public const int Limit = 16;

    private readonly object _gate = new();
    private volatile Certificate[] _chains = Array.Empty<Certificate>();

    /// <summary>The number tickets give <paramref name="chain"/> (the server's own object, as its credentials hold it); null past the limit.</summary>
    public int? NumberOf(Certificate chain)
    {
        if (IndexOf(_chains, chain) is { } known)
        {
            return known;
        }

        lock (_gate)
        {
            var chains = _chains;
            if (IndexOf(chains, chain) is { } added)
            {
                return added;
            }

            if (chains.Length == Limit)
            {
                return null;
            }

            _chains = [.. chains, chain];
            return chains.Length;
        }
    }

    /// <summary>The chain numbered <paramref name="number"/>, or null when none is.</summary>
    public Certificate? Get(int number)
    {
        var chains = _chains;
        return (uint)number < (uint)chains.Length ? chains[number] : null;
    }

    private static int? IndexOf(Certificate[] chains, Certificate chain)
    {
        for (int i = 0; i < chains.Length; i++)
        {
            if (ReferenceEquals(chains[i], chain))
            {
                return i;
            }
        }

        return null;
    }
}
