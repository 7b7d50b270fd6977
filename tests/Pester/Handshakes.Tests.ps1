# Handshakes with openssl s_client: what s_client negotiated (protocol, suite, group) is what the session objects
# say, on RSA and ECDSA certificates and both TLS versions; a suite the certificate cannot serve fails with
# handshake_failure; a default server takes IPv4 and IPv6 clients.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the s_client handshakes are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    if (Test-ExternalTool openssl) {
        New-TestCertificate -Directory $TestDrive -Name rsa -KeyType Rsa
        New-TestCertificate -Directory $TestDrive -Name ec -KeyType Ecdsa
    }
}

Describe 'Handshakes with openssl s_client' -Skip:$openSslMissing {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'agrees with s_client <Version> on the <Key> certificate' -ForEach @(
        @{ Key = 'rsa'; Version = '-tls1_2'; SClientProtocol = 'TLSv1.2'; Protocol = 'Tls12' }
        @{ Key = 'rsa'; Version = '-tls1_3'; SClientProtocol = 'TLSv1.3'; Protocol = 'Tls13' }
        @{ Key = 'ec'; Version = '-tls1_2'; SClientProtocol = 'TLSv1.2'; Protocol = 'Tls12' }
        @{ Key = 'ec'; Version = '-tls1_3'; SClientProtocol = 'TLSv1.3'; Protocol = 'Tls13' }
    ) {
        $server = Start-TlsServer -Port 0 -CertificatePath "$TestDrive/$Key.crt" -KeyPath "$TestDrive/$Key.key"

        $client = Invoke-SClient -Port $server.Port -Option $Version -InputText "hello`n"

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -Be $SClientProtocol
        $session = Wait-OneEndedTlsSession $server
        "$($session.Protocol)" | Should -Be $Protocol
        $session.CipherSuiteOpenSsl | Should -Be $client.CipherSuite
        $session.CipherSuite | Should -BeLike 'TLS_*'
        $session.HandshakeCompleted | Should -BeTrue
        "$($session.State)" | Should -Be 'Closed'
        @($session.OfferedCipherSuites) | Should -Not -BeNullOrEmpty
        $session.BytesReceived | Should -BeGreaterThan 6
        $session.NamedGroup | Should -Not -BeNullOrEmpty
        Get-SClientField -Output $client.Output -Name 'Server Temp Key' | Should -BeLike "*$($session.NamedGroup)*"
    }

    It 'fails an ECDSA-only TLS 1.2 client on the RSA certificate with handshake_failure' {
        $server = Start-TlsServer -Port 0 -CertificatePath "$TestDrive/rsa.crt" -KeyPath "$TestDrive/rsa.key"

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256'

        $client.Connected | Should -BeFalse -Because $client.Output
        $session = Wait-OneEndedTlsSession $server
        "$($session.State)" | Should -Be 'Failed'
        $session.Alert.Description | Should -Be 'handshake_failure'
        $server.Statistics.HandshakesFailed | Should -Be 1
    }

    It 'takes IPv4 and IPv6 clients by default' {
        $server = Start-TlsServer -Port 0

        $v4 = Invoke-SClient -Port $server.Port
        $v6 = Invoke-SClient -HostName '[::1]' -Port $server.Port

        $v4.Connected | Should -BeTrue -Because $v4.Output
        $v6.Connected | Should -BeTrue -Because $v6.Output
        $null = Wait-TlsSession -Server $server -Count 2 -State Closed -TimeoutSec 10
        $server.Statistics.HandshakesCompleted | Should -Be 2
    }
}
