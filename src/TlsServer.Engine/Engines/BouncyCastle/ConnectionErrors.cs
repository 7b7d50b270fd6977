using System.Net.Sockets;
using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>Words for why a connection failed; never a stack trace.</summary>
internal static class ConnectionErrors
{
    public static string Describe(Exception e) => e switch
    {
        TlsFatalAlertReceived r => $"the client sent the fatal alert {AlertDescription.GetName(r.AlertDescription)}",
        TlsFatalAlert a => $"the server sent the fatal alert {AlertDescription.GetName(a.AlertDescription)}" + Detail(a),
        NotTlsException n => n.Message,
        Faults.FaultStopException f => f.Message,
        SocketException s => $"socket error: {s.SocketErrorCode}",
        IOException io when io.InnerException is SocketException s => $"socket error: {s.SocketErrorCode}",
        ObjectDisposedException => "the connection was closed",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>Like <see cref="Describe(Exception)"/> for a connection that reports only the alerts it sent (<paramref name="sent"/>).</summary>
    public static string Describe(Exception e, TlsAlert? sent)
    {
        if (e is TlsFatalAlertReceived or NotTlsException || (e is not TlsFatalAlert && e is not EndOfStreamException))
        {
            return Describe(e);
        }

        var failure = e as TlsFatalAlert;
        if (sent is not { Fatal: true, IsSent: true })
        {
            return failure is null
                ? Describe(e)
                : $"the server failed with {AlertDescription.GetName(failure.AlertDescription)}{Detail(failure)}, but the alert did not reach the client";
        }

        string detail = failure?.AlertDescription == sent.Code ? Detail(failure)
            : e is EndOfStreamException ? ": a message ends before its fields do" : string.Empty;
        return $"the server sent the fatal alert {sent.Description}{detail}";
    }

    /// <summary>BouncyCastle words its alerts "name(code); detail": keep the detail, if any.</summary>
    private static string Detail(TlsFatalAlert alert)
    {
        int separator = alert.Message?.IndexOf("; ", StringComparison.Ordinal) ?? -1;
        return separator < 0 ? string.Empty : ": " + alert.Message![(separator + 2)..];
    }
}
