namespace TlsBench;

/// <summary>bench/run.sh's helper: one verb per role, each bounded in count and time, loopback only.</summary>
internal static class Program
{
    private const string Usage = """
        TlsBench server  --cert FILE --key FILE [--www | --www-root DIR | --reverse] [--port N] [--receive-limit BYTES] [--connection-limit N]
        TlsBench hold    --port N [--count 10000] [--seconds 120] [--parallel 64]
        TlsBench load    --port N [--clients 1000] [--seconds 60] [--path /]
        TlsBench stages  --cert FILE --key FILE [--warmup 15] [--seconds 10] [--subscribe] [--out DIR]
        TlsBench stages  --perf-script FILE --connections N [--hz 999]
        Clients connect to 127.0.0.1 only.
        """;

    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 64;
        }

        var options = Options.Parse(args.Skip(1));
        try
        {
            return args[0] switch
            {
                "server" => await BenchServer.RunAsync(options),
                "hold" => await HoldClient.RunAsync(options),
                "load" => await LoadClient.RunAsync(options),
                "stages" => await StageRun.RunAsync(options),
                _ => Fail($"unknown verb {args[0]}\n{Usage}"),
            };
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 64;
    }
}
