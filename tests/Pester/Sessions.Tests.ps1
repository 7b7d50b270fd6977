# Get-TlsSession and Wait-TlsSession: what openssl s_client negotiated with RSA and ECDSA certificates must be
# what the session objects say, failed handshakes carry their alert, and open connections are Established.

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
}

Describe 'Sessions negotiated with openssl s_client' -Skip:$openSslMissing {
    BeforeAll {
        if (-not $openSslMissing) {
            New-TestCertificate -Directory $TestDrive -Name rsa -KeyType Rsa
            New-TestCertificate -Directory $TestDrive -Name ecdsa -KeyType Ecdsa
        }
    }

    Context 's_client <ClientOption> against the <KeyType> certificate' -ForEach @(
        @{ KeyType = 'rsa'; ClientOption = '-tls1_2'; ClientProtocol = 'TLSv1.2'; Protocol = 'Tls12'; SuitePattern = '^ECDHE-RSA-' }
        @{ KeyType = 'rsa'; ClientOption = '-tls1_3'; ClientProtocol = 'TLSv1.3'; Protocol = 'Tls13'; SuitePattern = '^TLS_' }
        @{ KeyType = 'ecdsa'; ClientOption = '-tls1_2'; ClientProtocol = 'TLSv1.2'; Protocol = 'Tls12'; SuitePattern = '^ECDHE-ECDSA-' }
        @{ KeyType = 'ecdsa'; ClientOption = '-tls1_3'; ClientProtocol = 'TLSv1.3'; Protocol = 'Tls13'; SuitePattern = '^TLS_' }
    ) {
        BeforeAll {
            $server = $null
            if ($openSslMissing) {
                return
            }

            $server = Start-TlsServer -Port 0 -CertificatePath (Join-Path $TestDrive "$KeyType.crt") -KeyPath (Join-Path $TestDrive "$KeyType.key")
            $client = Invoke-SClient -Port $server.Port -Option $ClientOption -InputText "hello`n"
            $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 15
        }

        AfterAll {
            $server | Stop-TestServer
        }

        It 'lets s_client complete the handshake' {
            $client.Connected | Should -BeTrue -Because $client.Output
            $client.Protocol | Should -Be $ClientProtocol
        }

        It 'records one session' {
            $session | Should -HaveCount 1
            Get-TlsSession -Server $server | Should -HaveCount 1
        }

        It 'reports the protocol' {
            $session.Protocol | Should -Be $Protocol
        }

        It 'reports the cipher suite under the name s_client printed' {
            $client.CipherSuite | Should -Not -BeNullOrEmpty
            $session.CipherSuiteOpenSsl | Should -Be $client.CipherSuite
        }

        It 'picks a cipher suite that fits the certificate' {
            $session.CipherSuiteOpenSsl | Should -MatchExactly $SuitePattern
        }

        It 'reports the IANA name of the cipher suite, one the client offered' {
            $session.CipherSuite | Should -Match '^TLS_'
            $session.OfferedCipherSuites | Should -Contain $session.CipherSuite
        }

        It 'reports the key exchange group s_client saw' {
            $session.NamedGroup | Should -Not -BeNullOrEmpty
            ConvertTo-GroupName $session.NamedGroup | Should -Be $client.Group
        }

        It 'ends Closed after a completed handshake' {
            $session.State | Should -Be 'Closed'
            $session.HandshakeCompleted | Should -BeTrue
            $session.EndTime | Should -Not -BeNullOrEmpty
        }

        It 'counts what crossed the connection' {
            $session.BytesReceived | Should -BeGreaterThan 0
            $session.BytesSent | Should -BeGreaterThan 0
        }

        It 'belongs to its server' {
            $session.Id | Should -Be 1
            $session.Server.Id | Should -Be $server.Id
            $session.Server.Name | Should -Be $server.Name
            $session.RemoteEndPoint | Should -Match ':\d+$'
        }

        It 'counts one completed handshake and no failure' {
            $server.Statistics.ConnectionsAccepted | Should -Be 1
            $server.Statistics.HandshakesCompleted | Should -Be 1
            $server.Statistics.HandshakesFailed | Should -Be 0
        }
    }

    Context 'a TLS 1.2 client on a TLS 1.3-only server' {
        BeforeAll {
            $server = $null
            if ($openSslMissing) {
                return
            }

            $server = Start-TlsServer -Port 0 -Protocol Tls13
            $client = Invoke-SClient -Port $server.Port -Option '-tls1_2'
            $failed = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15
        }

        AfterAll {
            $server | Stop-TestServer
        }

        It 'does not connect' {
            $client.Connected | Should -BeFalse
        }

        It 'records a Failed session' {
            $failed | Should -HaveCount 1
            $failed.State | Should -Be 'Failed'
            $failed.HandshakeCompleted | Should -BeFalse
            $failed.Error | Should -Not -BeNullOrEmpty
        }

        It 'names the protocol_version alert that ended it' {
            $failed.Alert.Description | Should -Be 'protocol_version'
            $failed.Alert.Fatal | Should -BeTrue
        }

        It 'is listed by Get-TlsSession -State Failed and not as Established' {
            Get-TlsSession -Server $server -State Failed | Should -HaveCount 1
            Get-TlsSession -Server $server -State Established | Should -BeNullOrEmpty
        }

        It 'counts a failed handshake' {
            $server.Statistics.HandshakesFailed | Should -Be 1
            $server.Statistics.HandshakesCompleted | Should -Be 0
        }

        It 'keeps the server running' {
            $server.State | Should -Be 'Running'
        }
    }
}

Describe 'A connection the client holds open' {
    BeforeAll {
        $server = Start-TlsServer -Port 0
        $tls = Connect-TlsClient -Port $server.Port
        $established = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
    }

    AfterAll {
        if ($tls) {
            $tls.Dispose()
        }
        $server | Stop-TestServer
    }

    It 'is Established once the handshake completes' {
        $established | Should -HaveCount 1
        $established.State | Should -Be 'Established'
        $established.HandshakeCompleted | Should -BeTrue
        $established.EndTime | Should -BeNullOrEmpty
    }

    It 'reports what the .NET client negotiated' {
        $established.Protocol | Should -Be "$($tls.SslProtocol)"
        $established.NamedGroup | Should -Not -BeNullOrEmpty
    }

    It 'is found by Get-TlsSession with -Server, -Id and -State' {
        (Get-TlsSession -Server $server -Id 1).Id | Should -Be 1
        Get-TlsSession -Server $server -State Established | Should -HaveCount 1
        Get-TlsSession -Server $server -State Closed, Failed | Should -BeNullOrEmpty
        Get-TlsSession -Server $server -Id 2 | Should -BeNullOrEmpty
    }

    It 'is found through a server piped to Get-TlsSession' {
        ($server | Get-TlsSession).Id | Should -Be 1
    }

    It 'is among the sessions of all servers' {
        Get-TlsSession | Where-Object { $_.Server.Id -eq $server.Id } | Should -HaveCount 1
    }

    It 'counts one active connection' {
        $server.Statistics.ActiveConnections | Should -Be 1
    }

    It 'writes WaitTimedOut when the sessions waited for do not come' {
        { Wait-TlsSession -Server $server -State Failed -TimeoutSec 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'WaitTimedOut,TlsServer.PowerShell.Commands.WaitTlsSessionCommand'
    }

    It 'returns the sessions it has when the wait times out' {
        $found = Wait-TlsSession -Server $server -Count 2 -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable waitErrors

        $found | Should -HaveCount 1
        $waitErrors | Should -HaveCount 1
        $waitErrors[0].FullyQualifiedErrorId | Should -Be 'WaitTimedOut,TlsServer.PowerShell.Commands.WaitTlsSessionCommand'
    }

    It 'turns Closed when the client closes with close_notify' {
        $null = $tls.ShutdownAsync().GetAwaiter().GetResult()
        $tls.Dispose()

        $ended = Wait-TlsSession -Server $server -State Closed -TimeoutSec 15

        $ended | Should -HaveCount 1
        $ended.State | Should -Be 'Closed'
        $ended.HandshakeCompleted | Should -BeTrue
        $ended.EndTime | Should -Not -BeNullOrEmpty
    }

    It 'still matches Wait-TlsSession -State Established after it has closed' {
        Wait-TlsSession -Server $server -State Established -TimeoutSec 15 | Should -HaveCount 1
    }
}

Describe 'Sessions of several connections' {
    BeforeAll {
        $started = [System.Collections.Generic.List[object]]::new()
        $clients = [System.Collections.Generic.List[object]]::new()
    }

    AfterAll {
        $clients | ForEach-Object { $_.Dispose() }
        $started | Stop-TestServer
    }

    It 'ends every open session with close_notify when the server stops' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1
        $started.Add($server)
        $first = Connect-TlsClient -Port $server.Port
        $clients.Add($first)
        $second = Connect-TlsClient -Port $server.Port
        $clients.Add($second)
        $null = Wait-TlsSession -Server $server -State Established -Count 2 -TimeoutSec 10

        $server | Stop-TlsServer

        # SslStream reads 0 bytes only after a close_notify; a bare TCP close would throw instead.
        $first.Read([byte[]]::new(16), 0, 16) | Should -Be 0
        $second.Read([byte[]]::new(16), 0, 16) | Should -Be 0
        $sessions = @(Get-TlsSession -Server $server)
        $sessions | Should -HaveCount 2
        $sessions | ForEach-Object { "$($_.State)" } | Should -BeExactly @('Closed', 'Closed')
        $sessions.Error | Should -BeExactly @('the server stopped', 'the server stopped')
    }

    It 'filters by session id and by state' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1
        $started.Add($server)
        $closing = Connect-TlsClient -Port $server.Port
        try {
            $null = Wait-TlsSession -Server $server -State Established -TimeoutSec 10
            @($server | Get-TlsSession -State Established) | Should -HaveCount 1
        }
        finally {
            $closing.Dispose()
        }

        $open = Connect-TlsClient -Port $server.Port
        $clients.Add($open)
        $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        $null = Wait-TlsSession -Server $server -State Established -Count 2 -TimeoutSec 10

        @((Get-TlsSession -Server $server -State Closed).Id) | Should -Be @(1)
        @((Get-TlsSession -Server $server -State Established).Id) | Should -Be @(2)
        "$((Get-TlsSession -Server $server -Id 2).State)" | Should -BeExactly 'Established'
    }

    It 'keeps only the newest ended sessions within -SessionHistoryLimit' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -SessionHistoryLimit 2
        $started.Add($server)
        for ($i = 0; $i -lt 3; $i++) {
            $client = Connect-TlsClient -Port $server.Port
            try {
                $client.ShutdownAsync().GetAwaiter().GetResult()
            }
            finally {
                $client.Dispose()
            }
        }

        $null = Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 10
        $null = Wait-TlsSession -Server $server -State Closed -Count 3 -TimeoutSec 2 -ErrorAction SilentlyContinue

        @((Get-TlsSession -Server $server).Id) | Should -Be @(2, 3)
        $server.Statistics.ConnectionsAccepted | Should -Be 3
    }

    It 'times out Wait-TlsSession with WaitTimedOut, an OperationTimeout' {
        $server = Start-TlsServer -Port 0
        $started.Add($server)

        $failure = { Wait-TlsSession -Server $server -Count 1 -TimeoutSec 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'WaitTimedOut,TlsServer.PowerShell.Commands.WaitTlsSessionCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
    }
}

Describe 'Remove-Module TlsServer' {
    It 'stops the servers its runspace started and no others' {
        $manifest = (Resolve-Path "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1").Path
        $ours = Start-TlsServer -Port 0
        $other = [powershell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
        try {
            $theirs = $other.AddScript("Import-Module '$manifest' -ErrorAction Stop; Start-TlsServer -Port 0").Invoke()[0]
            "$($theirs.State)" | Should -BeExactly 'Running'

            $other.Commands.Clear()
            $null = $other.AddScript('Remove-Module TlsServer').Invoke()

            "$($theirs.State)" | Should -BeExactly 'Stopped'
            "$($ours.State)" | Should -BeExactly 'Running'
        }
        finally {
            $other.Runspace.Dispose()
            $other.Dispose()
            $ours | Stop-TestServer
        }
    }
}
