using System.Runtime.InteropServices;
using System.Security;

namespace TlsServer.PowerShell;

internal static class SecureStrings
{
    /// <summary>Copies a SecureString into a char array the caller must clear; the unmanaged copy is zeroed here.</summary>
    public static char[] ToChars(SecureString secure)
    {
        IntPtr unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            var chars = new char[secure.Length];
            Marshal.Copy(unmanaged, chars, 0, chars.Length);
            return chars;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
        }
    }
}
