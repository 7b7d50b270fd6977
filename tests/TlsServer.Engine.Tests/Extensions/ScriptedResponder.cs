using System.Threading.Channels;

namespace TlsServer.Engine.Tests.Extensions;

/// <summary>An OCSP fetch a test answers: prepared answers are given at once, other calls wait for the test.</summary>
internal sealed class ScriptedResponder
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly Queue<TlsOcspResponse> _prepared = new();
    private readonly Channel<Call> _calls = Channel.CreateUnbounded<Call>();
    private int _count;

    /// <summary>How many fetches have been asked for.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The next fetch is answered at once with <paramref name="response"/>.</summary>
    public void Prepare(TlsOcspResponse response)
    {
        lock (_prepared)
        {
            _prepared.Enqueue(response);
        }
    }

    public Task<TlsOcspResponse> FetchAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        lock (_prepared)
        {
            if (_prepared.TryDequeue(out var response))
            {
                return Task.FromResult(response);
            }
        }

        var call = new Call(cancellationToken);
        _calls.Writer.TryWrite(call);
        return call.Task;
    }

    /// <summary>The next fetch that waits for an answer; fails the test if none comes within the bound.</summary>
    public Call NextCall()
    {
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            return _calls.Reader.ReadAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No OCSP fetch within {Bound.TotalSeconds} s.");
        }
    }

    /// <summary>One fetch waiting for its answer; cancelled with its token.</summary>
    public sealed class Call
    {
        private readonly TaskCompletionSource<TlsOcspResponse> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Call(CancellationToken cancellationToken) =>
            cancellationToken.Register(() => _answer.TrySetCanceled(cancellationToken));

        public Task<TlsOcspResponse> Task => _answer.Task;

        public void Answer(TlsOcspResponse response) => _answer.SetResult(response);

        public void Fail(Exception error) => _answer.SetException(error);
    }
}
