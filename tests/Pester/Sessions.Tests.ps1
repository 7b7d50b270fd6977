#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Session resumption and the connected commands, against openssl s_client.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force

    function Invoke-SClient {
        param([int] $Port, [string[]] $Options)
        '' | & openssl s_client -connect "127.0.0.1:$Port" @Options 2>&1 | Out-String
    }

    function Start-SClient {
        param([int] $Port, [string[]] $Options)
        $info = [System.Diagnostics.ProcessStartInfo]::new('openssl')
        foreach ($argument in @('s_client', '-connect', "127.0.0.1:$Port", '-ign_eof') + $Options) {
            $info.ArgumentList.Add($argument)
        }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        [System.Diagnostics.Process]::Start($info)
    }

    # A server of one protocol, an s_client connected to it, and the established session.
    function Connect-SClient {
        param([string] $Protocol)
        $server = Start-TlsServer -Port 0 -Protocol $Protocol
        $client = Start-SClient -Port $server.Port -Options '-msg'
        $server, $client, (Wait-TlsSession -Server $server -State Established -TimeoutSec 15)
    }
}

Describe 'TLS 1.2 session resumption' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket -SessionIdPrefix 'pester-'
    }

    AfterAll {
        $server | Stop-TlsServer -ErrorAction SilentlyContinue
    }

    It 'resumes from the session cache on reconnect' {
        $output = Invoke-SClient -Port $server.Port -Options '-reconnect', '-no_ticket'
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
        $null = Invoke-SClient -Port $a.Port -Options '-sess_out', $file
    }

    AfterAll {
        $a, $b, $c | Stop-TlsServer -ErrorAction SilentlyContinue
        Remove-Item $file -ErrorAction SilentlyContinue
    }

    It 'resumes on a server with the same context' {
        Invoke-SClient -Port $b.Port -Options '-sess_in', $file | Should -Match '(?m)^Reused, TLSv1\.2'
    }

    It 'refuses to resume on a server with another context' {
        Invoke-SClient -Port $c.Port -Options '-sess_in', $file | Should -Match '(?m)^New, TLSv1\.2'
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
        Invoke-SClient -Port $server.Port -Options '-reconnect' | Should -Not -Match '(?m)^Reused'
    }
}

Describe 'Connected commands' {
    AfterEach {
        $server | Stop-TlsServer -ErrorAction SilentlyContinue
        if (-not $client.HasExited) { $client.Kill() }
        $client.Dispose()
    }

    Context 'TLS 1.3' {
        BeforeEach {
            $server, $client, $session = Connect-SClient -Protocol Tls13
        }

        It 'sends a KeyUpdate' {
            $result = $session | Invoke-TlsRenegotiation -RequestPeerUpdate -TimeoutSec 0
            $result.Method | Should -Be 'KeyUpdate'
            (Get-TlsSession -Server $server -Id $session.Id).KeyUpdatesSent | Should -Be 1
        }

        It 'refuses post-handshake client authentication' {
            { $session | Invoke-TlsRenegotiation -RequestClientCertificate -ErrorAction Stop } |
                Should -Throw -ErrorId 'PostHandshakeAuthNotSupported,TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand'
        }
    }

    Context 'TLS 1.2' {
        BeforeEach {
            $server, $client, $session = Connect-SClient -Protocol Tls12
        }

        It 'cannot renegotiate' {
            { $session | Invoke-TlsRenegotiation -ErrorAction Stop } |
                Should -Throw -ErrorId 'RenegotiationNotSupported,TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand'
        }

        It 'reports that OpenSSL answers a HelloRequest with a ClientHello' {
            ($session | Invoke-TlsRenegotiation -HelloRequestOnly -TimeoutSec 10).ClientResponse | Should -Be 'Refused'
        }

        It 'ends the connection with a fatal alert' {
            $after = $session | Send-TlsAlert -Description internal_error -PassThru
            $after.State | Should -Be 'Failed'
            $client.WaitForExit(10000) | Should -BeTrue
            $client.StandardError.ReadToEnd() | Should -Match 'SSL alert number 80'
        }

        It 'makes the client fail with plain text' {
            $session | Send-TlsData -Plaintext ([System.Text.Encoding]::ASCII.GetBytes("not TLS`n"))
            $ended = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
            $ended.PlaintextBytesSent | Should -Be 8
            $ended.Alert.Description | Should -Be 'protocol_version'
        }

        It 'closes with close_notify and keeps accepting' {
            ($session | Stop-TlsSession -PassThru).Alert.Description | Should -Be 'close_notify'
            $server.State | Should -Be 'Running'
        }
    }
}
