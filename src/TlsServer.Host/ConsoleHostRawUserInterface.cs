using System.Management.Automation.Host;

namespace TlsServer.Host;

/// <summary>Raw UI over System.Console; buffer editing is not supported.</summary>
internal sealed class ConsoleHostRawUserInterface : PSHostRawUserInterface
{
    /// <summary>Width used when stdout is not a terminal (tables are laid out to it).</summary>
    private const int RedirectedWidth = 120;

    public override ConsoleColor BackgroundColor
    {
        get => Console.BackgroundColor;
        set => Console.BackgroundColor = value;
    }

    public override ConsoleColor ForegroundColor
    {
        get => Console.ForegroundColor;
        set => Console.ForegroundColor = value;
    }

    public override Size BufferSize
    {
        get => new(Width(), Height());
        set { }
    }

    public override Coordinates CursorPosition
    {
        get => Console.IsOutputRedirected ? default : new(Console.CursorLeft, Console.CursorTop);
        set { if (!Console.IsOutputRedirected) Console.SetCursorPosition(value.X, value.Y); }
    }

    public override int CursorSize { get; set; } = 25;

    public override bool KeyAvailable => !Console.IsInputRedirected && Console.KeyAvailable;

    public override Size MaxPhysicalWindowSize => BufferSize;

    public override Size MaxWindowSize => BufferSize;

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize
    {
        get => BufferSize;
        set { }
    }

    public override string WindowTitle { get; set; } = "TlsServer";

    public override void FlushInputBuffer()
    {
        while (KeyAvailable) Console.ReadKey(true);
    }

    public override KeyInfo ReadKey(ReadKeyOptions options)
    {
        var key = Console.ReadKey((options & ReadKeyOptions.NoEcho) != 0);
        return new KeyInfo((int)key.Key, key.KeyChar, default, true);
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw NotSupported();

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw NotSupported();

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw NotSupported();

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw NotSupported();

    private static int Width() => Console.IsOutputRedirected ? RedirectedWidth : Safe(() => Console.WindowWidth, RedirectedWidth);

    private static int Height() => Console.IsOutputRedirected ? 50 : Safe(() => Console.WindowHeight, 50);

    private static int Safe(Func<int> read, int fallback)
    {
        try
        {
            int value = read();
            return value > 0 ? value : fallback;
        }
        catch (IOException)
        {
            return fallback;
        }
    }

    private static NotSupportedException NotSupported() => new("TlsServer.Host does not support screen buffer access.");
}
