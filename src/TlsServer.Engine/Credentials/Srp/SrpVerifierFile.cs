using StandardGroups = Org.BouncyCastle.Crypto.Agreement.Srp.Srp6StandardGroups;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace TlsServer.Engine.Credentials.Srp;

/// <summary>
/// The users of an OpenSSL srpvfile (made by `openssl srp -srpvfile`): tab-separated rows of type, verifier, salt,
/// user, group and info. "V" rows are valid users, "I" rows name custom groups, others (revoked "R") are skipped.
/// </summary>
internal sealed class SrpVerifierFile
{
    /// <summary>How many users a file may hold; a larger file is refused rather than read into memory.</summary>
    public const int MaxUsers = 100_000;

    private static readonly Dictionary<string, Srp6GroupParameters> KnownGroups = new(StringComparer.Ordinal)
    {
        ["1024"] = StandardGroups.rfc5054_1024,
        ["1536"] = StandardGroups.rfc5054_1536,
        ["2048"] = StandardGroups.rfc5054_2048,
        ["3072"] = StandardGroups.rfc5054_3072,
        ["4096"] = StandardGroups.rfc5054_4096,
        ["6144"] = StandardGroups.rfc5054_6144,
        ["8192"] = StandardGroups.rfc5054_8192,
    };

    private SrpVerifierFile(string path, IReadOnlyDictionary<string, SrpUser> users, string? userSeed)
    {
        Path = path;
        Users = users;
        UserSeed = userSeed;
    }

    /// <summary>The valid users by name.</summary>
    public IReadOnlyDictionary<string, SrpUser> Users { get; }

    /// <summary>s_server -srpuserseed, or null.</summary>
    public string? UserSeed { get; }

    /// <summary>The file the users were read from.</summary>
    public string Path { get; }

    /// <param name="userSeed">s_server -srpuserseed: when given, the engine gives unknown users parameters derived from
    /// it (RFC 5054 2.5.1.3), so a client cannot tell an unknown user from a wrong password.</param>
    public static SrpVerifierFile Load(string path, string? userSeed = null)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TlsServerException(ErrorIds.SrpVerifierFileNotReadable, ErrorKind.ReadError,
                $"Cannot read the SRP verifier file '{path}': {e.Message}", path, e);
        }

        var rows = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        var groups = new Dictionary<string, Srp6GroupParameters>(KnownGroups, StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r[0] == "I"))
        {
            var n = Number(row, 1, path);
            var g = Number(row, 2, path);
            groups[Field(row, 3, path)] = new Srp6GroupParameters(n, g);
        }

        var users = new Dictionary<string, SrpUser>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r[0] == "V"))
        {
            string user = Field(row, 3, path);
            string groupId = Field(row, 4, path);
            if (!groups.TryGetValue(groupId, out var group))
            {
                throw Invalid(path, $"the user '{user}' names the group '{groupId}', which is neither a standard group (1024 … 8192) nor an I row of the file");
            }

            var salt = SrpBase64.Decode(Field(row, 2, path)) ?? throw Invalid(path, $"the salt of '{user}' is not in OpenSSL's SRP base 64");
            users[user] = new SrpUser(group, Number(row, 1, path), salt);
            if (users.Count > MaxUsers)
            {
                throw Invalid(path, $"it holds more than {MaxUsers} users");
            }
        }

        if (users.Count == 0)
        {
            throw Invalid(path, "it has no valid (V) user; add one with openssl srp -srpvfile <file> -add <user>");
        }

        return new SrpVerifierFile(path, users, userSeed);
    }

    private static string Field(string[] row, int index, string path) =>
        row.Length > index ? row[index] : throw Invalid(path, $"a row has {row.Length} fields where OpenSSL writes 6");

    private static BigInteger Number(string[] row, int index, string path) =>
        SrpBase64.Decode(Field(row, index, path)) is { } bytes
            ? new BigInteger(1, bytes)
            : throw Invalid(path, "a number is not in OpenSSL's SRP base 64");

    private static TlsServerException Invalid(string path, string why) =>
        new(ErrorIds.SrpVerifierFileInvalid, ErrorKind.InvalidData, $"The SRP verifier file '{path}' cannot be used: {why}.", path);
}

/// <summary>One valid user of the file: the group, the verifier and the salt.</summary>
internal sealed record SrpUser(Srp6GroupParameters Group, BigInteger Verifier, byte[] Salt);
