using System.Runtime.InteropServices;

namespace TlsServer.Engine.Transports;

/// <summary>Linux's epoll, from libc: what <see cref="ReadinessLoop"/> waits on. Only used on x64 Linux (the event's layout is packed there).</summary>
internal static class Epoll
{
    public const uint In = 0x001;
    public const uint Error = 0x008;
    public const uint HangUp = 0x010;
    public const uint ReadHangUp = 0x2000;
    public const uint OneShot = 1u << 30;

    public const int Add = 1;
    public const int Modify = 3;

    public const int Interrupted = 4;   // EINTR
    public const int Exists = 17;       // EEXIST

    private const int CloseOnExec = 0x80000;

    /// <summary>x86-64 Linux declares struct epoll_event packed: 4 bytes of events, then 8 bytes of data.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    public struct Event
    {
        public uint Events;
        public ulong Data;
    }

    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>A new epoll instance, or -1.</summary>
    public static int Create() => epoll_create1(CloseOnExec);

    /// <summary>0, or -1 with the errno in <see cref="Marshal.GetLastPInvokeError"/>.</summary>
    public static int Control(int epoll, int operation, int fd, uint events, ulong data)
    {
        var e = new Event { Events = events, Data = data };
        return epoll_ctl(epoll, operation, fd, ref e);
    }

    public static int Wait(int epoll, Event[] events, int timeoutMilliseconds) => epoll_wait(epoll, events, events.Length, timeoutMilliseconds);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_create1(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_ctl(int epfd, int op, int fd, ref Event @event);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_wait(int epfd, [Out] Event[] events, int maxevents, int timeout);
}
