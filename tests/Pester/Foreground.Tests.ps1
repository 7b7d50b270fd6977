# Start-TlsServer -Wait in a real pwsh, as a user runs it in a terminal: the banner, what each verbosity writes as
# clients come and go, the trace text, -MaxConnections ending the run, and Ctrl+C (SIGINT) stopping it.
# Each test starts a new pwsh (Linux: the port is read from /proc, Ctrl+C is kill -INT).

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $manifest = (Resolve-Path "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1").Path

    function Invoke-ForegroundServer {
        # Runs "Start-TlsServer -Port 0 -Address 127.0.0.1 -MaxConnections 1 <Options>" in a new pwsh, reads the banner
        # (unless -NoBanner) before one s_client -tls1_x connects and sends InputText, and waits for pwsh to exit.
        # Returns the port, the client's result, pwsh's exit code and the non-empty lines of its standard output.
        param(
            [string] $Options,
            [string] $InputText = '',
            [string[]] $ClientOption = @('-tls1_3', '-no_ign_eof'),
            [switch] $NoBanner
        )

        $command = "Import-Module '$manifest'; Start-TlsServer -Port 0 -Address 127.0.0.1 -MaxConnections 1 $Options"
        $pwsh = Start-Pwsh -Command $command
        try {
            $port = Wait-ListeningPort -ProcessId $pwsh.Process.Id -TimeoutSec 60
            $banner = if (-not $NoBanner) {
                Wait-PeerOutput -Peer $pwsh -Text "Press Ctrl+C to stop.`n" -TimeoutSec 30
                @((Get-PwshStandardOutput -Peer $pwsh) -split '\r?\n')[0]
            }

            $client = Invoke-SClient -Port $port -Option $ClientOption -InputText $InputText
            Wait-PeerExit -Peer $pwsh -TimeoutSec 30 | Should -BeTrue -Because 'pwsh must exit after -MaxConnections 1'
            [pscustomobject]@{
                Port     = $port
                Banner   = $banner
                Client   = $client
                ExitCode = $pwsh.Process.ExitCode
                Lines    = @((Get-PwshStandardOutput -Peer $pwsh) -split '\r?\n' | Where-Object { $_ })
                Output   = Get-PeerOutput -Peer $pwsh
            }
        }
        finally {
            $pwsh | Stop-PeerProcess
        }
    }
}

Describe 'Start-TlsServer -Wait in pwsh' {
    It 'writes the banner, the data and each session as it ends' {
        $run = Invoke-ForegroundServer -Options "-Wait | ForEach-Object { 'ENDED ' + `$_.State + ' ' + `$_.BytesReceived }" -InputText "one`ntwo`n"

        $run.Banner | Should -BeLikeExactly "*:$($run.Port) (*"
        $run.Client.ExitCode | Should -Be 0 -Because $run.Client.Output
        $run.Lines[0] | Should -Match '^TlsServer\d+ is listening on 127\.0\.0\.1:\d+ '
        $run.Lines[1..2] | Should -Be @('one', 'two')
        $run.Lines[3] | Should -Match '^ENDED Closed \d+$'
        $run.Lines | Should -HaveCount 4 -Because ($run.Lines -join "`n")
    }

    It 'with -Brief writes one line when a connection is established and one when it ends' {
        $run = Invoke-ForegroundServer -Options '-Wait -Brief' -InputText "hello`n"

        $run.Banner | Should -BeLikeExactly "*:$($run.Port) (*"
        $run.Client.ExitCode | Should -Be 0 -Because $run.Client.Output
        $run.Lines[0] | Should -Match '^TlsServer\d+ is listening on '
        $run.Lines[1] | Should -Match '^CONNECTION ESTABLISHED #1 127\.0\.0\.1:\d+ Tls13 TLS_AES_256_GCM_SHA384 \S+$'
        $run.Lines[2] | Should -BeExactly 'hello'
        $run.Lines[3] | Should -Match '^CONNECTION CLOSED #1 127\.0\.0\.1:\d+: '
        $run.Lines | Should -HaveCount 4 -Because ($run.Lines -join "`n")
    }

    It 'with -Quiet writes nothing but the data' {
        $run = Invoke-ForegroundServer -Options '-Wait -Quiet' -InputText "only this`n" -NoBanner

        $run.Client.ExitCode | Should -Be 0 -Because $run.Client.Output
        $run.Lines | Should -BeExactly @('only this')
    }

    It 'with -Reverse is brief by default and names the CLOSE that ended the session' {
        $run = Invoke-ForegroundServer -Options '-Reverse -Wait' -InputText "abc`nCLOSE`n" -ClientOption '-tls1_3', '-ign_eof'

        $run.Banner | Should -BeLikeExactly "*:$($run.Port) (*"
        $run.Client.ExitCode | Should -Be 0 -Because $run.Client.Output
        $run.Lines[1] | Should -Match '^CONNECTION ESTABLISHED #1 '
        ($run.Lines[2] -split ' ' | Select-Object -First 3) -join ' ' | Should -BeExactly 'CONNECTION CLOSED #1'
        $run.Lines[2] | Should -BeLikeExactly '*the client sent CLOSE'
        $run.Lines | Should -HaveCount 3 -Because ($run.Lines -join "`n")
    }

    It 'runs in the foreground, writes each session as it ends and exits after -MaxConnections' {
        $run = Invoke-ForegroundServer -Options "-Wait | ForEach-Object { 'ENDED ' + `$_.Protocol + ' ' + `$_.State }" -ClientOption '-tls1_2'

        [regex]::Match($run.Banner, ':(\d+) \(').Groups[1].Value | Should -Be "$($run.Port)"
        $run.Client.Connected | Should -BeTrue -Because $run.Client.Output
        $run.Lines | Select-Object -Skip 1 | Should -BeExactly @('ENDED Tls12 Closed')
        $run.ExitCode | Should -Be 0 -Because $run.Output
    }

    It 'with -State writes the trace text to the host' {
        $run = Invoke-ForegroundServer -Options "-Wait -State | ForEach-Object { 'ENDED ' + `$_.State }" -ClientOption '-tls1_2'

        [regex]::Match($run.Banner, ':(\d+) \(').Groups[1].Value | Should -Be "$($run.Port)"
        $run.Client.Connected | Should -BeTrue -Because $run.Client.Output
        $run.Lines | Should -Contain 'SSL_accept:SSLv3/TLS read client hello'
        $run.Lines | Should -Contain 'ENDED Closed'
    }

    It 'stops at Ctrl+C and runs nothing after it' -Skip:(-not $IsLinux) {
        $pwsh = Start-Pwsh -Command "Import-Module '$manifest'; Start-TlsServer -Port 0 -Address 127.0.0.1 -Wait; 'AFTER'" -DefaultInterruptSignal
        try {
            Wait-PeerOutput -Peer $pwsh -Text "Press Ctrl+C to stop.`n" -TimeoutSec 60
            @((Get-PwshStandardOutput -Peer $pwsh) -split '\r?\n')[0] | Should -BeLikeExactly '*Press Ctrl+C to stop*'

            (Invoke-ExternalTool -Name kill -ArgumentList '-INT', "$($pwsh.Process.Id)").ExitCode | Should -Be 0

            Wait-PeerExit -Peer $pwsh -TimeoutSec 30 | Should -BeTrue -Because 'Ctrl+C must stop pwsh'
            Get-PeerOutput -Peer $pwsh | Should -Not -Match 'AFTER'
        }
        finally {
            $pwsh | Stop-PeerProcess
        }
    }
}
