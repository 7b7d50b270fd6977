# Start-TlsServer -Alpn, -AlpnFatal and -AlpnOptional against openssl s_client -alpn and curl --http2/--http1.1; NPN as
# a clear error.
BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
}

Describe 'ALPN' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Alpn h2, http/1.1
    }

    AfterAll {
        $server | Stop-TlsServer
    }

    It 'picks <Expected> from the offer <Offered>: the server''s order wins' -ForEach @(
        @{ Offered = 'http/1.1,h2'; Expected = 'h2' }
        @{ Offered = 'h2,http/1.1'; Expected = 'h2' }
        @{ Offered = 'http/1.1'; Expected = 'http/1.1' }
    ) {
        $last = Get-LastTlsSessionId $server

        $output = Invoke-SClientText -Port $server.Port -Option '-alpn', $Offered

        $output | Should -Match ([regex]::Escape("ALPN protocol: $Expected"))
        $session = Wait-OneEndedTlsSession $server -After $last
        $session.ApplicationProtocol | Should -BeExactly $Expected
    }

    It 'picks the server''s first protocol that the client offers' {
        $output = Invoke-SClientText -Port $server.Port -Option '-alpn', 'http/1.1,h2'
        $output | Should -Match 'ALPN protocol: h2'
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10 | Select-Object -Last 1
        $session.ApplicationProtocol | Should -Be 'h2'
    }

    It 'refuses NPN with a clear error' {
        { Start-TlsServer -Port 0 -NextProtoNeg h2 } | Should -Throw -ErrorId 'NextProtocolNegotiationNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'No protocol in common' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'ends the handshake with no_application_protocol by default (RFC 7301 3.2, s_server 3)' {
        $server = Start-TlsServer -Port 0 -Alpn h2

        Invoke-SClientText -Port $server.Port -Option '-alpn', 'spdy/3' | Should -Match 'no application protocol'

        $session = Wait-OneEndedTlsSession $server
        "$($session.State)" | Should -BeExactly 'Failed'
        "$($session.Alert.Description)" | Should -BeExactly 'no_application_protocol'
        "$($session.Alert.Direction)" | Should -BeExactly 'Sent'
    }

    It 'goes on without ALPN with -AlpnOptional (s_server 1.1.0)' {
        $server = Start-TlsServer -Port 0 -Alpn h2 -AlpnOptional

        $output = Invoke-SClientText -Port $server.Port -Option '-alpn', 'spdy/3'

        $output | Should -Match 'No ALPN negotiated'
        $session = Wait-OneEndedTlsSession $server
        $session.HandshakeCompleted | Should -BeTrue
        $session.ApplicationProtocol | Should -BeNullOrEmpty
    }
}

Describe '-AlpnFatal' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Alpn h2 -AlpnFatal
    }

    AfterAll {
        $server | Stop-TestServer
    }

    It 'sends no_application_protocol to s_client <Version> that offers none of its protocols' -ForEach @(
        @{ Version = '-tls1_2' }
        @{ Version = '-tls1_3' }
    ) {
        $last = Get-LastTlsSessionId $server

        $output = Invoke-SClientText -Port $server.Port -Option '-alpn', 'spdy/3', $Version

        $output | Should -Match 'no application protocol'
        $session = Wait-OneEndedTlsSession $server -After $last
        "$($session.State)" | Should -BeExactly 'Failed'
        "$($session.Alert.Description)" | Should -BeExactly 'no_application_protocol'
        "$($session.Alert.Direction)" | Should -BeExactly 'Sent'
    }

    It 'is refused without -Alpn' {
        { Start-TlsServer -Port 0 -AlpnFatal } | Should -Throw -ErrorId "AlpnFatalWithoutAlpn,$startCommand"
    }

    It 'is refused together with -AlpnOptional' {
        { Start-TlsServer -Port 0 -Alpn h2 -AlpnFatal -AlpnOptional } | Should -Throw -ErrorId "ParameterConflict,$startCommand"
    }
}

Describe 'curl' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Www -Alpn h2, http/1.1
    }

    AfterAll {
        $server | Stop-TestServer
    }

    It 'gets h2 with --http2' {
        $last = Get-LastTlsSessionId $server

        $curl = Invoke-ExternalTool -Name curl -ArgumentList '-skv', '--http2', '--max-time', '5', "https://127.0.0.1:$($server.Port)/"

        ($curl.StandardOutput + $curl.StandardError) | Should -Match 'ALPN: server accepted h2'
        $session = Wait-OneEndedTlsSession $server -After $last
        $session.ApplicationProtocol | Should -BeExactly 'h2'
    }

    It 'gets http/1.1 and the page with --http1.1' {
        $last = Get-LastTlsSessionId $server

        $curl = Invoke-ExternalTool -Name curl -ArgumentList '-skv', '--http1.1', '--max-time', '5', "https://127.0.0.1:$($server.Port)/"

        ($curl.StandardOutput + $curl.StandardError) | Should -Match ([regex]::Escape('ALPN: server accepted http/1.1'))
        $curl.StandardOutput | Should -Match '</html>'
        $session = Wait-OneEndedTlsSession $server -After $last
        $session.ApplicationProtocol | Should -BeExactly 'http/1.1'
    }
}

Describe 'NPN' {
    It 'is a clear BouncyCastle gap that points to -Alpn' {
        $failure = { Start-TlsServer -Port 0 -NextProtoNeg h2 } | Should -Throw -ErrorId "NextProtocolNegotiationNotSupported,$startCommand" -PassThru

        "$($failure.CategoryInfo.Category)" | Should -BeExactly 'NotImplemented'
        $failure.Exception.Message | Should -Match '-Alpn'
        $failure.Exception.Message | Should -Match 'BouncyCastle'
    }
}
