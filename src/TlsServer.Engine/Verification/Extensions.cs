using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;

namespace TlsServer.Engine.Verification;

internal static class Extensions
{
    /// <summary>The parsed value of an extension, or null when the certificate or CRL lacks it.</summary>
    public static T? Get<T>(IX509Extension owner, DerObjectIdentifier oid, Func<object, T> parse) where T : class =>
        owner.GetExtensionValue(oid) is { } value ? parse(Asn1Object.FromByteArray(value.GetOctets())) : null;
}
