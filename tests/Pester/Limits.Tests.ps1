# The server's limits hold, and the statistic that shows each one was hit moves.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    function Connect-TlsClient {
        # A TLS client that accepts any certificate and keeps the connection open.
        param([int] $Port)

        $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port)
        $ssl = [System.Net.Security.SslStream]::new($tcp.GetStream(), $false, { $true })
        $ssl.AuthenticateAsClient('localhost')
        $ssl.ReadTimeout = 10000
        $ssl
    }
}

Describe 'ConnectionLimit' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -ConnectionLimit 1
        $first = Connect-TlsClient -Port $server.Port
        $null = Wait-TlsSession -Server $server -State Established -TimeoutSec 10
        $refused = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port)
        Wait-TcpClose -Client $refused
    }

    AfterAll {
        $refused.Dispose()
        $first.Dispose()
        $server | Stop-TestServer
    }

    It 'refuses connections beyond the limit and counts them' {
        $server.Statistics.ConnectionsRefused | Should -Be 1
        $server.Statistics.ConnectionsAccepted | Should -Be 1
    }
}

Describe 'IdleTimeoutSec' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -IdleTimeoutSec 1
        $client = Connect-TlsClient -Port $server.Port
        $read = $client.Read([byte[]]::new(16), 0, 16)
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
    }

    AfterAll {
        $client.Dispose()
        $server | Stop-TestServer
    }

    It 'closes a silent connection with close_notify' {
        $read | Should -Be 0
        $session.Error | Should -Match 'idle timeout'
        $server.Statistics.IdleTimeouts | Should -Be 1
    }
}

Describe 'MaxHandshakeMessageSize' {
    It 'refuses values below 1024 bytes' {
        { Start-TlsServer -Port 0 -MaxHandshakeMessageSize 100 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}
