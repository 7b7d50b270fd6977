# Transports and shared secrets: DTLS over UDP (with and without -Listen), Unix domain sockets, IPv4-only and
# IPv6-only servers, -Accept, and pre-shared keys with openssl s_client.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the s_client tests are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $openSslMissing = -not (Test-ExternalTool openssl)
    $psk = '1a2b3c4d5e6f708192a3b4c5d6e7f801'
}

Describe 'DTLS with openssl s_client' -Skip:$openSslMissing {
    Context '<ClientOption> with -Listen:<Listen>' -ForEach @(
        @{ ClientOption = @('-dtls1_2'); Listen = $false; Protocol = 'Dtls12' }
        @{ ClientOption = @('-dtls1_2'); Listen = $true; Protocol = 'Dtls12' }
        @{ ClientOption = @('-dtls1', '-cipher', 'DEFAULT@SECLEVEL=0'); Listen = $true; Protocol = 'Dtls10' }
    ) {
        BeforeAll {
            $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -Listen:$Listen
            $arguments = @('s_client', '-connect', "127.0.0.1:$($server.Port)", '-brief') + $ClientOption
            $client = Invoke-ExternalTool -Name openssl -ArgumentList $arguments -InputText "hello`n"
            $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 15
        }

        AfterAll {
            if ($server) { $server | Stop-TlsServer -ErrorAction SilentlyContinue }
        }

        It 'completes the handshake and records the session' {
            $session.Protocol | Should -Be $Protocol
            $session.BytesReceived | Should -BeGreaterThan 6
            $server.Transport | Should -Be 'Udp'
        }

        It 'answers with a cookie only with -Listen' {
            ($server.Statistics.HelloVerifyRequests -gt 0) | Should -Be $Listen
        }
    }
}

Describe 'Pre-shared keys with openssl s_client' -Skip:$openSslMissing {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Psk $psk -PskIdentity device7
    }

    AfterAll {
        if ($server) { $server | Stop-TlsServer -ErrorAction SilentlyContinue }
    }

    It 'negotiates a SHA-256 TLS 1.3 suite with s_client defaults' {
        $client = Invoke-SClient -Port $server.Port -Option @('-tls1_3', '-psk', $psk, '-psk_identity', 'device7')
        $client.Connected | Should -BeTrue
        $client.CipherSuite | Should -Match 'SHA256$'
        (Wait-TlsSession -Server $server -State Closed -TimeoutSec 15).PskIdentity | Should -Be 'device7'
    }

    It 'refuses malformed hex' {
        { Start-TlsServer -Port 0 -Psk 'xyz' } | Should -Throw -ErrorId 'PskNotHex,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'Unix sockets and address families' -Skip:$openSslMissing {
    It 'serves s_client -unix and removes the socket on stop' {
        $path = Join-Path ([IO.Path]::GetTempPath()) "tls-$([guid]::NewGuid().ToString('N').Substring(0, 8)).sock"
        $server = Start-TlsServer -UnixSocket $path
        try {
            $result = Invoke-ExternalTool -Name openssl -ArgumentList @('s_client', '-unix', $path, '-brief') -InputText ''
            ($result.StandardOutput + $result.StandardError) | Should -Match 'CONNECTION ESTABLISHED'
        }
        finally {
            $server | Stop-TlsServer
        }
        Test-Path $path | Should -BeFalse
    }

    It 'an IPv6-only server refuses IPv4 clients' {
        $server = Start-TlsServer -Accept '*:0' -AddressFamily IPv6
        try {
            (Invoke-SClient -Port $server.Port).Connected | Should -BeFalse
        }
        finally {
            $server | Stop-TlsServer
        }
    }
}

Describe 'DTLS sessions and the session cmdlets' -Skip:$openSslMissing {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -Listen -NoTicket
        $arguments = @('s_client', '-connect', "127.0.0.1:$($server.Port)", '-dtls1_2', '-reconnect', '-no_ticket')
        $client = Invoke-ExternalTool -Name openssl -ArgumentList $arguments -InputText ''
        $sessions = Wait-TlsSession -Server $server -State Closed -Count 6 -TimeoutSec 15
    }

    AfterAll {
        if ($server) { $server | Stop-TlsServer -ErrorAction SilentlyContinue }
    }

    It 'resumes DTLS sessions from the session cache' {
        ($sessions | Where-Object ResumedBy -EQ 'SessionId') | Should -Not -BeNullOrEmpty
        $server.Statistics.SessionCacheHits | Should -BeGreaterThan 0
    }

    It 'records the ClientHello with its fingerprints' {
        $sessions[0].ClientHello.Ja3Hash | Should -Not -BeNullOrEmpty
    }

    It 'says a command on an ended DTLS session has no association' {
        { Send-TlsAlert -Session $sessions[0] -Description user_canceled -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionClosed,TlsServer.PowerShell.Commands.SendTlsAlertCommand'
    }
}

Describe 'DTLS protocol ranges' {
    It 'makes a DTLS server from a DTLS bound' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -MinimumProtocol Dtls12
        try {
            $server.Transport | Should -Be 'Udp'
            $server.Protocols | Should -Be @('Dtls12')
        }
        finally {
            $server | Stop-TlsServer
        }
    }

    It 'refuses DTLS and TLS versions together' {
        { Start-TlsServer -Port 0 -MinimumProtocol Dtls10 -MaximumProtocol Tls12 -ErrorAction Stop } |
            Should -Throw -ErrorId 'DtlsWithTls,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}
