# What Start-TlsServer records of the handshake and its extensions (protocol messages, the ClientHello and its
# fingerprints) and the events it raises, driven by openssl s_client. ALPN, OCSP stapling, the key log and serverinfo
# have their own suites.
BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'Protocol messages and the ClientHello' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Msg
    }

    AfterAll {
        $server | Stop-TlsServer
    }

    It 'records a TLS 1.3 handshake message by message' {
        $null = Invoke-SClientText -Port $server.Port -Option '-tls1_3'
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10 | Select-Object -Last 1
        $types = Get-TlsMessage -Session $session -ContentType handshake | ForEach-Object { "$($_.Direction) $($_.HandshakeType)" }
        $types | Should -Be @(
            'Received client_hello', 'Sent server_hello', 'Sent encrypted_extensions', 'Sent certificate',
            'Sent certificate_verify', 'Sent finished', 'Received finished')
        $session.ClientHello.Ja4 | Should -Match '^t13'
    }

    It 'gives the same JA3 for the same client options' {
        1..2 | ForEach-Object { $null = Invoke-SClientText -Port $server.Port -Option '-tls1_2', '-servername', 'localhost' }
        $null = Wait-TlsSession -Server $server -State Closed -Count 3 -TimeoutSec 10
        $hellos = (Get-TlsSession -Server $server | Select-Object -Last 2).ClientHello
        $hellos[0].Ja3 | Should -Be $hellos[1].Ja3
    }
}

Describe 'Events' {
    BeforeAll {
        $server = Start-TlsServer -Port 0
        $null = Register-ObjectEvent -InputObject $server -EventName HandshakeCompleted -SourceIdentifier 'pester-handshake'
    }

    AfterAll {
        Unregister-Event -SourceIdentifier 'pester-handshake' -ErrorAction SilentlyContinue
        $server | Stop-TlsServer
    }

    It 'raises HandshakeCompleted for Register-ObjectEvent' {
        $null = Invoke-SClientText -Port $server.Port -Option '-tls1_3'
        $received = Wait-Event -SourceIdentifier 'pester-handshake' -Timeout 10
        $received | Should -Not -BeNullOrEmpty
        $received.SourceEventArgs.Session.Protocol | Should -Be 'Tls13'
    }
}
