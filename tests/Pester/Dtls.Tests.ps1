# DTLS over UDP with openssl s_client: DTLS 1.2 and 1.0, with and without the stateless cookie exchange (-Listen),
# the status page, PSK, a small MTU, dual stack, Stop-TlsServer; DTLS sessions go through the same session cmdlets,
# diagnostics and resumption as TLS ones, and what BouncyCastle's DtlsTransport cannot do is a clear error.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the DTLS tests with s_client are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
}

Describe 'DTLS with openssl s_client' -Skip:$openSslMissing {
    BeforeEach {
        $client = $null
    }

    AfterEach {
        $client | Stop-PeerProcess
        $server | Stop-TestServer
    }

    # OpenSSL 3 allows DTLS 1.0 (SHA-1 signatures) only at security level 0.
    It 'completes a <Protocol> handshake with -Listen:<Listen> and carries data' -ForEach @(
        @{ Version = @('-dtls1_2'); Listen = $false; SClientProtocol = 'DTLSv1.2'; Protocol = 'Dtls12' }
        @{ Version = @('-dtls1_2'); Listen = $true; SClientProtocol = 'DTLSv1.2'; Protocol = 'Dtls12' }
        @{ Version = @('-dtls1', '-cipher', 'DEFAULT@SECLEVEL=0'); Listen = $false; SClientProtocol = 'DTLSv1'; Protocol = 'Dtls10' }
        @{ Version = @('-dtls1', '-cipher', 'DEFAULT@SECLEVEL=0'); Listen = $true; SClientProtocol = 'DTLSv1'; Protocol = 'Dtls10' }
    ) {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -Listen:$Listen
        $line = "hello over datagrams`n"

        $result = Invoke-SClient -Port $server.Port -Option $Version -InputText $line

        $result.Connected | Should -BeTrue -Because $result.Output
        $result.Protocol | Should -Be $SClientProtocol
        $session = Wait-OneEndedTlsSession $server
        "$($session.Protocol)" | Should -Be $Protocol
        $session.CipherSuiteOpenSsl | Should -Be $result.CipherSuite
        "$($session.State)" | Should -Be 'Closed'
        $session.Alert.Description | Should -Be 'close_notify'
        $session.BytesReceived | Should -BeGreaterThan $line.Length
        "$($server.Transport)" | Should -Be 'Udp'
        ($server.Statistics.HelloVerifyRequests -gt 0) | Should -Be $Listen
    }

    It 'serves the status page over <Protocol>' -ForEach @(
        @{ Protocol = 'Dtls12'; Version = @('-dtls1_2') }
        @{ Protocol = 'Dtls10'; Version = @('-dtls1', '-cipher', 'DEFAULT@SECLEVEL=0') }
    ) {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -Listen -Www

        $result = Invoke-SClient -Port $server.Port -Option ($Version + '-crlf', '-ign_eof') -InputText "GET / HTTP/1.0`n`n"

        $result.Connected | Should -BeTrue -Because $result.Output
        $result.StandardOutput | Should -BeLike '*HTTP/1.1 200 OK*'
        $result.StandardOutput | Should -BeLike "*<td id=`"protocol`">$Protocol</td>*"
        $session = Wait-OneEndedTlsSession $server
        $session.BytesSent | Should -BeGreaterThan 1000
        $session.Error | Should -Be 'HTTP 200'
    }

    It 'takes IPv4 and IPv6 clients on a dual-stack server' {
        $server = Start-TlsServer -Port 0 -Dtls

        $v4 = Invoke-SClient -Port $server.Port -Option '-dtls1_2' -InputText "4`n"
        $v6 = Invoke-SClient -HostName '[::1]' -Port $server.Port -Option '-dtls1_2' -InputText "6`n"

        $v4.Connected | Should -BeTrue -Because $v4.Output
        $v6.Connected | Should -BeTrue -Because $v6.Output
        $null = Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 15
        $server.Statistics.HandshakesCompleted | Should -Be 2
    }

    It 'works with a PSK' {
        $key = '00112233445566778899aabbccddeeff'
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -Listen -Psk $key

        $result = Invoke-SClient -Port $server.Port -Option '-dtls1_2', '-psk', $key, '-cipher', 'PSK' -InputText "psk`n"

        $result.Connected | Should -BeTrue -Because $result.Output
        $session = Wait-OneEndedTlsSession $server
        $session.PskIdentity | Should -Be 'Client_identity'
        $session.CipherSuite | Should -BeLike '*PSK*'
    }

    It 'fragments the handshake for a small MTU' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -Mtu 400

        $result = Invoke-SClient -Port $server.Port -Option '-dtls1_2', '-mtu', '400', '-msg' -InputText "x`n"

        $result.Connected | Should -BeTrue -Because $result.Output
        $server.Mtu | Should -Be 400
        $null = Wait-OneEndedTlsSession $server
    }

    It 'sends close_notify to an established association when the server stops' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls
        $client = Start-SClientPeer -Port $server.Port -Option '-dtls1_2', '-brief', '-ign_eof'
        $client.Process.StandardInput.Close()
        $null = Wait-TlsSession -Server $server -State Established -TimeoutSec 10

        $server | Stop-TlsServer

        Wait-PeerExit -Peer $client -TimeoutSec 25 | Should -BeTrue -Because (Get-PeerOutput -Peer $client)
        $session = Get-TlsSession -Server $server
        "$($session.State)" | Should -Be 'Closed'
        $session.Error | Should -Be 'the server stopped'
    }

    It 'refuses a UDP port in use with PortInUse' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls

        $err = { Start-TlsServer -Port $server.Port -Address 127.0.0.1 -Dtls -ErrorAction Stop } | Should -Throw -ErrorId "PortInUse,$startCommand" -PassThru

        $err.Exception.Message | Should -BeLike '*UDP port*'
    }
}

Describe 'DTLS parameters that do not go together' {
    It 'refuses <Script> with <ErrorId>' -ForEach @(
        @{ Script = { Start-TlsServer -Port 0 -Dtls -Protocol Tls12 }; ErrorId = 'DtlsWithTls' }
        @{ Script = { Start-TlsServer -Port 0 -Protocol Dtls12, Tls13 }; ErrorId = 'DtlsWithTls' }
        @{ Script = { Start-TlsServer -Port 0 -Listen }; ErrorId = 'ListenNeedsDtls' }
        @{ Script = { Start-TlsServer -Port 0 -Dtls -UnixSocket /tmp/x.sock }; ErrorId = 'AmbiguousParameterSet' }
        @{ Script = { Start-TlsServer -Port 0 -Dtls -MaxSendFragment 512 }; ErrorId = 'AmbiguousParameterSet' }
        @{ Script = { Start-TlsServer -Port 0 -Protocol Dtls12 -MaxSendFragment 512 }; ErrorId = 'StreamOptionsWithDtls' }
        @{ Script = { Start-TlsServer -Port 0 -Protocol Dtls12 -NonBlockingTest -ReadBufferSize 64 }; ErrorId = 'StreamOptionsWithDtls' }
        @{ Script = { Start-TlsServer -Port 0 -Protocol Dtls10, Dtls12 -NoMiddlebox }; ErrorId = 'StreamOptionsWithDtls' }
    ) {
        { & $Script -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,$startCommand"
    }
}

Describe 'DTLS sessions and the session cmdlets' -Skip:$openSslMissing {
    BeforeEach {
        $client = $null
    }

    AfterEach {
        $client | Stop-PeerProcess
        $server | Stop-TestServer
    }

    It 'carries data both ways, refuses what DtlsTransport cannot do, and closes with Stop-TlsSession' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -Listen -Msg -Quiet
        $client = Start-SClientPeer -Port $server.Port -Option '-dtls1_2', '-ign_eof'
        Send-PeerInput -Peer $client -Text "from the client`n"
        $client.Process.StandardInput.Close()
        $s = Wait-TlsSession -Server $server -State Established -TimeoutSec 10

        $received = Receive-TlsData -Session $s -AsString -Wait -TimeoutSec 10
        Send-TlsData -Session $s -Text "from the server`n"
        $renegotiation = { Invoke-TlsRenegotiation -Session $s -HelloRequestOnly -ErrorAction Stop } | Should -Throw -PassThru
        $alert = { Send-TlsAlert -Session $s -Description user_canceled -ErrorAction Stop } | Should -Throw -PassThru
        Stop-TlsSession -Session $s

        Wait-PeerExit -Peer $client -TimeoutSec 25 | Should -BeTrue
        $received | Should -BeExactly "from the client`n"
        Get-PeerOutput -Peer $client -AsByteStream | Should -Not -BeNullOrEmpty
        Get-PeerOutput -Peer $client -Stream Output | Should -BeLike '*from the server*'
        $renegotiation.FullyQualifiedErrorId | Should -Be 'HelloRequestNotSupported,TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand'
        $renegotiation.CategoryInfo.Category | Should -Be 'NotImplemented'
        $renegotiation.Exception.Message | Should -BeLike '*DtlsTransport cannot send a HelloRequest*'
        $alert.FullyQualifiedErrorId | Should -Be 'SendAlertNotSupported,TlsServer.PowerShell.Commands.SendTlsAlertCommand'
        $session = @(Get-TlsSession -Server $server)
        $session | Should -HaveCount 1
        "$($session[0].State)" | Should -Be 'Closed'
        "$($session[0].Protocol)" | Should -Be 'Dtls12'
        "$($session[0].Actions[-1].Kind)" | Should -Be 'Close'

        # The ClientHello went through the same observer as TLS: fingerprinted, and listed by Get-TlsMessage.
        $session[0].ClientHello.LegacyVersion | Should -Be 0xFEFD
        $session[0].ClientHello.Ja3Hash | Should -Not -BeNullOrEmpty
        $types = $session[0] | Get-TlsMessage -Direction Received | ForEach-Object { "$($_.HandshakeType)" }
        $types | Should -Contain 'client_hello'
        $types | Should -Contain 'client_key_exchange'
    }

    It 'resumes a DTLS session from the session cache' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -NoTicket

        $result = Invoke-ExternalTool -Name openssl -ArgumentList 's_client', '-connect', "127.0.0.1:$($server.Port)", '-dtls1_2', '-reconnect', '-no_ticket'

        $result.StandardOutput | Should -Match '(?m)^Reused, '
        $sessions = @(Wait-TlsSession -Server $server -State Closed -Count 6 -TimeoutSec 15)
        $sessions | Should -HaveCount 6
        @($sessions | Where-Object { "$($_.ResumedBy)" -eq 'SessionId' }) | Should -Not -BeNullOrEmpty
        $server.Statistics.SessionCacheHits | Should -BeGreaterThan 0
    }

    It 'times out an idle association and counts it' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -IdleTimeoutSec 1
        $client = Start-SClientPeer -Port $server.Port -Option '-dtls1_2', '-ign_eof'
        $client.Process.StandardInput.Close()

        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20

        $session.Error | Should -BeLike '*idle timeout*'
        $server.Statistics.IdleTimeouts | Should -Be 1
        $server.Statistics.ActiveConnections | Should -Be 0
        Wait-PeerExit -Peer $client -TimeoutSec 25 | Should -BeTrue -Because 's_client must see the close_notify'
    }

    It 'answers in -Reverse mode over DTLS' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -Reverse

        # -Reverse keeps the association until CLOSE, so s_client stays connected; the answer is awaited.
        $client = Start-SClientPeer -Port $server.Port -Option '-dtls1_2', '-brief', '-ign_eof'
        Send-PeerInput -Peer $client -Text "datagram`n"

        Wait-PeerOutput -Peer $client -Text 'margatad' -TimeoutSec 20
        Get-PeerOutput -Peer $client -Stream Output | Should -BeLike '*margatad*'
        $output = Get-PeerOutput -Peer $client
        $output | Should -Match '(?m)^CONNECTION ESTABLISHED'
        Get-SClientField -Output $output -Name 'Protocol version' | Should -Be 'DTLSv1.2'
    }

    It 'makes a DTLS server from a range of DTLS versions' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -MinimumProtocol Dtls12

        $result = Invoke-SClient -Port $server.Port -Option '-dtls1_2'

        $result.Connected | Should -BeTrue -Because $result.Output
        "$($server.Transport)" | Should -Be 'Udp'
        @($server.Protocols | ForEach-Object { "$_" }) | Should -Be @('Dtls12')
        { Start-TlsServer -Port 0 -MinimumProtocol Dtls10 -MaximumProtocol Tls12 -ErrorAction Stop } | Should -Throw -ErrorId "DtlsWithTls,$startCommand"
    }
}
