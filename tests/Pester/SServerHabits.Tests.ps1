# What an openssl s_server user types does what they mean, or stops with an error that names what to use:
# -verify depth, -CAfile alone, -WWW, -HTTP, -debug, -nbio, and the P command's plain text.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    New-TestCertificate -Directory $TestDrive -Name server
    New-TestCertificate -Directory $TestDrive -Name client
    $spellingError = 'SServerOptionSpelling,TlsServer.PowerShell.Commands.StartTlsServerCommand'
}

Describe 's_server habits' {
    BeforeEach {
        $serversBefore = @(Get-TlsServer).Count
    }

    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    Context '-VerifyDepth without -ClientCertificate (s_server -verify depth)' {
        It 'asks the client for a certificate' {
            $server = Start-TlsServer -Address 127.0.0.1 -Port 0 -VerifyDepth 1
            $server.ClientCertificate | Should -Be 'Request'
            $output = Invoke-SClientText -Port $server.Port
            $output | Should -Match '(?m)^Requested Signature Algorithms:'
        }

        It 'receives the certificate a client sends' {
            $server = Start-TlsServer -Address 127.0.0.1 -Port 0 -VerifyDepth 1
            $null = Invoke-SClient -Port $server.Port -Option '-cert', "$TestDrive/client.crt", '-key', "$TestDrive/client.key"
            $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20
            $session.ClientCertificate.Subject | Should -Be 'CN=localhost'
            $session.ClientVerifyResult | Should -Not -BeNullOrEmpty
        }

        It 'leaves an explicit -ClientCertificate None as it is' {
            $server = Start-TlsServer -Address 127.0.0.1 -Port 0 -VerifyDepth 1 -ClientCertificate None
            Invoke-SClientText -Port $server.Port | Should -Not -Match '(?m)^Requested Signature Algorithms:'
        }
    }

    Context '-CAFile or -CAPath without -ClientCertificate (s_server -CAfile alone)' {
        It 'warns that no certificate is asked for, naming -ClientCertificate Request' {
            $server = Start-TlsServer -Address 127.0.0.1 -Port 0 -CAFile "$TestDrive/client.crt" -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | Should -HaveCount 1
            "$($warnings[0])" | Should -BeLike '*-CAFile*-ClientCertificate Request*'
            Invoke-SClientText -Port $server.Port | Should -Not -Match '(?m)^Requested Signature Algorithms:'
        }

        It 'does not warn once a certificate is asked for' {
            $null = Start-TlsServer -Address 127.0.0.1 -Port 0 -CAFile "$TestDrive/client.crt" -ClientCertificate Request -WarningVariable warnings
            $warnings | Should -HaveCount 0
        }
    }

    Context 's_server spellings that PowerShell would bind to something else' {
        It '-WWW (files from a folder) stops and names -WwwRoot' {
            { Start-TlsServer -Port 0 -WWW } | Should -Throw -ErrorId $spellingError -ExpectedMessage '*-WwwRoot <folder>*'
            @(Get-TlsServer) | Should -HaveCount $serversBefore
        }

        It '-WWW on a continuation line is found too' {
            { Start-TlsServer -Port 0 `
                    -WWW } | Should -Throw -ErrorId $spellingError
        }

        It '-www is still the status page, served to curl' {
            $server = Start-TlsServer -Address 127.0.0.1 -Port 0 -www
            $server.Mode | Should -Be 'Www'
            $page = Invoke-ExternalTool -Name curl -ArgumentList '-sk', "https://127.0.0.1:$($server.Port)/"
            $page.StandardOutput | Should -Match '<title>TlsServer status</title>'
        }

        It '-HTTP stops and names -HttpRoot' {
            { Start-TlsServer -Port 0 -HTTP } | Should -Throw -ErrorId $spellingError -ExpectedMessage '*-HttpRoot <folder>*'
        }

        It '-Debug (s_server -debug, a hex dump) stops and names -HexDump' {
            { Start-TlsServer -Port 0 -Debug } | Should -Throw -ErrorId $spellingError -ExpectedMessage '*-HexDump*'
            @(Get-TlsServer) | Should -HaveCount $serversBefore
        }

        It '-nbio (non-blocking I/O) stops instead of turning on -NonBlockingTest' {
            { Start-TlsServer -Port 0 -nbio } | Should -Throw -ErrorId $spellingError -ExpectedMessage '*-NonBlockingTest*'
            @(Get-TlsServer) | Should -HaveCount $serversBefore
        }
    }
}

Describe 'Send-TlsData -Plaintext (s_server P)' {
    AfterEach {
        $client | Stop-PeerProcess
        Get-TlsServer | Stop-TestServer
    }

    It 'sends <Name> under the TLS layer' -ForEach @(
        @{ Name = "the string '65' as its two characters"; Value = '65'; Hex = '3635' }
        @{ Name = "the string 'GARBAGE' as its seven characters"; Value = 'GARBAGE'; Hex = '47415242414745' }
        @{ Name = 'the number 65 as one byte'; Value = 65; Hex = '41' }
        @{ Name = 'numbers 0-255 as bytes'; Value = @(0x16, 0x03, 0xff); Hex = '1603FF' }
        @{ Name = 'a byte array as it is'; Value = [byte[]](1, 2, 3); Hex = '010203' }
    ) {
        $server = Start-TlsServer -Address 127.0.0.1 -Port 0 -Protocol Tls12
        $client = Start-RawTlsClient -Port $server.Port -ByteCount ($Hex.Length / 2)
        # Only once the client has read the whole handshake, so that the bytes arrive on their own.
        Wait-PeerOutput -Peer $client "ESTABLISHED`n" -TimeoutSec 20
        $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20
        $session | Send-TlsData -Plaintext $Value
        Wait-PeerExit -Peer $client -TimeoutSec 20 | Should -BeTrue
        Get-PeerOutput -Peer $client -Stream Output | Should -BeExactly "ESTABLISHED`n$Hex`n"
        (Get-TlsSession -Server $server -Id $session.Id).PlaintextBytesSent | Should -Be ($Hex.Length / 2)
    }

    It 'refuses what is neither bytes nor one string, with PlaintextNotBytes' {
        $server = Start-TlsServer -Address 127.0.0.1 -Port 0
        $client = Start-SClientPeer -Port $server.Port -Option '-ign_eof'
        $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20
        { $session | Send-TlsData -Plaintext 256 } | Should -Throw -ErrorId 'PlaintextNotBytes,TlsServer.PowerShell.Commands.SendTlsDataCommand'
        { $session | Send-TlsData -Plaintext 'a', 'b' } | Should -Throw -ErrorId 'PlaintextNotBytes,TlsServer.PowerShell.Commands.SendTlsDataCommand'
        (Get-TlsSession -Server $server -Id $session.Id).PlaintextBytesSent | Should -Be 0
    }
}
