# gnutls-cli (Debian's gnutls-bin), a second TLS stack nobody here wrote, completes TLS 1.2 and 1.3 handshakes with
# Start-TlsServer.
BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    New-TestCertificate -Directory $TestDrive -Name rsa
    $server = Start-TlsServer -Port 0 -CertificatePath "$TestDrive/rsa.crt" -KeyPath "$TestDrive/rsa.key"
}

AfterAll {
    $server | Stop-TestServer
}

Describe 'gnutls-cli' {
    It 'completes a <Protocol> handshake' -ForEach @(
        @{ Protocol = 'Tls12'; Priority = 'NORMAL:-VERS-ALL:+VERS-TLS1.2'; Reported = '(TLS1.2-' }
        @{ Protocol = 'Tls13'; Priority = 'NORMAL:-VERS-ALL:+VERS-TLS1.3'; Reported = '(TLS1.3-' }
    ) {
        $last = Get-LastTlsSessionId $server

        $client = Invoke-ExternalTool -Name gnutls-cli -TimeoutSec 20 -InputText "hello`n" -ArgumentList @(
            '--port', $server.Port, '--x509cafile', "$TestDrive/rsa.crt", '--priority', $Priority, '127.0.0.1')

        $output = $client.StandardOutput + $client.StandardError
        $output | Should -Match 'Handshake was completed'
        $output | Should -Match ([regex]::Escape($Reported))
        $session = Wait-OneEndedTlsSession $server -After $last
        "$($session.Protocol)" | Should -BeExactly $Protocol
        $session.NamedGroup | Should -Not -BeNullOrEmpty
    }
}
