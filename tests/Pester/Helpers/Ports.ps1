# TCP ports: a free one for code that names a fixed port, and the ones another process listens on. Part of
# TestHelpers.psm1.

function Get-FreeTcpPort {
    # A loopback TCP port that was free a moment ago, for code that names a fixed port.
    [CmdletBinding()]
    [OutputType([int])]
    param()

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Get-ListeningPort {
    # The TCP ports a process listens on, read from /proc (Linux): for a server in another process that prints no banner.
    [CmdletBinding()]
    [OutputType([int])]
    param([Parameter(Mandatory)] [int] $ProcessId)

    $inodes = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($descriptor in Get-ChildItem -Path "/proc/$ProcessId/fd" -ErrorAction SilentlyContinue) {
        if ("$($descriptor.LinkTarget)" -match '^socket:\[(\d+)\]$') {
            $null = $inodes.Add($Matches[1])
        }
    }

    foreach ($table in '/proc/net/tcp', '/proc/net/tcp6') {
        foreach ($line in Get-Content -Path $table | Select-Object -Skip 1) {
            $fields = -split $line
            # State 0A is LISTEN.
            if ($fields.Count -gt 9 -and $fields[3] -eq '0A' -and $inodes.Contains($fields[9])) {
                [Convert]::ToInt32($fields[1].Split(':')[1], 16)
            }
        }
    }
}

function Wait-ListeningPort {
    # Waits, at most TimeoutSec seconds, until a process listens on exactly one TCP port, and returns it.
    [CmdletBinding()]
    [OutputType([int])]
    param(
        [Parameter(Mandatory)] [int] $ProcessId,

        [int] $TimeoutSec = 60
    )

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $ports = @(Get-ListeningPort -ProcessId $ProcessId)
        if ($ports.Count -eq 1) {
            return $ports[0]
        }
        if ([DateTime]::UtcNow -ge $deadline) {
            throw "Process $ProcessId did not listen on one port within $TimeoutSec s (ports: $($ports -join ', '))."
        }
        Start-Sleep -Milliseconds 100
    }
}
