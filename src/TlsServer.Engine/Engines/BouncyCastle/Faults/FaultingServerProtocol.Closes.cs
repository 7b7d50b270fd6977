using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>Alerts at a point, and closing without close_notify.</summary>
internal sealed partial class FaultingServerProtocol
{
    /// <summary>
    /// A fatal alert ends the connection as BouncyCastle's own would: the protocol is closed first, so the exception passes
    /// BouncyCastle's handlers without a second alert. close_notify ends it too; any other warning lets it carry on.
    /// </summary>
    private void SendAlertNow(int index, TlsFault fault, string at)
    {
        short code = (short)fault.AlertCode!.Value;
        bool fatal = fault.AlertLevel == TlsAlertLevel.Fatal;
        string message = $"fault SendAlert {at}";
        long offset = OutputEnd;
        int bytes = Inject(() =>
        {
            if (fatal)
            {
                RaiseAlertFatal(code, message, null!);
            }
            else
            {
                RaiseAlertWarning(code, message);
            }
        });
        Log.Applied(index, at, Version, offset, $"{(fatal ? "fatal" : "warning")} {fault.AlertDescription}{Epoch(_writeEncrypted)}", bytes, bytes > 0 ? 1 : 0);
        if (fatal)
        {
            HandleFailure();
            throw new TlsFatalAlert(code, message);
        }

        if (code == AlertDescription.close_notify)
        {
            HandleFailure();
            throw new FaultStopException($"the server sent close_notify {at} (fault SendAlert)");
        }
    }

    /// <summary>NoCloseNotify: BouncyCastle's close_notify, whether it closes first or answers the client's, is not written.</summary>
    protected override void RaiseAlertWarning(short alertDescription, string message)
    {
        if (alertDescription == AlertDescription.close_notify && !_injecting && _faults.Indexes(TlsFaultKind.NoCloseNotify).FirstOrDefault(-1) is var index and >= 0)
        {
            Log.Applied(index, "on close", Version, OutputEnd, "close_notify not sent; the connection closes with FIN alone");
            return;
        }

        base.RaiseAlertWarning(alertDescription, message);
    }
}
