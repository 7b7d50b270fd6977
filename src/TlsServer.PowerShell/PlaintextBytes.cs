using System.Collections;
using System.Management.Automation;
using System.Text;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>
/// Send-TlsData -Plaintext: bytes as given (a byte array, or numbers 0-255), or a string as its UTF-8 bytes, so
/// '65' sends the two characters 6 and 5 and 65 sends the one byte 0x41.
/// </summary>
internal static class PlaintextBytes
{
    public static byte[] From(PSCmdlet cmdlet, object? value)
    {
        switch (PSObject.AsPSObject(value).BaseObject)
        {
            case byte[] bytes:
                return bytes;
            case string text:
                return Encoding.UTF8.GetBytes(text);
            case IEnumerable items:
                return items.Cast<object?>().Select(item => Byte(cmdlet, item)).ToArray();
            default:
                return new[] { Byte(cmdlet, value) };
        }
    }

    private static byte Byte(PSCmdlet cmdlet, object? item)
    {
        object? value = item is null ? null : PSObject.AsPSObject(item).BaseObject;
        if (value is byte or sbyte or short or ushort or int or uint or long or ulong
            && LanguagePrimitives.ConvertTo<long>(value) is >= 0 and <= 255 and var number)
        {
            return (byte)number;
        }

        cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.PlaintextNotBytes, ErrorCategory.InvalidArgument,
            $"-Plaintext takes bytes (a byte array, or numbers 0-255) or one string, sent as its UTF-8 bytes; '{item}' is neither. " +
            "Examples: -Plaintext 'GET / HTTP/1.0', -Plaintext 0x16, 0x03, 0x01, -Plaintext ([byte[]](1..5)).", item));
        return 0;
    }
}
