# Interactive mode (s_server without -www/-rev) with openssl s_client as the peer: Receive-TlsData sees what the
# client sent, also after it left; Send-TlsData reaches it, with -Crlf line ends; a full receive buffer pauses reading
# and loses nothing; timeouts, ended sessions and other modes are clear errors.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the interactive tests are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    # ReceiveBuffer.DefaultCapacity in the engine: what one session may hold unread.
    $capacity = 1MB
}

Describe 'Interactive data with s_client' -Skip:$openSslMissing {
    BeforeEach {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1
        $client = $null
    }

    AfterEach {
        $client | Stop-PeerProcess
        $server | Stop-TestServer
    }

    It 'lets Receive-TlsData see each line s_client sends' {
        $client = Start-SClientPeer -Port $server.Port -Option '-quiet'

        Send-PeerInput -Peer $client -Text "hello from s_client`n"
        $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20
        $text = @($session | Receive-TlsData -Wait -TimeoutSec 20)
        Send-PeerInput -Peer $client -Text "second line`n"
        $second = @(Receive-TlsData -Session $session -Wait -TimeoutSec 20)

        $text | Should -HaveCount 1
        $text[0] | Should -BeExactly "hello from s_client`n"
        $second | Should -HaveCount 1
        $second[0] | Should -BeExactly "second line`n"
        @($session | Receive-TlsData) | Should -HaveCount 0
    }

    It 'keeps what a client sent readable after it left' {
        $result = Invoke-SClient -Port $server.Port -InputText "sent and gone`n"

        $result.ExitCode | Should -Be 0 -Because $result.Output
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20
        $session.UnreadBytes | Should -Be 14
        $bytes = $session | Receive-TlsData -AsByteStream
        [System.Text.Encoding]::ASCII.GetString($bytes) | Should -BeExactly "sent and gone`n"
        $bytes.Length | Should -Be 14
        @($session | Receive-TlsData -Wait -TimeoutSec 5 -ErrorVariable errors) | Should -HaveCount 0
        $errors | Should -HaveCount 0
    }

    It 'sends text and bytes to s_client with Send-TlsData' {
        $client = Start-SClientPeer -Port $server.Port -Option '-quiet', '-ign_eof'

        $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20
        $session | Send-TlsData 'text from the server'
        Send-TlsData -Session $session -Bytes ([byte[]](0, 1, 2, 255))

        $expected = [byte[]]([System.Text.Encoding]::ASCII.GetBytes('text from the server') + [byte[]](0, 1, 2, 255))
        Wait-PeerOutput -Peer $client -ByteCount $expected.Length -TimeoutSec 20
        [Convert]::ToHexString((Get-PeerOutput -Peer $client -AsByteStream)) | Should -Be ([Convert]::ToHexString($expected))
    }

    It 'turns line feeds into <Expected> on the wire with -Crlf:<Crlf>' -ForEach @(
        @{ Crlf = $true; Expected = 'one\r\ntwo\r\nalready\r\n' }
        @{ Crlf = $false; Expected = 'one\ntwo\nalready\r\n' }
    ) {
        $server | Stop-TestServer
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Crlf:$Crlf
        $client = Start-SClientPeer -Port $server.Port -Option '-quiet', '-ign_eof'
        $wire = [regex]::Unescape($Expected)

        $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20
        $sent = $session | Send-TlsData "one`ntwo`nalready`r`n" -PassThru

        Wait-PeerOutput -Peer $client -ByteCount $wire.Length -TimeoutSec 20
        [System.Text.Encoding]::ASCII.GetString((Get-PeerOutput -Peer $client -AsByteStream)) | Should -BeExactly $wire
        $sent.GetType().FullName | Should -Be 'TlsServer.Engine.Session'
    }

    It 'pauses reading while its buffer is full and loses nothing' {
        $data = [byte[]]::new(24 * $capacity)
        [System.Random]::Shared.NextBytes($data)
        $file = "$TestDrive/interactive-data.bin"
        [System.IO.File]::WriteAllBytes($file, $data)
        $client = Start-SClientPeer -Port $server.Port -Option '-quiet', '-ign_eof'
        $source = [System.IO.File]::OpenRead($file)
        try {
            $feeding = $source.CopyToAsync($client.Process.StandardInput.BaseStream)
            $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20
            $unread = { (Get-TlsSession -Server $server -Id $session.Id).UnreadBytes }

            # The buffer fills; from then on the connection may read at most one more chunk from the socket.
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            while ((& $unread) -lt $capacity - 32KB -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $paused = Get-TlsSession -Server $server -Id $session.Id
            $paused.UnreadBytes | Should -BeGreaterOrEqual ($capacity - 32KB) -Because 'the receive buffer must fill'
            $paused.UnreadBytes | Should -BeLessOrEqual ($capacity + 32KB)
            $paused.BytesReceived | Should -BeLessOrEqual ($capacity + 64KB)

            $hash = [System.Security.Cryptography.IncrementalHash]::CreateHash([System.Security.Cryptography.HashAlgorithmName]::SHA256)
            $total = 0
            $deadline = [datetime]::UtcNow.AddMinutes(2)
            while ($total -lt $data.Length -and [datetime]::UtcNow -lt $deadline) {
                & $unread | Should -BeLessOrEqual ($capacity + 32KB)
                $session | Receive-TlsData -AsByteStream -Wait -TimeoutSec 20 | ForEach-Object {
                    $hash.AppendData($_)
                    $total += $_.Length
                }
            }

            $total | Should -Be $data.Length
            [Convert]::ToHexString($hash.GetHashAndReset()) | Should -Be ([Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($data)))
            $feeding.Wait(30000) | Should -BeTrue
        }
        finally {
            $source.Dispose()
        }
    }

    It 'times out Receive-TlsData with ReceiveTimedOut' {
        $client = Start-SClientPeer -Port $server.Port -Option '-quiet', '-ign_eof'
        $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20

        $err = { $session | Receive-TlsData -TimeoutSec 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReceiveTimedOut,TlsServer.PowerShell.Commands.ReceiveTlsDataCommand' -PassThru

        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'refuses to send to an ended session with SessionClosed' {
        $null = Invoke-SClient -Port $server.Port -InputText "bye`n"
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20

        $err = { $session | Send-TlsData 'too late' -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionClosed,TlsServer.PowerShell.Commands.SendTlsDataCommand' -PassThru

        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'refuses to receive from a session of another mode with SessionNotInteractive' {
        $server | Stop-TestServer
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Www
        $null = Invoke-CurlRequest -Url "https://127.0.0.1:$($server.Port)/"

        $err = { Wait-TlsSession -Server $server -State Closed -TimeoutSec 20 | Receive-TlsData -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionNotInteractive,TlsServer.PowerShell.Commands.ReceiveTlsDataCommand' -PassThru

        $err.Exception.Message | Should -BeLike '*Www*'
    }
}
