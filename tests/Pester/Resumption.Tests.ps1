# TLS 1.2 session resumption (cache, tickets, contexts) against openssl s_client; sessions made without the extended
# master secret (-AllowLegacyResumption) against Python's ssl module.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'TLS 1.2 session resumption' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket -SessionIdPrefix 'pester-'
    }

    AfterAll {
        $server | Stop-TlsServer -ErrorAction SilentlyContinue
    }

    It 'resumes from the session cache on reconnect' {
        $output = Invoke-SClientText -Port $server.Port -Option '-reconnect', '-no_ticket'
        ([regex]::Matches($output, '(?m)^Reused, TLSv1\.2')).Count | Should -Be 5
        $sessions = Wait-TlsSession -Server $server -State Closed -Count 6 -TimeoutSec 10
        ($sessions | Where-Object Resumed).Count | Should -Be 5
        ($sessions | Where-Object ResumedBy -EQ 'SessionId').Count | Should -Be 5
        $server.Statistics.SessionCacheHits | Should -Be 5
    }

    It 'starts every session id with the prefix' {
        $prefix = [System.Convert]::ToHexString([System.Text.Encoding]::UTF8.GetBytes('pester-'))
        Get-TlsSession -Server $server | ForEach-Object { $_.SessionId | Should -BeLike "$prefix*" }
    }
}

Describe 'Session contexts' {
    BeforeAll {
        $a = Start-TlsServer -Port 0 -Protocol Tls12 -SessionContext 'pester'
        $b = Start-TlsServer -Port 0 -Protocol Tls12 -SessionContext 'pester'
        $c = Start-TlsServer -Port 0 -Protocol Tls12 -SessionContext 'other'
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "pester-session-$([guid]::NewGuid()).pem"
        $null = Invoke-SClientText -Port $a.Port -Option '-sess_out', $file
    }

    AfterAll {
        $a, $b, $c | Stop-TlsServer -ErrorAction SilentlyContinue
        Remove-Item $file -ErrorAction SilentlyContinue
    }

    It 'resumes on a server with the same context' {
        Invoke-SClientText -Port $b.Port -Option '-sess_in', $file | Should -Match '(?m)^Reused, TLSv1\.2'
    }

    It 'refuses to resume on a server with another context' {
        Invoke-SClientText -Port $c.Port -Option '-sess_in', $file | Should -Match '(?m)^New, TLSv1\.2'
    }
}

Describe 'TLS 1.3 has no resumption in BouncyCastle' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Protocol Tls13
    }

    AfterAll {
        $server | Stop-TlsServer -ErrorAction SilentlyContinue
    }

    It 'says so and does full handshakes' {
        $server.Resumption.Tls13Resumption | Should -Match 'BouncyCastle'
        Invoke-SClientText -Port $server.Port -Option '-reconnect' | Should -Not -Match '(?m)^Reused'
    }
}

Describe 'Resumption with openssl s_client -reconnect, -sess_out and -sess_in' {
    BeforeAll {
        function Invoke-Reconnect([int] $Port, [string[]] $Option = @()) {
            # s_client -reconnect: six handshakes with one session; returns s_client's whole output.
            Invoke-SClientText -Port $Port -Option (@('-reconnect') + $Option)
        }

        function Connect-WithSession([object] $To, [string[]] $Option) {
            # One s_client connection to the server; returns New or Reused as s_client saw it.
            $kind = @(Get-SClientHandshakeKind -Output (Invoke-SClientText -Port $To.Port -Option $Option))
            $kind | Should -HaveCount 1
            $kind[0]
        }

        function Get-SixEndedSession {
            # The six sessions of s_client -reconnect once they have ended.
            $sessions = @(Wait-EndedTlsSession $server -Count 6)
            $sessions | Should -HaveCount 6
            $sessions
        }

        $fiveResumed = @('New', 'Reused', 'Reused', 'Reused', 'Reused', 'Reused')
        $noneResumed = @('New', 'New', 'New', 'New', 'New', 'New')
    }

    BeforeEach {
        $server = $null
        $servers = @()
    }

    AfterEach {
        $server, $servers | Stop-TestServer
    }

    It 'resumes from the session cache on -reconnect, every session id starting with the prefix' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket -SessionIdPrefix 'lab1-'

        $output = Invoke-Reconnect -Port $server.Port -Option '-no_ticket'

        Get-SClientHandshakeKind -Output $output | Should -Be $fiveResumed
        $sessions = Get-SixEndedSession
        $sessions[0].Resumed | Should -BeFalse
        foreach ($session in $sessions | Select-Object -Skip 1) {
            $session.Resumed | Should -BeTrue
            "$($session.ResumedBy)" | Should -Be 'SessionId'
        }
        $prefix = [Convert]::ToHexString([System.Text.Encoding]::UTF8.GetBytes('lab1-'))
        foreach ($session in $sessions) {
            $session.SessionId | Should -BeLike "$prefix*"
        }
        $output | Should -BeLike "*Session-ID: $prefix*"
        $server.Statistics.SessionCacheHits | Should -Be 5
        $server.Statistics.SessionCacheEntries | Should -Be 1
        $server.Statistics.TicketsIssued | Should -Be 0
        $output | Should -Not -BeLike '*TLS session ticket:*'
    }

    It 'resumes with a session ticket on -reconnect' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12

        $output = Invoke-Reconnect -Port $server.Port

        Get-SClientHandshakeKind -Output $output | Should -Be $fiveResumed
        $output | Should -BeLike '*TLS session ticket lifetime hint: 7200*'
        $sessions = Get-SixEndedSession
        $sessions[0].TicketIssued | Should -BeTrue
        foreach ($session in $sessions | Select-Object -Skip 1) {
            "$($session.ResumedBy)" | Should -Be 'Ticket'
        }
        $server.Statistics.TicketsIssued | Should -Be 1
        $server.Statistics.TicketHits | Should -Be 5
        $server.Statistics.SessionCacheHits | Should -Be 0
    }

    It 'does not resume with <ServerOptions> and s_client <ClientOption>' -ForEach @(
        @{ ServerOptions = '-NoSessionCache -NoTicket'; NoTicket = $true; ClientOption = @() }
        @{ ServerOptions = '-NoSessionCache'; NoTicket = $false; ClientOption = @('-no_ticket') }
    ) {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -NoSessionCache -NoTicket:$NoTicket

        $output = Invoke-Reconnect -Port $server.Port -Option $ClientOption

        Get-SClientHandshakeKind -Output $output | Should -Be $noneResumed
        foreach ($session in Get-SixEndedSession) {
            $session.Resumed | Should -BeFalse
            $session.SessionId | Should -BeNullOrEmpty
        }
        $server.Statistics.SessionCacheEntries | Should -Be 0
        $server.Resumption.SessionCacheEnabled | Should -BeFalse
    }

    It 'still resumes with tickets under -NoSessionCache, as OpenSSL does' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -NoSessionCache

        $output = Invoke-Reconnect -Port $server.Port

        Get-SClientHandshakeKind -Output $output | Should -Be $fiveResumed
        foreach ($session in Get-SixEndedSession | Select-Object -Skip 1) {
            "$($session.ResumedBy)" | Should -Be 'Ticket'
        }
    }

    It 'resumes only within the same -SessionContext (-NoTicket:<NoTicket>)' -ForEach @(
        @{ NoTicket = $false }, @{ NoTicket = $true }
    ) {
        $servers = @(
            ($a = Start-TlsServer -Port 0 -Protocol Tls12 -SessionContext 'shop' -NoTicket:$NoTicket)
            ($b = Start-TlsServer -Port 0 -Protocol Tls12 -SessionContext 'shop' -NoTicket:$NoTicket)
            ($c = Start-TlsServer -Port 0 -Protocol Tls12 -SessionContext 'other' -NoTicket:$NoTicket)
            ($d = Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket:$NoTicket)
        )
        $file = "$TestDrive/shop-$NoTicket.pem"
        Connect-WithSession -To $a -Option '-sess_out', $file | Should -Be 'New'

        Connect-WithSession -To $b -Option '-sess_in', $file | Should -Be 'Reused'
        Connect-WithSession -To $c -Option '-sess_in', $file | Should -Be 'New'
        Connect-WithSession -To $d -Option '-sess_in', $file | Should -Be 'New'
        Connect-WithSession -To $a -Option '-sess_in', $file | Should -Be 'Reused'

        $resumedOnB = @(Wait-TlsSession -Server $b -State Closed -TimeoutSec 10)
        $resumedOnB | Should -HaveCount 1
        $resumedOnB[0].Resumed | Should -BeTrue
        "$($resumedOnB[0].ResumedBy)" | Should -Be $(if ($NoTicket) { 'SessionId' } else { 'Ticket' })
        $(if ($NoTicket) { $c.Statistics.SessionCacheMisses } else { $c.Statistics.TicketsRejected }) | Should -Be 1
    }

    It 'evicts the oldest session from a full cache' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket -SessionCacheSize 1
        Connect-WithSession -To $server -Option '-sess_out', "$TestDrive/first.pem", '-no_ticket' | Should -Be 'New'

        Connect-WithSession -To $server -Option '-sess_out', "$TestDrive/second.pem", '-no_ticket' | Should -Be 'New'

        $server.Statistics.SessionCacheFull | Should -Be 1
        $server.Statistics.SessionCacheEntries | Should -Be 1
        Connect-WithSession -To $server -Option '-sess_in', "$TestDrive/second.pem", '-no_ticket' | Should -Be 'Reused'
        Connect-WithSession -To $server -Option '-sess_in', "$TestDrive/first.pem", '-no_ticket' | Should -Be 'New'
        $server.Statistics.SessionCacheHits | Should -Be 1
    }

    It 'does not resume an expired session' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket -SessionCacheTimeoutSec 1
        Connect-WithSession -To $server -Option '-sess_out', "$TestDrive/short.pem", '-no_ticket' | Should -Be 'New'

        # The session must outlive its one-second timeout: this wait is the subject of the test.
        Start-Sleep -Milliseconds 1500

        Connect-WithSession -To $server -Option '-sess_in', "$TestDrive/short.pem", '-no_ticket' | Should -Be 'New'
        $server.Statistics.SessionCacheTimeouts | Should -Be 1
        $server.Statistics.SessionCacheHits | Should -Be 0
    }

    It 'makes TLS 1.3 clients always do a full handshake' {
        $server = Start-TlsServer -Port 0

        $output = Invoke-Reconnect -Port $server.Port -Option '-tls1_3'

        Get-SClientHandshakeKind -Output $output | Should -Be $noneResumed
        foreach ($session in Get-SixEndedSession) {
            "$($session.Protocol)" | Should -Be 'Tls13'
            $session.Resumed | Should -BeFalse
        }
        $server.Resumption.Tls13Resumption | Should -BeLike '*BouncyCastle*'
    }
}

Describe 'Resumption with gnutls-cli --resume' -Skip:(-not (Get-Command gnutls-cli -ErrorAction SilentlyContinue)) {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'resumes gnutls-cli''s session by <ResumedBy>' -ForEach @(
        @{ NoTicket = $false; ResumedBy = 'Ticket' }
        @{ NoTicket = $true; ResumedBy = 'SessionId' }
    ) {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket:$NoTicket

        $result = Invoke-ExternalTool -Name gnutls-cli -ArgumentList '--insecure', '--resume', '-p', "$($server.Port)", '127.0.0.1' -TimeoutSec 20

        ($result.StandardOutput + $result.StandardError) | Should -BeLike '*`*`*`* This is a resumed session*'
        $sessions = @(Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 10)
        $sessions | Should -HaveCount 2
        $sessions[0].Resumed | Should -BeFalse
        $sessions[1].Resumed | Should -BeTrue
        "$($sessions[1].ResumedBy)" | Should -Be $ResumedBy
    }
}

Describe 'Resuming a TLS 1.2 session made without the extended master secret' {
    BeforeAll {
        # Python's ssl module (OpenSSL 3) with SSL_OP_NO_EXTENDED_MASTER_SECRET: two connections, the second resuming the first.
        $client = @'
import socket, ssl, sys
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
context.options |= 0x1
port = int(sys.argv[1])
first = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=20))
session = first.session
first.close()
try:
    second = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=20), session=session)
    print("reused" if second.session_reused else "new")
    second.close()
except ssl.SSLError as e:
    print("refused:", e)
'@
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'is refused with handshake_failure by default (RFC 7627 5.3)' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Protocol Tls12

        $result = Invoke-ExternalTool -Name python3 -ArgumentList '-c', $client, $server.Port

        $result.StandardOutput | Should -Match 'refused:.*HANDSHAKE_FAILURE'
        $failed = Wait-TlsSession -Server $server -State Failed -TimeoutSec 20
        "$($failed.Alert.Description)" | Should -BeExactly 'handshake_failure'
        $failed.Error | Should -Match 'without the extended master secret.*-AllowLegacyResumption'
    }

    It 'resumes with -AllowLegacyResumption, as s_server does' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Protocol Tls12 -AllowLegacyResumption

        $result = Invoke-ExternalTool -Name python3 -ArgumentList '-c', $client, $server.Port

        $result.StandardOutput | Should -Match 'reused'
        $sessions = Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 20
        @($sessions | Where-Object Resumed) | Should -HaveCount 1
        $sessions | ForEach-Object { $_.ExtendedMasterSecret | Should -BeFalse }
    }
}

Describe 'The resumption parameters of Start-TlsServer' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'freezes the resumption settings on the server' {
        $server = Start-TlsServer -Port 0 -SessionCacheSize 5 -SessionCacheTimeoutSec 60 -SessionContext 'ctx' -SessionIdPrefix 'p-' -NoTicket
        $settings = $server.Resumption

        $settings.SessionCacheSize | Should -Be 5
        $settings.SessionCacheTimeout | Should -Be ([timespan]::FromSeconds(60))
        $settings.SessionContext | Should -Be 'ctx'
        $settings.SessionIdPrefix | Should -Be 'p-'
        $settings.TicketsEnabled | Should -BeFalse
        $settings.SessionCacheEnabled | Should -BeTrue
        $settings.ToString() | Should -BeLike '*TLS 1.3*'
    }

    It 'uses OpenSSL''s defaults' {
        $server = Start-TlsServer -Port 0
        $settings = $server.Resumption

        $settings.SessionCacheSize | Should -Be 20480
        $settings.SessionCacheTimeout | Should -Be ([timespan]::FromHours(2))
        $settings.SessionContext | Should -BeNullOrEmpty
        $settings.TicketsEnabled | Should -BeTrue
    }

    It 'refuses <Arguments> with <ErrorId>' -ForEach @(
        @{ Arguments = '-SessionContext (''x'' * 33)'; Parameter = @{ SessionContext = 'x' * 33 }; ErrorId = 'SessionContextTooLong' }
        @{ Arguments = '-SessionIdPrefix (''x'' * 25)'; Parameter = @{ SessionIdPrefix = 'x' * 25 }; ErrorId = 'SessionIdPrefixTooLong' }
        @{ Arguments = '-SessionCacheSize 0'; Parameter = @{ SessionCacheSize = 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Arguments = '-SessionCacheTimeoutSec 0'; Parameter = @{ SessionCacheTimeoutSec = 0 }; ErrorId = 'ParameterArgumentValidationError' }
    ) {
        $err = { Start-TlsServer -Port 0 @Parameter -ErrorAction Stop } |
            Should -Throw -ErrorId "$ErrorId,TlsServer.PowerShell.Commands.StartTlsServerCommand" -PassThru

        "$($err.CategoryInfo.Category)" | Should -BeIn 'InvalidArgument', 'InvalidData'
    }

    It 'accepts -NoResumptionOnRenegotiation with a note that it changes nothing' {
        $lines = Start-TlsServer -Port 0 -NoResumptionOnRenegotiation -Verbose 4>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.VerboseRecord]) { $_.Message } else { $server = $_; "$($_.Resumption.NoResumptionOnRenegotiation)" }
        }

        @($lines | Where-Object { $_.Contains('changes nothing') }) | Should -Not -BeNullOrEmpty
        $lines[-1] | Should -Be 'True'
    }
}
