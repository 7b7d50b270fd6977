# Pre-shared keys against openssl s_client and gnutls-cli: TLS 1.3 external PSKs, the TLS 1.2 PSK suites (plain,
# DHE, ECDHE and RSA), a table of identities, a PSK-only server, and the PSK parameters that are clear errors.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    $gnutlsMissing = -not (Get-Command gnutls-cli -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the PSK tests with s_client are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $key = '1a2b3c4d5e6f708192a3b4c5d6e7f801'
}

Describe 'Pre-shared keys with s_client and gnutls-cli' -Skip:$openSslMissing {
    BeforeAll {
        New-TestCertificate -Directory $TestDrive -Name rsa -KeyType Rsa
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'negotiates a SHA-256 TLS 1.3 suite and no certificate with s_client''s defaults' {
        # s_client offers TLS_AES_256_GCM_SHA384 first; its external PSK is bound to SHA-256.
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Psk $key

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_3', '-psk', $key -InputText "hello`n"

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -Be 'TLSv1.3'
        $client.CipherSuite | Should -BeLike '*SHA256'
        $client.Output | Should -BeLike '*No peer certificate*'
        $session = Wait-OneEndedTlsSession $server
        $session.PskIdentity | Should -Be 'Client_identity'
        $session.CipherSuite | Should -Be $client.CipherSuite
    }

    It 'serves PSK only with -NoCertificate, to s_client <Version>' -ForEach @(
        @{ Version = '-tls1_3' }, @{ Version = '-tls1_2' }
    ) {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -NoCertificate -Psk $key -Protocol Tls12, Tls13

        $client = Invoke-SClient -Port $server.Port -Option $Version, '-psk', $key -InputText "hello`n"

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Output | Should -BeLike '*No peer certificate*'
        (Wait-OneEndedTlsSession $server).PskIdentity | Should -Be 'Client_identity'
        @($server.CipherSuites | ForEach-Object { "$_" }) | Should -Contain 'TLS_AES_128_GCM_SHA256'
    }

    It 'negotiates <OpenSslSuite> with s_client as <IanaSuite>' -ForEach @(
        @{ OpenSslSuite = 'PSK-AES128-GCM-SHA256'; IanaSuite = 'TLS_PSK_WITH_AES_128_GCM_SHA256' }
        @{ OpenSslSuite = 'DHE-PSK-AES256-GCM-SHA384'; IanaSuite = 'TLS_DHE_PSK_WITH_AES_256_GCM_SHA384' }
        @{ OpenSslSuite = 'ECDHE-PSK-CHACHA20-POLY1305'; IanaSuite = 'TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256' }
        @{ OpenSslSuite = 'ECDHE-PSK-AES128-CBC-SHA256'; IanaSuite = 'TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256' }
        @{ OpenSslSuite = 'RSA-PSK-AES128-GCM-SHA256'; IanaSuite = 'TLS_RSA_PSK_WITH_AES_128_GCM_SHA256' }
    ) {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Psk $key -PskIdentity device7 -CertificatePath "$TestDrive/rsa.crt" -KeyPath "$TestDrive/rsa.key"

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_2', '-psk', $key, '-psk_identity', 'device7', '-cipher', $OpenSslSuite -InputText "hello`n"

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.CipherSuite | Should -Be $OpenSslSuite
        $session = Wait-OneEndedTlsSession $server
        $session.CipherSuite | Should -Be $IanaSuite
        $session.PskIdentity | Should -Be 'device7'
    }

    It 'serves several identities from -PskTable and fails a wrong key' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -PskTable @{ alice = '00112233'; bob = [byte[]](1, 2, 3, 4, 5, 6, 7, 8) } -PskIdentityHint 'ask for bob'

        $bob = Invoke-SClient -Port $server.Port -Option '-tls1_2', '-psk', '0102030405060708', '-psk_identity', 'bob', '-cipher', 'PSK' -InputText "hi`n"
        $mallory = Invoke-SClient -Port $server.Port -Option '-tls1_3', '-psk', '00112234', '-psk_identity', 'alice' -InputText "hi`n"

        $bob.Connected | Should -BeTrue -Because $bob.Output
        $mallory.Connected | Should -BeFalse -Because $mallory.Output
        $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 15
        $null = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15
        $sessions = Get-TlsSession -Server $server
        @($sessions | Where-Object { $_.PskIdentity -eq 'bob' -and "$($_.State)" -eq 'Closed' }) | Should -Not -BeNullOrEmpty
        @($sessions | Where-Object { $_.PskIdentity -eq 'alice' -and "$($_.State)" -eq 'Failed' }) | Should -Not -BeNullOrEmpty
        @($server.PskIdentities) | Should -Be @('alice', 'bob')
    }

    It 'lets gnutls-cli connect with a PSK over <Protocol>' -Skip:$gnutlsMissing -ForEach @(
        # gnutls-cli 3.7.9 crashes after a completed TLS 1.2 (EC)DHE_PSK handshake (printing the session), so plain PSK here.
        @{ Priority = 'NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+PSK'; Protocol = 'Tls12' }
        @{ Priority = 'NORMAL:-VERS-ALL:+VERS-TLS1.3:+ECDHE-PSK:+DHE-PSK:+PSK'; Protocol = 'Tls13' }
    ) {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Psk $key -PskIdentity gnutls-user

        $client = Invoke-ExternalTool -Name gnutls-cli -ArgumentList '-p', "$($server.Port)", '127.0.0.1', '--pskusername', 'gnutls-user', '--pskkey', $key, '--priority', $Priority -InputText "hello`n" -TimeoutSec 20

        ($client.StandardOutput + $client.StandardError) | Should -BeLike '*Handshake was completed*'
        $session = Wait-OneEndedTlsSession $server
        "$($session.Protocol)" | Should -Be $Protocol
        $session.PskIdentity | Should -Be 'gnutls-user'
    }
}

Describe 'PSK parameters that are wrong' {
    It 'refuses <Script> with <ErrorId>' -ForEach @(
        @{ Script = { Start-TlsServer -Port 0 -Psk xyz }; ErrorId = 'PskNotHex' }
        @{ Script = { Start-TlsServer -Port 0 -Psk abc }; ErrorId = 'PskNotHex' }
        @{ Script = { Start-TlsServer -Port 0 -Psk 0x1234 }; ErrorId = 'PskNotHex' }
        @{ Script = { Start-TlsServer -Port 0 -PskTable @{ a = 42 } }; ErrorId = 'PskNotHex' }
        @{ Script = { Start-TlsServer -Port 0 -PskIdentity someone }; ErrorId = 'PskIdentityWithoutPsk' }
        @{ Script = { Start-TlsServer -Port 0 -Psk 00ff -PskTable @{ a = '00' } }; ErrorId = 'ParameterConflict' }
        @{ Script = { Start-TlsServer -Port 0 -Psk 00ff -PskIdentityHint h -Protocol Tls13 }; ErrorId = 'PskIdentityHintNotInTls13' }
        @{ Script = { Start-TlsServer -Port 0 -PskIdentityHint h }; ErrorId = 'PskIdentityHintWithoutPsk' }
    ) {
        $err = { & $Script -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,TlsServer.PowerShell.Commands.StartTlsServerCommand" -PassThru

        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}
