# The connected commands (s_server's k, K, R, P and friends) on sessions of openssl s_client.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    # A server of one protocol, an s_client connected to it, and the established session.
    function Connect-SClient {
        param([string] $Protocol)
        $server = Start-TlsServer -Port 0 -Protocol $Protocol
        $client = Start-SClient -Port $server.Port -Option '-msg'
        $server, $client, (Wait-TlsSession -Server $server -State Established -TimeoutSec 15)
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
