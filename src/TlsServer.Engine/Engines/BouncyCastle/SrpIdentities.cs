using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Credentials.Srp;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>The users of an SRP verifier file as BouncyCastle's SRP server looks them up.</summary>
internal sealed class SrpIdentities : TlsSrpIdentityManager
{
    private readonly Dictionary<string, TlsSrpLoginParameters> _users;
    private readonly SimulatedTlsSrpIdentityManager? _simulated;

    public SrpIdentities(SrpVerifierFile file)
    {
        _users = file.Users.ToDictionary(u => u.Key, u => Login(u.Key, u.Value), StringComparer.Ordinal);
        _simulated = file.UserSeed is null ? null : SimulatedTlsSrpIdentityManager.GetRfc5054Default(
            new BcTlsCrypto(new SecureRandom()), Srp6StandardGroups.rfc5054_2048, System.Text.Encoding.UTF8.GetBytes(file.UserSeed));
    }

    /// <summary>
    /// Unknown users get simulated parameters with a user seed, else null, so BouncyCastle refuses them with
    /// unknown_psk_identity.
    /// </summary>
    public TlsSrpLoginParameters? GetLoginParameters(byte[] identity)
    {
        if (_users.TryGetValue(System.Text.Encoding.UTF8.GetString(identity), out var known) || _simulated is null)
        {
            return known;
        }

        lock (_simulated)
        {
            return _simulated.GetLoginParameters(identity); // one HMAC inside, not thread-safe
        }
    }

    private static TlsSrpLoginParameters Login(string name, SrpUser user)
    {
        var config = new TlsSrpConfig();
        config.SetExplicitNG(new[] { user.Group.N, user.Group.G });
        return new TlsSrpLoginParameters(System.Text.Encoding.UTF8.GetBytes(name), config, user.Verifier, user.Salt);
    }
}
