# Test servers and their sessions: stopping what a test started, waiting for the sessions its client made. Part of
# TestHelpers.psm1.

function Stop-TestServer {
    # Stops the servers that are still running and ignores the ones that have already stopped.
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)]
        [AllowNull()]
        [object[]] $Server
    )

    process {
        foreach ($item in $Server) {
            if ($null -ne $item -and "$($item.State)" -notin 'Stopped', 'Faulted') {
                $item | Stop-TlsServer -ErrorAction SilentlyContinue
            }
        }
    }
}

function Wait-EndedTlsSession {
    # Waits (bounded; a timeout throws) until Count sessions with an Id above After have ended, and returns every
    # session above After, oldest first. After is the server's last session Id before the client ran (0 for a new
    # server), so tests can share a server and still check that their client made exactly one session.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [object] $Server,

        [long] $After = 0,

        [ValidateRange(1, 1000)]
        [int] $Count = 1,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 10
    )

    $endedBefore = @(Get-TlsSession -Server $Server | Where-Object { $_.Id -le $After -and "$($_.State)" -in 'Closed', 'Failed' }).Count
    $null = Wait-TlsSession -Server $Server -State Closed -Count ($endedBefore + $Count) -TimeoutSec $TimeoutSec -ErrorAction Stop
    @(Get-TlsSession -Server $Server | Where-Object { $_.Id -gt $After } | Sort-Object -Property Id)
}

function Wait-OneEndedTlsSession {
    # Waits (bounded) for the one session a client opened after session After to end, and returns it; fails the test
    # unless exactly one session is new.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [object] $Server,

        [long] $After = 0
    )

    $sessions = Wait-EndedTlsSession $Server -After $After
    $sessions | Should -HaveCount 1 -Because ($sessions | ForEach-Object { "session $($_.Id): $($_.State) $($_.Error) $($_.Alert)" })
    $sessions[0]
}

function Get-LastTlsSessionId {
    # The Id of the server's newest session, or 0: the After of Wait-EndedTlsSession.
    [CmdletBinding()]
    [OutputType([long])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [object] $Server
    )

    [long](@(Get-TlsSession -Server $Server | ForEach-Object Id) + 0 | Measure-Object -Maximum).Maximum
}
