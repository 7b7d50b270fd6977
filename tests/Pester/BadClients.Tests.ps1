# Clients that send garbage, hang up in the middle of the handshake or never say anything: each one fails only its
# own session, the statistics count it, the server keeps running and still serves a normal client afterwards.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the s_client handshakes after the bad clients are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    function Send-NonTlsBytes {
        # Speaks plain HTTP to the TLS port and waits for the server to hang up.
        param([int] $Port)

        $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port)
        try {
            $bytes = [System.Text.Encoding]::ASCII.GetBytes("GET / HTTP/1.0`r`n`r`nthis is not TLS at all")
            $client.GetStream().Write($bytes, 0, $bytes.Length)
            Wait-TcpClose -Client $client
        }
        finally {
            $client.Dispose()
        }
    }

    function Send-TruncatedClientHello {
        # Sends a handshake record header that promises 512 bytes and the first bytes of a ClientHello, then closes.
        param([int] $Port)

        $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port)
        try {
            [byte[]] $bytes = 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03
            $client.GetStream().Write($bytes, 0, $bytes.Length)
        }
        finally {
            $client.Dispose()
        }
    }

    function Connect-Silently {
        # Connects, never sends a ClientHello, and waits for the server's handshake timeout to close the connection.
        param([int] $Port)

        $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port)
        try {
            Wait-TcpClose -Client $client
        }
        finally {
            $client.Dispose()
        }
    }

    $openSslMissing = -not (Test-ExternalTool openssl)
}

Describe 'A server facing a client that <Behaviour>' -ForEach @(
    @{ Behaviour = 'sends bytes that are not TLS'; Misbehave = 'Send-NonTlsBytes'; Timeouts = 0 }
    @{ Behaviour = 'closes the connection in the middle of the handshake'; Misbehave = 'Send-TruncatedClientHello'; Timeouts = 0 }
    @{ Behaviour = 'never sends a ClientHello'; Misbehave = 'Connect-Silently'; Timeouts = 1 }
) {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -HandshakeTimeoutSec 1
        & $Misbehave -Port $server.Port
        $failed = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15
    }

    AfterAll {
        $server | Stop-TestServer
    }

    It 'fails that session' {
        $failed | Should -HaveCount 1
        $failed.State | Should -Be 'Failed'
        $failed.HandshakeCompleted | Should -BeFalse
        $failed.EndTime | Should -Not -BeNullOrEmpty
    }

    It 'says why the session failed' {
        $failed.Error | Should -Not -BeNullOrEmpty
    }

    It 'keeps running' {
        $server.State | Should -Be 'Running'
    }

    It 'counts a failed handshake' {
        $server.Statistics.ConnectionsAccepted | Should -Be 1
        $server.Statistics.HandshakesFailed | Should -Be 1
        $server.Statistics.HandshakesCompleted | Should -Be 0
    }

    It 'counts a handshake timeout only when the client timed out' {
        $server.Statistics.HandshakeTimeouts | Should -Be $Timeouts
    }

    It 'still completes a normal s_client handshake afterwards' -Skip:$openSslMissing {
        $client = Invoke-SClient -Port $server.Port

        $client.Connected | Should -BeTrue -Because $client.Output
        $sessions = Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 15
        $sessions | Should -HaveCount 2
        $server.Statistics.HandshakesCompleted | Should -Be 1
        $server.Statistics.HandshakesFailed | Should -Be 1
        $server.State | Should -Be 'Running'
    }
}

Describe 'One client that <Behaviour>, then s_client' -Skip:$openSslMissing -ForEach @(
    @{ Behaviour = 'sends bytes that are not TLS'; Misbehave = 'Send-NonTlsBytes'; ErrorText = '*not TLS*'; Timeouts = 0 }
    @{ Behaviour = 'sends a ClientHello cut short and closes'; Misbehave = 'Send-TruncatedClientHello'; ErrorText = '*during the handshake*'; Timeouts = 0 }
    @{ Behaviour = 'says nothing until it times out'; Misbehave = 'Connect-Silently'; ErrorText = '*'; Timeouts = 1 }
) {
    It 'fails that connection only, and the books say so' {
        $server = Start-TlsServer -Port 0 -HandshakeTimeoutSec 1
        try {
            & $Misbehave -Port $server.Port

            $null = Wait-TlsSession -Server $server -State Failed -Count 1 -TimeoutSec 10
            $client = Invoke-SClient -Port $server.Port
            $client.Connected | Should -BeTrue -Because $client.Output
            $null = Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 10
            "$($server.State)" | Should -Be 'Running'
            $server.Statistics.ConnectionsAccepted | Should -Be 2
            $server.Statistics.HandshakesCompleted | Should -Be 1
            $server.Statistics.HandshakesFailed | Should -Be 1
            $server.Statistics.ActiveConnections | Should -Be 0
            $failed = @(Get-TlsSession -Server $server -State Failed)
            $failed | Should -HaveCount 1
            $failed[0].Error | Should -BeLike $ErrorText
            $server.Statistics.HandshakeTimeouts | Should -Be $Timeouts
        }
        finally {
            $server | Stop-TestServer
        }
    }
}
