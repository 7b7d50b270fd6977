# Transports and shared secrets: DTLS over UDP (with and without -Listen), Unix domain sockets, IPv4-only and
# IPv6-only servers, -Accept, and pre-shared keys with openssl s_client.

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
    $psk = '1a2b3c4d5e6f708192a3b4c5d6e7f801'
}

Describe 'DTLS with openssl s_client' -Skip:$openSslMissing {
    Context '<ClientOption> with -Listen:<Listen>' -ForEach @(
        @{ ClientOption = @('-dtls1_2'); Listen = $false; Protocol = 'Dtls12' }
        @{ ClientOption = @('-dtls1_2'); Listen = $true; Protocol = 'Dtls12' }
        @{ ClientOption = @('-dtls1', '-cipher', 'DEFAULT@SECLEVEL=0'); Listen = $true; Protocol = 'Dtls10' }
    ) {
        BeforeAll {
            $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -Listen:$Listen
            $arguments = @('s_client', '-connect', "127.0.0.1:$($server.Port)", '-brief') + $ClientOption
            $client = Invoke-ExternalTool -Name openssl -ArgumentList $arguments -InputText "hello`n"
            $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 15
        }

        AfterAll {
            if ($server) { $server | Stop-TlsServer -ErrorAction SilentlyContinue }
        }

        It 'completes the handshake and records the session' {
            $session.Protocol | Should -Be $Protocol
            $session.BytesReceived | Should -BeGreaterThan 6
            $server.Transport | Should -Be 'Udp'
        }

        It 'answers with a cookie only with -Listen' {
            ($server.Statistics.HelloVerifyRequests -gt 0) | Should -Be $Listen
        }
    }
}

Describe 'Pre-shared keys with openssl s_client' -Skip:$openSslMissing {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Psk $psk -PskIdentity device7
    }

    AfterAll {
        if ($server) { $server | Stop-TlsServer -ErrorAction SilentlyContinue }
    }

    It 'negotiates a SHA-256 TLS 1.3 suite with s_client defaults' {
        $client = Invoke-SClient -Port $server.Port -Option @('-tls1_3', '-psk', $psk, '-psk_identity', 'device7')
        $client.Connected | Should -BeTrue
        $client.CipherSuite | Should -Match 'SHA256$'
        (Wait-TlsSession -Server $server -State Closed -TimeoutSec 15).PskIdentity | Should -Be 'device7'
    }

    It 'refuses malformed hex' {
        { Start-TlsServer -Port 0 -Psk 'xyz' } | Should -Throw -ErrorId 'PskNotHex,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'Unix sockets and address families' -Skip:$openSslMissing {
    It 'serves s_client -unix and removes the socket on stop' {
        $path = Join-Path ([IO.Path]::GetTempPath()) "tls-$([guid]::NewGuid().ToString('N').Substring(0, 8)).sock"
        $server = Start-TlsServer -UnixSocket $path
        try {
            $result = Invoke-ExternalTool -Name openssl -ArgumentList @('s_client', '-unix', $path, '-brief') -InputText ''
            ($result.StandardOutput + $result.StandardError) | Should -Match 'CONNECTION ESTABLISHED'
        }
        finally {
            $server | Stop-TlsServer
        }
        Test-Path $path | Should -BeFalse
    }

    It 'an IPv6-only server refuses IPv4 clients' {
        $server = Start-TlsServer -Accept '*:0' -AddressFamily IPv6
        try {
            (Invoke-SClient -Port $server.Port).Connected | Should -BeFalse
        }
        finally {
            $server | Stop-TlsServer
        }
    }
}

Describe 'DTLS sessions and the session cmdlets' -Skip:$openSslMissing {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Dtls -Listen -NoTicket
        $arguments = @('s_client', '-connect', "127.0.0.1:$($server.Port)", '-dtls1_2', '-reconnect', '-no_ticket')
        $client = Invoke-ExternalTool -Name openssl -ArgumentList $arguments -InputText ''
        $sessions = Wait-TlsSession -Server $server -State Closed -Count 6 -TimeoutSec 15
    }

    AfterAll {
        if ($server) { $server | Stop-TlsServer -ErrorAction SilentlyContinue }
    }

    It 'resumes DTLS sessions from the session cache' {
        ($sessions | Where-Object ResumedBy -EQ 'SessionId') | Should -Not -BeNullOrEmpty
        $server.Statistics.SessionCacheHits | Should -BeGreaterThan 0
    }

    It 'records the ClientHello with its fingerprints' {
        $sessions[0].ClientHello.Ja3Hash | Should -Not -BeNullOrEmpty
    }

    It 'says a command on an ended DTLS session has no association' {
        { Send-TlsAlert -Session $sessions[0] -Description user_canceled -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionClosed,TlsServer.PowerShell.Commands.SendTlsAlertCommand'
    }
}

Describe 'DTLS protocol ranges' {
    It 'makes a DTLS server from a DTLS bound' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -MinimumProtocol Dtls12
        try {
            $server.Transport | Should -Be 'Udp'
            $server.Protocols | Should -Be @('Dtls12')
        }
        finally {
            $server | Stop-TlsServer
        }
    }

    It 'refuses DTLS and TLS versions together' {
        { Start-TlsServer -Port 0 -MinimumProtocol Dtls10 -MaximumProtocol Tls12 -ErrorAction Stop } |
            Should -Throw -ErrorId 'DtlsWithTls,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'Unix domain sockets with s_client -unix' -Skip:$openSslMissing {
    BeforeAll {
        function Invoke-SClientUnix([string] $Path, [string] $InputText = '') {
            # s_client -brief over the Unix socket: whether it connected, and the suite it negotiated.
            $result = Invoke-ExternalTool -Name openssl -ArgumentList 's_client', '-unix', $Path, '-brief' -InputText $InputText -TimeoutSec 20
            $output = $result.StandardOutput + $result.StandardError
            [pscustomobject]@{
                Connected   = $output -match '(?m)^CONNECTION ESTABLISHED' -and $null -ne (Get-SClientField -Output $output -Name 'Protocol version')
                CipherSuite = Get-SClientField -Output $output -Name 'Ciphersuite'
                Output      = $output
            }
        }
    }

    BeforeEach {
        $socketPath = Join-Path ([System.IO.Path]::GetTempPath()) ('tlsserver-' + [guid]::NewGuid().ToString('N').Substring(0, 12) + '.sock')
        $server = $null
    }

    AfterEach {
        $server | Stop-TestServer
        Remove-Item -LiteralPath $socketPath -ErrorAction SilentlyContinue
    }

    It 'serves s_client over the socket and removes it when it stops' {
        $server = Start-TlsServer -UnixSocket $socketPath

        $client = Invoke-SClientUnix -Path $socketPath -InputText "over unix`n"

        $client.Connected | Should -BeTrue -Because $client.Output
        (Wait-TlsSession -Server $server -State Closed -TimeoutSec 10).CipherSuiteOpenSsl | Should -Be $client.CipherSuite
        "$($server.Transport)" | Should -Be 'Unix'
        $server.UnixSocket | Should -Be $socketPath
        $socketPath | Should -Exist
        $server | Stop-TlsServer
        $socketPath | Should -Not -Exist
    }

    It 'needs -Unlink for an existing path and never takes a live socket' {
        Set-Content -LiteralPath $socketPath -Value '' -NoNewline

        $exists = { Start-TlsServer -UnixSocket $socketPath -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnixSocketPathExists,TlsServer.PowerShell.Commands.StartTlsServerCommand' -PassThru
        $server = Start-TlsServer -UnixSocket $socketPath -Unlink
        { Start-TlsServer -UnixSocket $socketPath -Unlink -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnixSocketInUse,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        $client = Invoke-SClientUnix -Path $socketPath

        $exists.Exception.Message | Should -BeLike '*-Unlink*'
        $client.Connected | Should -BeTrue -Because $client.Output
    }
}

Describe 'Address families and -Accept with s_client' -Skip:$openSslMissing {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'takes <Accepted> and refuses <Refused> on an -AddressFamily <Family> server' -ForEach @(
        @{ Family = 'IPv4'; Accepted = '127.0.0.1'; Refused = '[::1]' }
        @{ Family = 'IPv6'; Accepted = '[::1]'; Refused = '127.0.0.1' }
    ) {
        $server = Start-TlsServer -Port 0 -AddressFamily $Family

        $good = Invoke-SClient -HostName $Accepted -Port $server.Port
        $bad = Invoke-SClient -HostName $Refused -Port $server.Port

        $good.Connected | Should -BeTrue -Because $good.Output
        $bad.Connected | Should -BeFalse -Because $bad.Output
        $bad.Output | Should -BeLike '*errno=111*' -Because 'the connection is refused'
        $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        $server.Statistics.ConnectionsAccepted | Should -Be 1
    }

    It 'binds -Accept <Accept> to <BoundAddress> and takes clients on <ConnectHost>' -ForEach @(
        @{ Accept = '127.0.0.1:0'; ConnectHost = '127.0.0.1'; BoundAddress = '127.0.0.1' }
        @{ Accept = '[::1]:0'; ConnectHost = '[::1]'; BoundAddress = '::1' }
        @{ Accept = '*:0'; ConnectHost = '127.0.0.1'; BoundAddress = '::' }
        @{ Accept = 'localhost:0'; ConnectHost = '127.0.0.1'; BoundAddress = '127.0.0.1' }
        @{ Accept = '0'; ConnectHost = '[::1]'; BoundAddress = '::' }
    ) {
        $server = Start-TlsServer -Accept $Accept

        $client = Invoke-SClient -HostName $ConnectHost -Port $server.Port

        $client.Connected | Should -BeTrue -Because $client.Output
        "$($server.Address)" | Should -Be $BoundAddress
    }
}

Describe 'Addresses that are wrong' {
    It 'refuses <Script> with <ErrorId>' -ForEach @(
        @{ Script = { Start-TlsServer -Accept 'nope' }; ErrorId = 'AcceptAddressInvalid' }
        @{ Script = { Start-TlsServer -Accept '::1:4433' }; ErrorId = 'AcceptAddressInvalid' }
        @{ Script = { Start-TlsServer -Accept '*:0' -Port 1 }; ErrorId = 'ParameterConflict' }
        @{ Script = { Start-TlsServer -Accept '*:0' -Address 127.0.0.1 }; ErrorId = 'ParameterConflict' }
        @{ Script = { Start-TlsServer -AddressFamily IPv6 -Address 127.0.0.1 }; ErrorId = 'AddressFamilyMismatch' }
        @{ Script = { Start-TlsServer -Unlink }; ErrorId = 'UnlinkNeedsUnixSocket' }
        @{ Script = { Start-TlsServer -UnixSocket /tmp/a.sock -Address 127.0.0.1 }; ErrorId = 'AmbiguousParameterSet' }
    ) {
        { & $Script -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,TlsServer.PowerShell.Commands.StartTlsServerCommand"
    }
}

Describe 'Socket reads and writes seen in the -HexDump trace' -Skip:$openSslMissing {
    BeforeAll {
        New-TestCertificate -Directory $TestDrive -Name rsa -KeyType Rsa

        function Get-SocketIoSize([hashtable] $Parameter = @{}) {
            # s_client fetches the -Www page over TLS 1.3; returns the sizes of the server's socket reads and writes
            # from its -HexDump trace.
            $trace = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.txt')
            $server = Start-TlsServer -Port 0 -CertificatePath "$TestDrive/rsa.crt" -KeyPath "$TestDrive/rsa.key" -Www -HexDump -TraceFile $trace @Parameter
            try {
                $client = Invoke-SClient -Port $server.Port -Option '-tls1_3', '-ign_eof' -InputText "GET / HTTP/1.0`r`n`r`n"
                $client.Output | Should -BeLike '*</html>*'
                @(Wait-TlsSession -Server $server -State Closed -TimeoutSec 10) | Should -HaveCount 1
            }
            finally {
                $server | Stop-TlsServer
            }

            $text = Get-Content -Raw -LiteralPath $trace
            $sizes = { param($Verb) @([regex]::Matches($text, "(?m)^$Verb socket \((\d+) bytes") | ForEach-Object { [int]$_.Groups[1].Value }) }
            [pscustomobject]@{ Reads = & $sizes 'read from'; Writes = & $sizes 'write to' }
        }
    }

    It 'never reads more than -ReadBufferSize at once' {
        $io = Get-SocketIoSize -Parameter @{ ReadBufferSize = 16 }

        $io.Reads.Count | Should -BeGreaterThan 20 -Because ($io.Reads -join ',')
        foreach ($read in $io.Reads) {
            $read | Should -BeGreaterOrEqual 1
            $read | Should -BeLessOrEqual 16
        }
    }

    It 'reads a ClientHello in one piece by default' {
        $io = Get-SocketIoSize

        @($io.Reads | Where-Object { $_ -gt 200 }) | Should -Not -BeNullOrEmpty -Because ($io.Reads -join ',')
    }

    It 'cuts reads and writes with -NonBlockingTest, and the peer still completes' {
        $plain = Get-SocketIoSize
        $cut = Get-SocketIoSize -Parameter @{ NonBlockingTest = $true }

        # A read that waits takes 1 byte; a flight of n bytes goes out whole with chance 1/n.
        $cut.Writes.Count | Should -BeGreaterThan $plain.Writes.Count -Because "$($cut.Writes.Count) writes vs $($plain.Writes.Count)"
        $cut.Reads.Count | Should -BeGreaterThan $plain.Reads.Count -Because "reads $($cut.Reads -join ',') vs $($plain.Reads -join ','); writes $($cut.Writes -join ',')"
    }

    It 'gives curl the page through short writes' {
        $server = Start-TlsServer -Port 0 -Www -NonBlockingTest -MaxSendFragment 512
        try {
            $response = Invoke-CurlRequest -Url "https://127.0.0.1:$($server.Port)/"
        }
        finally {
            $server | Stop-TlsServer
        }

        $response.Status | Should -Be 200
        $response.Text | Should -BeLike '*</html>*'
    }
}
