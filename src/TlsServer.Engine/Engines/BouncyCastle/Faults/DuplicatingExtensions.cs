using System.Collections;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>
/// A server's extensions in which one type is enumerated twice, in a row: BouncyCastle writes extensions by enumerating
/// the dictionary, so it encodes (and hashes) the duplicate itself.
/// </summary>
internal sealed class DuplicatingExtensions : Dictionary<int, byte[]>, IEnumerable<KeyValuePair<int, byte[]>>
{
    private readonly int _type;

    public DuplicatingExtensions(IDictionary<int, byte[]> extensions, int type)
        : base(extensions) => _type = type;

    IEnumerator<KeyValuePair<int, byte[]>> IEnumerable<KeyValuePair<int, byte[]>>.GetEnumerator()
    {
        foreach (var extension in (Dictionary<int, byte[]>)this)
        {
            yield return extension;
            if (extension.Key == _type)
            {
                yield return extension;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<KeyValuePair<int, byte[]>>)this).GetEnumerator();
}
