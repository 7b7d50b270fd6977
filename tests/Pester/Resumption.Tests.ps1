# TLS 1.2 session resumption (cache, tickets, contexts) against openssl s_client.

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
