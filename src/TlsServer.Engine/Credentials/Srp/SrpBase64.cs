namespace TlsServer.Engine.Credentials.Srp;

/// <summary>
/// OpenSSL's SRP encoding of numbers in srpvfiles (t_tob64/t_fromb64): base 64 with the alphabet 0-9 A-Z a-z . /,
/// left-padded with zero digits to whole groups of four, and the byte that padding adds dropped.
/// </summary>
internal static class SrpBase64
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz./";

    public static byte[]? Decode(string text)
    {
        int pad = (4 - (text.Length & 3)) & 3;
        if (text.Length == 0 || pad == 3)
        {
            return null;
        }

        string padded = new string('0', pad) + text;
        var bytes = new byte[padded.Length / 4 * 3];
        for (int group = 0; group < padded.Length / 4; group++)
        {
            int bits = 0;
            for (int i = 0; i < 4; i++)
            {
                int digit = Alphabet.IndexOf(padded[group * 4 + i]);
                if (digit < 0)
                {
                    return null;
                }

                bits = (bits << 6) | digit;
            }

            bytes[group * 3] = (byte)(bits >> 16);
            bytes[group * 3 + 1] = (byte)(bits >> 8);
            bytes[group * 3 + 2] = (byte)bits;
        }

        return pad == 0 ? bytes : bytes[1..];
    }
}
