using System.Collections.Concurrent;
using System.Management.Automation;
using TlsServer.Engine;
using SessionState = TlsServer.Engine.SessionState;

namespace TlsServer.PowerShell;

/// <summary>
/// Start-TlsServer -Wait: the server in the foreground, like s_server. Engine events are queued by the engine's
/// delivery task and written here, on the pipeline thread. What is written depends on the verbosity:
/// Normal: the banner, each session object as it ends, and what interactive clients send;
/// Brief (s_server -brief, and -Reverse): the banner, one line per connection as it is established and as it ends,
/// and the data; Quiet (s_server -quiet): nothing but the data (the banner stays in the information stream, not shown).
/// </summary>
internal sealed class ForegroundRun
{
    private static readonly string[] ConnectionTags = { "PSHOST", "TlsServer.Connection" };
    private static readonly string[] DataTags = { "PSHOST", "TlsServer.Data" };
    private static readonly string[] QuietTags = { "TlsServer.Connection" };

    private readonly Cmdlet _cmdlet;
    private readonly Server _server;
    private readonly ForegroundVerbosity _verbosity;

    public ForegroundRun(Cmdlet cmdlet, Server server, ForegroundVerbosity verbosity)
    {
        _cmdlet = cmdlet;
        _server = server;
        _verbosity = verbosity;
    }

    /// <summary>-Quiet wins over -Brief; -Reverse is brief by default, as s_server -rev is.</summary>
    public static ForegroundVerbosity VerbosityFor(bool quiet, bool brief, ServerMode mode) =>
        quiet ? ForegroundVerbosity.Quiet
        : brief || mode == ServerMode.Reverse ? ForegroundVerbosity.Brief
        : ForegroundVerbosity.Normal;

    /// <summary>Runs until <paramref name="stop"/> (Ctrl+C) or until the server stops, then makes sure it is stopped.</summary>
    public void Run(CancellationToken stop)
    {
        var events = new BlockingCollection<SessionEventArgs>(boundedCapacity: Server.EventQueueLimit);
        EventHandler<SessionEventArgs> queue = (_, e) => events.TryAdd(e);
        _server.HandshakeCompleted += queue;
        _server.DataReceived += queue;
        _server.SessionEnded += queue;
        try
        {
            // Quiet keeps the banner in the information stream without showing it (-InformationVariable can capture it).
            _cmdlet.WriteInformation(new HostInformationMessage
            {
                Message = $"{_server.Name} is listening on {_server.UnixSocket ?? $"{_server.Address}:{_server.Port}"} ({_server.Transport}; {string.Join(", ", _server.Protocols)}). Press Ctrl+C to stop.",
            }, _verbosity == ForegroundVerbosity.Quiet ? QuietTags : ConnectionTags);

            while (!stop.IsCancellationRequested)
            {
                WriteTrace();
                if (events.TryTake(out var e, 250, stop))
                {
                    Write(e);
                }
                else if (_server.State is ServerState.Stopped or ServerState.Faulted)
                {
                    break;
                }
            }

            WriteTrace();
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C
        }
        finally
        {
            _server.HandshakeCompleted -= queue;
            _server.DataReceived -= queue;
            _server.SessionEnded -= queue;
            if (_server.State is ServerState.Running or ServerState.Starting)
            {
                _server.Stop();
            }
        }
    }

    /// <summary>The trace text (-Msg, -State, -HexDump, -TlsExtDebug, -Brief) not yet shown; none under -Quiet.</summary>
    private void WriteTrace()
    {
        while (_server.TryTakeTrace(out var text))
        {
            if (_verbosity != ForegroundVerbosity.Quiet)
            {
                _cmdlet.WriteInformation(new HostInformationMessage { Message = text.TrimEnd('\r', '\n') }, new[] { "PSHOST", "TlsTrace" });
            }
        }
    }

    private void Write(SessionEventArgs e)
    {
        var session = e.Session;
        switch (e.Kind)
        {
            case ServerEventKind.HandshakeCompleted when _verbosity == ForegroundVerbosity.Brief:
                Line($"CONNECTION ESTABLISHED {Describe(session)} {session.Protocol} {session.CipherSuite} {session.NamedGroup}"
                    + (session.ServerName is null ? string.Empty : $" SNI={session.ServerName}")
                    + (session.ApplicationProtocol is null ? string.Empty : $" ALPN={session.ApplicationProtocol}"));
                break;
            case ServerEventKind.DataReceived:
                ShowData(session);
                break;
            case ServerEventKind.SessionEnded:
                ShowData(session);
                if (_verbosity == ForegroundVerbosity.Normal)
                {
                    _cmdlet.WriteObject(session);
                }
                else if (_verbosity == ForegroundVerbosity.Brief)
                {
                    Line($"{(session.State == nameof(SessionState.Failed) ? "CONNECTION FAILURE" : "CONNECTION CLOSED")} {Describe(session)}: {session.Error}"
                        + (session.FaultsApplied.Count == 0 ? string.Empty : $" (faults: {string.Join(", ", session.FaultsApplied.Select(f => f.Name))})"));
                }

                break;
        }
    }

    private void ShowData(Session session)
    {
        if (_server.Mode != ServerMode.Interactive)
        {
            return;
        }

        string text;
        try
        {
            text = _server.GetConnection(session.Id).ReceiveText();
        }
        catch (TlsServerException)
        {
            return; // evicted meanwhile
        }

        if (text.Length > 0)
        {
            _cmdlet.WriteInformation(new HostInformationMessage { Message = text, NoNewLine = true }, DataTags);
        }
    }

    private void Line(string text) => _cmdlet.WriteInformation(new HostInformationMessage { Message = text }, ConnectionTags);

    private static string Describe(Session session) => $"#{session.Id} {session.RemoteEndPoint}";
}

internal enum ForegroundVerbosity
{
    Normal,
    Brief,
    Quiet,
}
