# What the server records of each session for diagnosis, against openssl s_client: every protocol message as an
# object (-Msg), the ClientHello with JA3 and JA4 (also of a browser's hello, against published values), the client's
# extensions (-TlsExtDebug), and s_server-style trace text (-State, -HexDump, -TraceFile).

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    New-TestCertificate -Directory $TestDrive -Name rsa -KeyType Rsa

    function Start-DiagnosticServer {
        # A server with the openssl-made RSA certificate and the given diagnostic switches.
        param([hashtable] $Parameters = @{})

        Start-TlsServer -Port 0 -CertificatePath "$TestDrive/rsa.crt" -KeyPath "$TestDrive/rsa.key" @Parameters
    }

    function Get-MessageSequence {
        # "<Direction> <ContentType> <HandshakeType>" of each message of the server's one session, once it has closed.
        param($Server)

        $messages = Wait-TlsSession -Server $Server -State Closed -TimeoutSec 10 | Get-TlsMessage -ErrorVariable messageErrors
        $messageErrors | Should -BeNullOrEmpty
        $messages | ForEach-Object { "$($_.Direction) $($_.ContentType) $($_.HandshakeType)" }
    }

    function ConvertTo-HexText([byte[]] $Bytes) {
        [Convert]::ToHexString($Bytes).ToLowerInvariant()
    }

    # TLS encodings for a hand-made ClientHello: a 16-bit number, and 8- and 16-bit length-prefixed vectors.
    function ConvertTo-Uint16([int] $Value) { [byte[]] @((($Value -shr 8) -band 0xff), ($Value -band 0xff)) }
    function ConvertTo-Vector8([byte[]] $Data) { [byte[]] (@([byte] $Data.Length) + $Data) }
    function ConvertTo-Vector16([byte[]] $Data) { [byte[]] ((ConvertTo-Uint16 $Data.Length) + $Data) }
    function ConvertTo-Uint16List([int[]] $Values) { [byte[]] @($Values | ForEach-Object { ConvertTo-Uint16 $_ }) }
    function ConvertTo-Ascii([string] $Text) { [System.Text.Encoding]::ASCII.GetBytes($Text) }

    function New-ChromeLikeClientHello {
        # The record of a ClientHello with a Chrome 143 layout, GREASE values included.
        $none = [byte[]]::new(0)
        $suites = 0x0a0a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035
        $extensions = @(
            , @(0x1a1a, $none)
            , @(45, [byte[]] @(1, 1))
            , @(51, (ConvertTo-Vector16 ([byte[]] ((ConvertTo-Uint16 0x001d) + (ConvertTo-Vector16 ([byte[]]::new(32)))))))
            , @(16, (ConvertTo-Vector16 ([byte[]] ((ConvertTo-Vector8 (ConvertTo-Ascii 'h2')) + (ConvertTo-Vector8 (ConvertTo-Ascii 'http/1.1'))))))
            , @(0xfe0d, [byte[]] @(0, 0, 1, 0, 1))
            , @(23, $none)
            , @(0x44cd, (ConvertTo-Vector16 (ConvertTo-Vector8 (ConvertTo-Ascii 'h2'))))
            , @(0, (ConvertTo-Vector16 ([byte[]] (@([byte] 0) + (ConvertTo-Vector16 (ConvertTo-Ascii 'example.com'))))))
            , @(11, (ConvertTo-Vector8 ([byte[]] @(0))))
            , @(10, (ConvertTo-Vector16 (ConvertTo-Uint16List 0x2a2a, 4588, 29, 23, 24)))
            , @(43, (ConvertTo-Vector8 (ConvertTo-Uint16List 0x3a3a, 0x0304, 0x0303)))
            , @(65281, [byte[]] @(0))
            , @(35, $none)
            , @(18, $none)
            , @(5, [byte[]] @(1, 0, 0, 0, 0))
            , @(13, (ConvertTo-Vector16 (ConvertTo-Uint16List 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601)))
            , @(27, [byte[]] @(2, 0, 2))
            , @(0x4a4a, [byte[]] @(0))
        )
        $extensionBytes = [byte[]] @($extensions | ForEach-Object { (ConvertTo-Uint16 $_[0]) + (ConvertTo-Vector16 $_[1]) })
        $body = [byte[]] (
            (ConvertTo-Uint16 0x0303) +
            [byte[]] @(, 7 * 32) +
            (ConvertTo-Vector8 ([byte[]] @(, 9 * 32))) +
            (ConvertTo-Vector16 (ConvertTo-Uint16List $suites)) +
            (ConvertTo-Vector8 ([byte[]] @(0))) +
            (ConvertTo-Vector16 $extensionBytes))
        $handshake = [byte[]] (@([byte] 1, [byte] 0, [byte] ($body.Length -shr 8), [byte] ($body.Length -band 0xff)) + $body)
        [byte[]] (@([byte] 0x16, [byte] 3, [byte] 1) + (ConvertTo-Uint16 $handshake.Length) + $handshake)
    }
}

Describe 'Protocol messages (-Msg)' {
    BeforeEach {
        $server = $null
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'records a TLS 1.3 handshake as exactly these messages' {
        $server = Start-DiagnosticServer @{ Msg = $true }

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_3'

        Get-MessageSequence $server | Should -BeExactly @(
            'Received handshake client_hello'
            'Sent handshake server_hello'
            'Sent change_cipher_spec '
            'Sent handshake encrypted_extensions'
            'Sent handshake certificate'
            'Sent handshake certificate_verify'
            'Sent handshake finished'
            'Received handshake finished'
            'Received alert '
            'Sent alert '
        )
    }

    It 'records a TLS 1.2 handshake as exactly these messages' {
        $server = Start-DiagnosticServer @{ Msg = $true }

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_2', '-cipher', 'ECDHE-RSA-AES128-GCM-SHA256'

        Get-MessageSequence $server | Should -BeExactly @(
            'Received handshake client_hello'
            'Sent handshake server_hello'
            'Sent handshake certificate'
            'Sent handshake server_key_exchange'
            'Sent handshake server_hello_done'
            'Received handshake client_key_exchange'
            'Received change_cipher_spec '
            'Received handshake finished'
            'Sent handshake new_session_ticket'
            'Sent change_cipher_spec '
            'Sent handshake finished'
            'Received alert '
            'Sent alert '
        )
    }

    It 'gives each message its bytes, length, version, decoded summary, time and index' {
        $server = Start-DiagnosticServer @{ Msg = $true }

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_3', '-groups', 'X25519', '-ciphersuites', 'TLS_AES_128_GCM_SHA256', '-servername', 'example.test'

        $messages = @(Wait-TlsSession -Server $server -State Closed -TimeoutSec 10 | Get-TlsMessage)
        $hello = $messages[0]
        $data = [byte[]] $hello.Data
        $data[0] | Should -Be 1
        $hello.Length | Should -Be ($data.Length - 4)
        $hello.Length | Should -Be (($data[1] -shl 16) -bor ($data[2] -shl 8) -bor $data[3])
        $hello.Summary | Should -BeLike '*key shares x25519*'
        $hello.Summary | Should -BeLikeExactly '*server_name*'
        $messages[1].Summary | Should -BeLikeExactly '*TLS_AES_128_GCM_SHA256*'
        $messages[1].Version | Should -BeExactly 'TLSv1.3'
        $alerts = @($messages | Where-Object { $_.ContentType -eq 'alert' -and "$($_.Direction)" -eq 'Sent' })
        $alerts | Should -HaveCount 1
        $alerts[0].Summary | Should -BeExactly 'warning close_notify'
        $times = @($messages.Time)
        $times | Should -Be @($times | Sort-Object)
        @($messages.Index) | Should -Be @(0..($messages.Count - 1))
    }

    It 'keeps no messages without -Msg, but the ClientHello' {
        $server = Start-DiagnosticServer

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_3'

        $session = @(Wait-TlsSession -Server $server -State Closed -TimeoutSec 10)
        $session | Should -HaveCount 1
        Get-TlsMessage -Session (Get-TlsSession -Server $server) | Should -BeNullOrEmpty
        $session[0].ClientHello | Should -Not -BeNullOrEmpty
        $session[0].ClientExtensions | Should -BeNullOrEmpty
    }

    It 'keeps at most -MessageLimit messages and counts them all' {
        $server = Start-DiagnosticServer @{ Msg = $true; MessageLimit = 3 }

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_3'

        $session = @(Wait-TlsSession -Server $server -State Closed -TimeoutSec 10)
        $session | Should -HaveCount 1
        @(Get-TlsSession -Server $server | Get-TlsMessage) | Should -HaveCount 3
        $session[0].MessageCount | Should -Be 10
    }

    It 'records a malformed ClientHello, and the server goes on' {
        $server = Start-DiagnosticServer @{ Msg = $true; TlsExtDebug = $true; HexDump = $true }
        $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port)
        try {
            $stream = $tcp.GetStream()
            $stream.Write([byte[]] @(0x16, 0x03, 0x01, 0x00, 0x0a, 0x01, 0x00, 0x00, 0x06, 0x03, 0x03, 0xde, 0xad, 0xbe, 0xef), 0, 15)
            $stream.ReadTimeout = 10000
            # No version is settled yet: the decode_error goes out as the plaintext record OpenSSL sends.
            $reply = [byte[]]::new(8)
            $read = 0
            while ($read -lt $reply.Length -and ($n = $stream.Read($reply, $read, $reply.Length - $read)) -gt 0) {
                $read += $n
            }
            [System.Convert]::ToHexString($reply, 0, $read) | Should -BeExactly '15030300020232'
        }
        finally {
            $tcp.Dispose()
        }

        $session = @(Wait-TlsSession -Server $server -State Failed -TimeoutSec 10)
        $session | Should -HaveCount 1
        $session[0].ClientHello | Should -BeNullOrEmpty
        $messages = @(Get-TlsSession -Server $server | Get-TlsMessage)
        $messages | Should -HaveCount 2
        $messages[0].Summary | Should -BeExactly '(malformed)'
        $messages[1].Summary | Should -BeLike '*decode_error*'
        (Invoke-SClient -Port $server.Port -Option '-tls1_3').Connected | Should -BeTrue
    }
}

Describe 'ClientHello fingerprints' {
    BeforeEach {
        $server = $null
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'gives the same JA3 and JA4 to the same s_client options every time' {
        $server = Start-DiagnosticServer
        $options = '-tls1_2', '-cipher', 'ECDHE-RSA-AES128-GCM-SHA256', '-servername', 'localhost'

        $null = Invoke-SClient -Port $server.Port -Option $options
        $null = Invoke-SClient -Port $server.Port -Option $options
        $null = Invoke-SClient -Port $server.Port -Option '-tls1_3'

        $null = Wait-TlsSession -Server $server -State Closed -Count 3 -TimeoutSec 10
        $hellos = @((Get-TlsSession -Server $server).ClientHello)
        $hellos | Should -HaveCount 3
        $ja3 = $hellos[0].Ja3
        $hellos[1].Ja3 | Should -BeExactly $ja3
        $hellos[1].Ja4 | Should -BeExactly $hellos[0].Ja4
        $hellos[2].Ja3 | Should -Not -Be $ja3
        $fields = $ja3.Split(',')
        $fields[0] | Should -BeExactly '771'
        $fields[1] | Should -BeExactly '49199-255'
        $fields[2] | Should -BeLikeExactly '0-*'
        $hellos[0].Ja3Hash | Should -BeExactly (ConvertTo-HexText ([System.Security.Cryptography.MD5]::HashData((ConvertTo-Ascii $ja3))))
        $hellos[0].Ja4 | Should -MatchExactly '^t12d02[0-9]{2}00_[0-9a-f]{12}_[0-9a-f]{12}$'
        $hellos[0].Ja4.Split('_')[1] | Should -BeExactly (ConvertTo-HexText ([System.Security.Cryptography.SHA256]::HashData((ConvertTo-Ascii '00ff,c02f')))).Substring(0, 12)
        $hellos[0].ServerName | Should -BeExactly 'localhost'
    }

    It 'gives a browser layout the JA3 and JA4 a fingerprinting service published for it' {
        # JA4 t13d1516h2_8daaf6152771_d8a2da3f94cd and JA3 98487aa16281980e7d1120d399efb6a4: a Chrome 143 hello, as
        # reported by browserleaks.
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1
        $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port)
        try {
            $stream = $tcp.GetStream()
            $record = New-ChromeLikeClientHello
            $stream.Write($record, 0, $record.Length)
            $stream.ReadTimeout = 10000
            try {
                $stream.ReadExactly([byte[]]::new(5), 0, 5)
            }
            catch {
                # The server may refuse; the ClientHello is recorded either way.
            }
        }
        finally {
            $tcp.Dispose()
        }

        # Closed matches a session that ended either way, Failed included.
        $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        $hello = @((Get-TlsSession -Server $server).ClientHello)
        $hello | Should -HaveCount 1
        $hello[0].Ja3 | Should -BeExactly ('771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,' +
            '45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0')
        $hello[0].Ja3Hash | Should -BeExactly '98487aa16281980e7d1120d399efb6a4'
        $hello[0].Ja4 | Should -BeExactly 't13d1516h2_8daaf6152771_d8a2da3f94cd'
        $hello[0].ServerName | Should -BeExactly 'example.com'
    }
}

Describe 'Client extensions and trace text' {
    BeforeEach {
        $server = $null
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'keeps the client''s extensions in order with -TlsExtDebug' {
        $server = Start-DiagnosticServer @{ TlsExtDebug = $true }

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_3', '-servername', 'ext.example', '-alpn', 'h2'

        $session = @(Wait-TlsSession -Server $server -State Closed -TimeoutSec 10)
        $session | Should -HaveCount 1
        $extensions = @($session[0].ClientExtensions)
        $extensions[0].Name | Should -BeExactly 'server_name'
        $extensions[0].Decoded | Should -BeExactly 'ext.example'
        $alpn = @($extensions | Where-Object { $_.Type -eq 16 })
        $alpn | Should -HaveCount 1
        $alpn[0].Decoded | Should -BeExactly 'h2'
        (Get-TlsSession -Server $server).ClientHello.ToExtensionText() | Should -BeLikeExactly '*TLS client extension "server name" (id=0), len=*'
    }

    It 'writes -Msg, -State, -HexDump and -TlsExtDebug text in OpenSSL''s style to -TraceFile' {
        $trace = Join-Path $TestDrive "trace-$([guid]::NewGuid().ToString('N')).txt"
        $server = Start-DiagnosticServer @{ Msg = $true; State = $true; HexDump = $true; TlsExtDebug = $true; Brief = $true; TraceFile = $trace }

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_2' -InputText "ping`n"

        $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        $server | Stop-TlsServer
        $text = Get-Content -LiteralPath $trace -Raw
        foreach ($expected in @(
                '<<< ???, Handshake [length '
                '], ClientHello'
                '>>> TLS 1.2, Handshake [length '
                '], ServerHelloDone'
                'SSL_accept:before SSL initialization'
                'SSL_accept:SSLv3/TLS write server hello done'
                'read from socket ('
                '0000 - 16 03 '
                'TLS client extension "supported groups" (id=10)'
                'CONNECTION ESTABLISHED'
                'Protocol version: TLSv1.2'
            )) {
            $text.Contains($expected) | Should -BeTrue -Because "the trace must contain '$expected'"
        }
    }

    It 'writes no trace text with -Quiet, but keeps the messages' {
        $trace = Join-Path $TestDrive "quiet-$([guid]::NewGuid().ToString('N')).txt"
        $server = Start-DiagnosticServer @{ Msg = $true; State = $true; Quiet = $true; TraceFile = $trace }

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_3'

        $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        $server | Stop-TlsServer
        ((Test-Path -LiteralPath $trace) -and (Get-Item -LiteralPath $trace).Length -gt 0) | Should -BeFalse
        Get-TlsSession -Server $server | Get-TlsMessage | Should -Not -BeNullOrEmpty
    }
}
