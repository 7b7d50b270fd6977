# The connected commands (s_server's k, K, R, P and friends) on sessions of openssl s_client.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    # A server of one protocol, an s_client connected to it, and the established session.
    function Connect-SClient {
        param([string] $Protocol)
        $server = Start-TlsServer -Port 0 -Protocol $Protocol
        $client = Start-SClientPeer -Port $server.Port -Option '-ign_eof', '-msg'
        $server, $client, (Wait-TlsSession -Server $server -State Established -TimeoutSec 15)
    }
}

Describe 'Connected commands' {
    AfterEach {
        $server | Stop-TlsServer -ErrorAction SilentlyContinue
        $client | Stop-PeerProcess
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
            Wait-PeerExit -Peer $client -TimeoutSec 10 | Should -BeTrue
            Get-PeerOutput -Peer $client -Stream Error | Should -Match 'SSL alert number 80'
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

Describe 'Connected commands seen by openssl s_client' {
    BeforeAll {
        function Connect-Peer([hashtable] $ServerParameter, [string[]] $Option = @()) {
            # Starts $server, connects s_client -ign_eof as $client and returns the established session.
            $script:server = Start-TlsServer -Port 0 @ServerParameter
            $script:client = Start-SClientPeer -Port $server.Port -Option (@('-ign_eof') + $Option)
            $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
            $session | Should -Not -BeNullOrEmpty -Because (Get-PeerOutput -Peer $client)
            $session
        }

        function Wait-ClientExit {
            # Waits for s_client to exit; fails the test with its output if it does not.
            Wait-PeerExit -Peer $client -TimeoutSec 15 | Should -BeTrue -Because (Get-PeerOutput -Peer $client)
        }
    }

    BeforeEach {
        $script:server = $null
        $script:client = $null
        $second = $null
    }

    AfterEach {
        $client, $second | Stop-PeerProcess
        $server | Stop-TestServer
    }

    It 'sends a KeyUpdate that s_client answers, and data still flows' {
        $session = Connect-Peer @{ Protocol = 'Tls13'; Www = $true } '-msg', '-crlf'

        $result = Invoke-TlsRenegotiation -Session $session -RequestPeerUpdate -TimeoutSec 0

        "$($result.Method)" | Should -Be 'KeyUpdate'
        $result.UpdateRequested | Should -BeTrue
        Wait-PeerOutput -Peer $client '<<< TLS 1.3, Handshake [length 0005], KeyUpdate'
        # OpenSSL answers the request before its next write: send an HTTP request under the updated keys.
        Send-PeerInput -Peer $client -Text "GET / HTTP/1.0`n`n"
        Wait-PeerOutput -Peer $client 'HTTP/1.1 200 OK'
        Wait-ClientExit
        Get-PeerOutput -Peer $client | Should -BeLike '*>>> TLS 1.3, Handshake `[length 0005`], KeyUpdate*'
        $ended = Wait-OneEndedTlsSession $server
        $ended.KeyUpdatesSent | Should -Be 1
        $ended.KeyUpdatesReceived | Should -Be 1
        "$($ended.State)" | Should -Be 'Closed'
        $server.Statistics.KeyUpdatesReceived | Should -Be 1
    }

    It 'leaves the client''s keys alone with a KeyUpdate that requests nothing' {
        $session = Connect-Peer @{ Protocol = 'Tls13' } '-msg'

        $result = $session | Invoke-TlsRenegotiation

        $result.UpdateRequested | Should -BeFalse
        $result.PeerKeyUpdateReceived | Should -BeNullOrEmpty
        Wait-PeerOutput -Peer $client '<<< TLS 1.3, Handshake [length 0005], KeyUpdate'
        Send-PeerInput -Peer $client -Text "still talking`n"
        $session | Stop-TlsSession
        Wait-ClientExit
        Get-PeerOutput -Peer $client | Should -Not -BeLike '*>>> TLS 1.3, Handshake `[length 0005`], KeyUpdate*'
        $ended = Wait-OneEndedTlsSession $server
        $ended.KeyUpdatesReceived | Should -Be 0
        $ended.BytesReceived | Should -BeGreaterThan 0
    }

    It 'sends a HelloRequest that s_client answers with a ClientHello the server refuses' {
        $session = Connect-Peer @{ Protocol = 'Tls12' } '-msg'

        $result = $session | Invoke-TlsRenegotiation -HelloRequestOnly -TimeoutSec 10

        "$($result.Method)" | Should -Be 'HelloRequest'
        "$($result.ClientResponse)" | Should -Be 'Refused'
        Wait-ClientExit
        $output = Get-PeerOutput -Peer $client
        $output | Should -BeLike '*<<< TLS 1.2, Handshake `[length 0004`], HelloRequest*'
        $output | Should -BeLike '*<<< TLS 1.2, Alert `[length 0002`], warning no_renegotiation*'
        $output | Should -BeLike '*>>> TLS 1.2, Alert `[length 0002`], fatal handshake_failure*'
        $ended = Wait-OneEndedTlsSession $server
        $ended.RenegotiationsRefused | Should -Be 1
        "$($ended.Alert)" | Should -Be 'handshake_failure (received, fatal)'
        $server.Statistics.HelloRequestsSent | Should -Be 1
    }

    It 'reports a HelloRequest that a client without renegotiation declines' {
        $session = Connect-Peer @{ Protocol = 'Tls12' } '-msg', '-no_renegotiation'

        $result = $session | Invoke-TlsRenegotiation -HelloRequestOnly -TimeoutSec 10

        "$($result.ClientResponse)" | Should -Be 'Declined'
        "$((Get-TlsSession -Server $server -Id $session.Id).State)" | Should -Be 'Established'
        Wait-PeerOutput -Peer $client '>>> TLS 1.2, Alert [length 0002], warning no_renegotiation'
    }

    It 'refuses on <Protocol> Invoke-TlsRenegotiation <Options> with <ErrorId>, as BouncyCastle cannot do it' -ForEach @(
        @{ Protocol = 'Tls12'; Options = ''; Parameter = @{}; ErrorId = 'RenegotiationNotSupported'; Category = 'NotImplemented' }
        @{ Protocol = 'Tls12'; Options = '-HelloRequestOnly -RequestClientCertificate'; Parameter = @{ HelloRequestOnly = $true; RequestClientCertificate = $true }; ErrorId = 'RenegotiationNotSupported'; Category = 'NotImplemented' }
        @{ Protocol = 'Tls12'; Options = '-HelloRequestOnly -RequestPeerUpdate'; Parameter = @{ HelloRequestOnly = $true; RequestPeerUpdate = $true }; ErrorId = 'KeyUpdateRequiresTls13'; Category = 'InvalidOperation' }
        @{ Protocol = 'Tls13'; Options = '-RequestClientCertificate'; Parameter = @{ RequestClientCertificate = $true }; ErrorId = 'PostHandshakeAuthNotSupported'; Category = 'NotImplemented' }
        @{ Protocol = 'Tls13'; Options = '-HelloRequestOnly'; Parameter = @{ HelloRequestOnly = $true }; ErrorId = 'HelloRequestNotInTls13'; Category = 'InvalidOperation' }
    ) {
        $session = Connect-Peer @{ Protocol = $Protocol } '-msg'

        $err = { $session | Invoke-TlsRenegotiation @Parameter -ErrorAction Stop } |
            Should -Throw -ErrorId "$ErrorId,TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand" -PassThru

        "$($err.CategoryInfo.Category)" | Should -Be $Category
        "$((Get-TlsSession -Server $server -Id $session.Id).State)" | Should -Be 'Established'
        Get-PeerOutput -Peer $client | Should -Not -BeLike '*HelloRequest*'
        Get-PeerOutput -Peer $client | Should -Not -BeLike '*KeyUpdate*'
    }

    It 'makes s_client fail on <Protocol> with plaintext under the TLS layer' -ForEach @(
        @{ Protocol = 'Tls12' }, @{ Protocol = 'Tls13' }
    ) {
        $session = Connect-Peer @{ Protocol = $Protocol }

        $session | Send-TlsData -Plaintext ([System.Text.Encoding]::ASCII.GetBytes("this is not TLS`n"))

        Wait-ClientExit
        Get-PeerOutput -Peer $client | Should -BeLike '*wrong version number*'
        $ended = Wait-OneEndedTlsSession $server
        $ended.PlaintextBytesSent | Should -Be 16
        "$($ended.State)" | Should -Be 'Failed'
        "$($ended.Alert)" | Should -Be 'protocol_version (received, fatal)'
        ($ended.Actions -join "`n") | Should -BeLike '*Plaintext: 16 bytes*'
    }

    It 'sends a warning alert on <Protocol> that reaches s_client, and the connection goes on' -ForEach @(
        @{ Protocol = 'Tls12'; SClientProtocol = 'TLS 1.2' }, @{ Protocol = 'Tls13'; SClientProtocol = 'TLS 1.3' }
    ) {
        $session = Connect-Peer @{ Protocol = $Protocol } '-msg'

        $after = $session | Send-TlsAlert -Description user_canceled -PassThru

        Wait-PeerOutput -Peer $client "<<< $SClientProtocol, Alert [length 0002], warning user_canceled"
        "$($after.State)" | Should -Be 'Established'
        "$($after.Alert)" | Should -Be 'user_canceled (sent, warning)'
        Send-PeerInput -Peer $client -Text "after the alert`n"
        $session | Stop-TlsSession
        Wait-ClientExit
        "$((Wait-OneEndedTlsSession $server).State)" | Should -Be 'Closed'
    }

    It 'ends the connection with a fatal alert' {
        $session = Connect-Peer @{ Protocol = 'Tls12' }

        $after = $session | Send-TlsAlert internal_error -PassThru

        Wait-ClientExit
        Get-PeerOutput -Peer $client | Should -BeLike '*SSL alert number 80*'
        "$($after.State)" | Should -Be 'Failed'
        "$($after.Alert)" | Should -Be 'internal_error (sent, fatal)'
        $after.Error | Should -BeLike '*Send-TlsAlert*'
    }

    It 'sends an unknown alert code as given' {
        $session = Connect-Peer @{ Protocol = 'Tls13' }

        $session | Send-TlsAlert -Code 200 -Level Warning

        Wait-ClientExit
        Get-PeerOutput -Peer $client | Should -BeLike '*SSL alert number 200*'
    }

    It 'closes with close_notify on Close-TlsSession and keeps accepting' {
        $session = Connect-Peer @{ Protocol = 'Tls13' } '-msg'

        $ended = $session | Close-TlsSession -PassThru

        Wait-ClientExit
        Get-PeerOutput -Peer $client | Should -BeLike '*<<< TLS 1.3, Alert `[length 0002`], warning close_notify*'
        $client.Process.ExitCode | Should -Be 0
        "$($ended.State)" | Should -Be 'Closed'
        "$($ended.Alert)" | Should -Be 'close_notify (sent, warning)'
        (Invoke-SClient -Port $server.Port).Connected | Should -BeTrue
    }

    It 'resets without close_notify on Stop-TlsSession -Abort' {
        $session = Connect-Peer @{ Protocol = 'Tls12' } '-msg'

        $ended = $session | Stop-TlsSession -Abort -PassThru

        Wait-ClientExit
        Get-PeerOutput -Peer $client | Should -BeLike '*errno=104*'
        Get-PeerOutput -Peer $client | Should -Not -BeLike '*close_notify*'
        $ended.Alert | Should -BeNullOrEmpty
        ($ended.Actions -join "`n") | Should -BeLike '*Abort*'
    }

    It 'ends every session with close_notify on Stop-TlsServer, as Q does' {
        $null = Connect-Peer @{ Protocol = 'Tls12' } '-msg'
        $second = Start-SClientPeer -Port $server.Port -Option '-ign_eof', '-msg'
        $null = Wait-TlsSession -Server $server -State Established -Count 2 -TimeoutSec 15

        $server | Stop-TlsServer

        foreach ($peer in $client, $second) {
            Wait-PeerExit -Peer $peer -TimeoutSec 15 | Should -BeTrue -Because (Get-PeerOutput -Peer $peer)
            Get-PeerOutput -Peer $peer | Should -BeLike '*<<< TLS 1.2, Alert `[length 0002`], warning close_notify*'
        }
        foreach ($session in Get-TlsSession -Server $server) {
            "$($session.State)" | Should -Be 'Closed'
        }
    }
}

Describe 'Connected commands on sessions that cannot take them' {
    AfterEach {
        if ($tcp) { $tcp.Dispose() }
        $server | Stop-TestServer
    }

    It 'says SessionClosed to every command for an ended session' {
        $server = Start-TlsServer -Port 0
        $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port)
        $tcp.Dispose()
        $ended = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10

        foreach ($command in @(
                @{ Script = { $ended | Stop-TlsSession -ErrorAction Stop }; Cmdlet = 'StopTlsSessionCommand' }
                @{ Script = { $ended | Invoke-TlsRenegotiation -ErrorAction Stop }; Cmdlet = 'InvokeTlsRenegotiationCommand' }
                @{ Script = { $ended | Send-TlsData -Plaintext 1, 2, 3 -ErrorAction Stop }; Cmdlet = 'SendTlsDataCommand' }
                @{ Script = { $ended | Send-TlsAlert -Description close_notify -ErrorAction Stop }; Cmdlet = 'SendTlsAlertCommand' })) {
            $err = $command.Script | Should -Throw -ErrorId "SessionClosed,TlsServer.PowerShell.Commands.$($command.Cmdlet)" -PassThru
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidOperation'
        }
    }

    It 'cannot renegotiate a session still in its handshake, but can close it' {
        $server = Start-TlsServer -Port 0
        $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port)
        $pending = Wait-TlsSession -Server $server -State Handshaking -TimeoutSec 10

        { $pending | Invoke-TlsRenegotiation -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionNotEstablished,TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand'

        $pending | Stop-TlsSession -WhatIf
        "$((Get-TlsSession -Server $server).State)" | Should -Be 'Handshaking'

        $closed = $pending | Stop-TlsSession -PassThru
        "$($closed.State)" | Should -Be 'Failed'
        $closed.Error | Should -BeLike '*Stop-TlsSession*'
    }

    It 'says SessionNotFound for a session the server no longer keeps' {
        $server = Start-TlsServer -Port 0 -SessionHistoryLimit 1
        [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port).Dispose()
        $first = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port).Dispose()
        # Wait-TlsSession would return $first at once while the server has not yet accepted the second connection:
        # wait (bounded) for the second session itself to end, which pushes $first out of the history.
        $deadline = [datetime]::UtcNow.AddSeconds(10)
        while (-not (Get-TlsSession -Server $server | Where-Object { $_.Id -ne $first.Id -and "$($_.State)" -in 'Closed', 'Failed' }) -and [datetime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 50
        }

        $err = { $first | Stop-TlsSession -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionNotFound,TlsServer.PowerShell.Commands.StopTlsSessionCommand' -PassThru

        "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
    }

    It 'refuses an unknown alert name, and completes alert names, levels and the Close-TlsSession alias' {
        $err = { @() | Send-TlsAlert -Description no_such_alert -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnknownAlertDescription,TlsServer.PowerShell.Commands.SendTlsAlertCommand' -PassThru
        $err.Exception.Message | Should -BeLike '*handshake_failure*'

        @(Get-CompletionText -Line 'Send-TlsAlert -Description user_') | Should -Be @('user_canceled')
        @(Get-CompletionText -Line 'Send-TlsAlert -Level F') | Should -Be @('Fatal')
        (Get-Command Close-TlsSession).ResolvedCommandName | Should -Be 'Stop-TlsSession'
        $manifest = Import-PowerShellDataFile -Path "$PSScriptRoot/../../module/TlsServer.psd1"
        @((Get-Command -Module TlsServer -CommandType Alias).Name) | Should -Be @($manifest.AliasesToExport)
    }
}
