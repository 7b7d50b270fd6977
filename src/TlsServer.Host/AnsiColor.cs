namespace TlsServer.Host;

/// <summary>Colours text with SGR escape sequences, so each stream carries its own (Console.ForegroundColor writes to stdout).</summary>
internal static class AnsiColor
{
    private static readonly int[] Codes =
    [
        30, 34, 32, 36, 31, 35, 33, 37, // Black, DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, DarkYellow, Gray
        90, 94, 92, 96, 91, 95, 93, 97, // DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White
    ];

    public static string Wrap(string text, ConsoleColor color) =>
        text.Length == 0 ? text : $"\u001b[{Codes[(int)color & 15]}m{text}\u001b[0m";
}
