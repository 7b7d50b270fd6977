using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace TlsServer.Engine.Transports;

/// <summary>
/// I/O threads of our own, one per core (as s_server does on its one thread): each waits on an epoll instance for
/// sockets that became readable and completes their <see cref="LoopReceiver"/> right there, so the connection's
/// continuation (OfferInput, the flight's send, the application) runs on the thread that saw the data. .NET's own
/// socket engine hands each completion from its epoll thread to a thread-pool worker: a wake-up and a context switch
/// per read. Where epoll is missing (Windows, macOS, other architectures) <see cref="Loops"/> is null and connections
/// use <see cref="SocketReceiver"/>.
/// </summary>
internal sealed class ReadinessLoop
{
    private const int EventBatch = 64;
    private static readonly Lazy<ReadinessLoop[]?> Shared = new(Start);
    private static int _next;

    private readonly int _epoll;
    private readonly ConcurrentDictionary<ulong, LoopReceiver> _waiting = new();

    private ReadinessLoop(int epoll)
    {
        _epoll = epoll;
    }

    /// <summary>The process's loops (started on first use, background threads that live as long as the process), or null without epoll.</summary>
    public static ReadinessLoop[]? Loops => Shared.Value;

    /// <summary>The loop a new connection waits on: round robin.</summary>
    public static ReadinessLoop? Next()
    {
        var loops = Loops;
        return loops is null ? null : loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)loops.Length)];
    }

    /// <summary>Waits (once) for <paramref name="fd"/> to be readable, closed or in error, then calls the receiver's OnReady.</summary>
    /// <returns>0, or the errno of epoll_ctl.</returns>
    public int Arm(LoopReceiver receiver, int fd, ref bool added)
    {
        _waiting[receiver.Id] = receiver;
        const uint events = Epoll.In | Epoll.ReadHangUp | Epoll.OneShot;
        int result = Epoll.Control(_epoll, added ? Epoll.Modify : Epoll.Add, fd, events, receiver.Id);
        if (result != 0 && !added && Marshal.GetLastPInvokeError() == Epoll.Exists)
        {
            result = Epoll.Control(_epoll, Epoll.Modify, fd, events, receiver.Id);
        }

        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _waiting.TryRemove(receiver.Id, out _);
            return errno;
        }

        added = true;
        return 0;
    }

    /// <summary>The receiver no longer waits (cancelled); a later event for it is ignored.</summary>
    public void Forget(LoopReceiver receiver) => _waiting.TryRemove(receiver.Id, out _);

    private static ReadinessLoop[]? Start()
    {
        if (!Epoll.IsSupported)
        {
            return null;
        }

        var loops = new List<ReadinessLoop>();
        try
        {
            for (int i = 0; i < Math.Clamp(Environment.ProcessorCount, 1, 16); i++)
            {
                int epoll = Epoll.Create();
                if (epoll < 0)
                {
                    break;
                }

                var loop = new ReadinessLoop(epoll);
                new Thread(loop.Run) { IsBackground = true, Name = $"TlsServer I/O {i}" }.Start();
                loops.Add(loop);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        return loops.Count > 0 ? loops.ToArray() : null;
    }

    private void Run()
    {
        var events = new Epoll.Event[EventBatch];
        while (true)
        {
            int count = Epoll.Wait(_epoll, events, -1);
            if (count < 0)
            {
                if (Marshal.GetLastPInvokeError() == Epoll.Interrupted)
                {
                    continue;
                }

                return;
            }

            for (int i = 0; i < count; i++)
            {
                if (_waiting.TryRemove(events[i].Data, out var receiver))
                {
                    try
                    {
                        receiver.OnReady();
                    }
                    catch (Exception)
                    {
                        // A connection's failure is its own (its continuation catches it); the loop goes on.
                    }
                }
            }
        }
    }
}
