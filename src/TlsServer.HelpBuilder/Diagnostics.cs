namespace TlsServer.HelpBuilder;

// Collects "file:line: message" errors so one run reports every problem at once.
internal sealed class Diagnostics
{
    private readonly List<string> _errors = new();

    public IReadOnlyList<string> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Error(string file, int line, string message) =>
        _errors.Add(line > 0 ? $"{file}:{line}: error: {message}" : $"{file}: error: {message}");
}

// Diagnostics bound to one source file.
internal sealed class FileDiagnostics(Diagnostics sink, string file)
{
    public string File { get; } = file;

    public int Count { get; private set; }

    public void Error(int line, string message)
    {
        Count++;
        sink.Error(File, line, message);
    }
}
