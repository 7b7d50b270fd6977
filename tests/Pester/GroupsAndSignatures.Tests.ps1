# Start-TlsServer -Group, -NoDhe, -DhParameterPath and -SignatureAlgorithm against openssl s_client -groups, -sigalgs
# and -cipher; SHA-1 signatures only when allowed (RFC 9155).
BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    New-TestCertificate -Directory $TestDrive -Name rsa
    New-TestCertificate -Directory $TestDrive -Name ec -KeyType Ecdsa
    Invoke-OpenSsl -ArgumentList 'genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:ffdhe2048', '-out', "$TestDrive/dh.pem"
    $rsa = @{ CertificatePath = "$TestDrive/rsa.crt"; KeyPath = "$TestDrive/rsa.key" }
    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
}

Describe 'Key exchange groups' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'uses -Group <Group> for s_client <Version>' -ForEach @(
        @{ Version = '-tls1_3'; Group = 'X25519'; Recorded = 'X25519'; TemporaryKey = 'X25519, 253 bits' }
        @{ Version = '-tls1_3'; Group = 'P-384'; Recorded = 'secp384r1'; TemporaryKey = 'secp384r1, 384 bits' }
        @{ Version = '-tls1_2'; Group = 'P-256'; Recorded = 'secp256r1'; TemporaryKey = 'prime256v1, 256 bits' }
        @{ Version = '-tls1_2'; Group = 'X448'; Recorded = 'X448'; TemporaryKey = 'X448, 448 bits' }
    ) {
        $server = Start-TlsServer -Port 0 @rsa -Group $Group

        $client = Invoke-SClient -Port $server.Port -Option $Version, '-groups', 'X25519:P-256:P-384:X448'

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -Not -BeNullOrEmpty
        $session = Wait-OneEndedTlsSession $server
        $session.NamedGroup | Should -Be $Recorded
        Get-SClientField -Output $client.Output -Name 'Server Temp Key' | Should -Match ([regex]::Escape($TemporaryKey))
    }

    It 'fails s_client <Version> when no group is common' -ForEach @(
        @{ Version = '-tls1_3' }
        @{ Version = '-tls1_2' }
    ) {
        $server = Start-TlsServer -Port 0 @rsa -Group P-384 -Cipher ECDHE -WarningAction SilentlyContinue

        $client = Invoke-SClient -Port $server.Port -Option $Version, '-groups', 'X25519'

        $client.Connected | Should -BeFalse -Because $client.Output
        $session = Wait-OneEndedTlsSession $server
        "$($session.State)" | Should -BeExactly 'Failed'
    }

    It 'takes -NamedCurve as an alias and orders groups by -ServerPreference' {
        $server = Start-TlsServer -Port 0 @rsa -NamedCurve 'P-384:X25519' -ServerPreference

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_2', '-groups', 'X25519:P-384'

        $session = Wait-OneEndedTlsSession $server
        $session.NamedGroup | Should -BeExactly 'secp384r1'
        Get-SClientField -Output $client.Output -Name 'Server Temp Key' | Should -Match 'secp384r1'
    }

    It 'offers hybrid groups beside classic ones' {
        $server = Start-TlsServer -Port 0 @rsa -Group X25519MLKEM768, X25519

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_3', '-groups', 'X25519'

        $server.Groups -join ',' | Should -Be 'X25519MLKEM768,X25519'
        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -Not -BeNullOrEmpty
        $session = Wait-OneEndedTlsSession $server
        $session.NamedGroup | Should -Be 'X25519'
    }

    It 'serves DHE with a finite field group' {
        $server = Start-TlsServer -Port 0 @rsa -Cipher DHE-RSA-AES128-GCM-SHA256 -Group ffdhe3072

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_2', '-groups', 'ffdhe2048:ffdhe3072'

        $client.CipherSuite | Should -BeExactly 'DHE-RSA-AES128-GCM-SHA256' -Because $client.Output
        $session = Wait-OneEndedTlsSession $server
        $session.NamedGroup | Should -BeExactly 'ffdhe3072'
    }

    It 'serves DHE with the parameters of -DhParameterPath' {
        $server = Start-TlsServer -Port 0 @rsa -Cipher DHE-RSA-AES256-GCM-SHA384 -DhParameterPath "$TestDrive/dh.pem"

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_2'

        $client.CipherSuite | Should -BeExactly 'DHE-RSA-AES256-GCM-SHA384' -Because $client.Output
        Get-SClientField -Output $client.Output -Name 'Server Temp Key' | Should -Match 'DH, 2048 bits'
        $session = Wait-OneEndedTlsSession $server
        $session.NamedGroup | Should -BeExactly 'dh2048'
    }

    It 'leaves out DHE suites under -NoDhe' {
        $server = Start-TlsServer -Port 0 @rsa -Cipher 'kDHE:kECDHE' -NoDhe -WarningAction SilentlyContinue

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_2', '-cipher', 'kDHE'

        $client.Connected | Should -BeFalse -Because $client.Output
        @($server.CipherSuites | ForEach-Object ToString) -like '*_DHE_*' | Should -BeNullOrEmpty
    }
}

Describe 'Signature algorithms' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'signs with <Scheme> under -SignatureAlgorithm <Allowed> for s_client <Version>' -ForEach @(
        @{ Key = 'rsa'; Version = '-tls1_3'; Allowed = 'RSA-PSS+SHA384'; Scheme = 'rsa_pss_rsae_sha384'; SClientType = 'RSA-PSS' }
        @{ Key = 'rsa'; Version = '-tls1_2'; Allowed = 'RSA+SHA256'; Scheme = 'rsa_pkcs1_sha256'; SClientType = 'RSA' }
        @{ Key = 'ec'; Version = '-tls1_3'; Allowed = 'ecdsa_secp256r1_sha256'; Scheme = 'ecdsa_secp256r1_sha256'; SClientType = 'ECDSA' }
    ) {
        $server = Start-TlsServer -Port 0 -CertificatePath "$TestDrive/$Key.crt" -KeyPath "$TestDrive/$Key.key" -SignatureAlgorithm $Allowed

        $client = Invoke-SClient -Port $server.Port -Option $Version

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -Not -BeNullOrEmpty
        $client.Output | Should -MatchExactly "(?m)^Signature type: $([regex]::Escape($SClientType))$"
        $session = Wait-OneEndedTlsSession $server
        $session.SignatureScheme | Should -BeExactly $Scheme
    }

    It 'fails with handshake_failure when no signature algorithm is common' {
        $server = Start-TlsServer -Port 0 @rsa -SignatureAlgorithm rsa_pss_rsae_sha512

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_3', '-sigalgs', 'RSA-PSS+SHA256'

        $client.Connected | Should -BeFalse -Because $client.Output
        $session = Wait-OneEndedTlsSession $server
        "$($session.Alert.Description)" | Should -BeExactly 'handshake_failure'
    }
}

Describe 'SHA-1 signatures in TLS 1.2 (RFC 9155)' {
    BeforeAll {
        # The client offers only ECDSA with SHA-1, which OpenSSL 3 sends only at security level 0.
        $sha1Only = '-tls1_2', '-sigalgs', 'ECDSA+SHA1', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256:@SECLEVEL=0'
        $ec = @{ CertificatePath = "$TestDrive/ec.crt"; KeyPath = "$TestDrive/ec.key" }
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'refuses a client that offers only SHA-1' {
        $server = Start-TlsServer -Port 0 @ec -Protocol Tls12

        Invoke-SClientText -Port $server.Port -Option $sha1Only | Should -Match 'handshake failure'

        "$((Wait-OneEndedTlsSession $server).Alert.Description)" | Should -BeExactly 'handshake_failure'
    }

    It 'signs with SHA-1 when <How>' -ForEach @(
        @{ How = '-Cipher says @SECLEVEL=0'; Allow = @{ Cipher = 'ECDHE-ECDSA-AES128-GCM-SHA256:@SECLEVEL=0' } }
        @{ How = '-SignatureAlgorithm names it'; Allow = @{ SignatureAlgorithm = 'ECDSA+SHA256', 'ECDSA+SHA1' } }
    ) {
        $server = Start-TlsServer -Port 0 @ec -Protocol Tls12 @Allow

        Invoke-SClientText -Port $server.Port -Option $sha1Only | Should -Match 'Peer signing digest: SHA1'

        (Wait-OneEndedTlsSession $server).SignatureScheme | Should -BeExactly 'ecdsa_sha1'
    }
}

Describe 'Unknown names' {
    It 'refuses <Text> with <ErrorId>' -ForEach @(
        @{ Text = '-Group NotAGroup'; Arguments = @{ Group = 'NotAGroup' }; ErrorId = 'GroupUnknown' }
        @{ Text = "-SignatureAlgorithm 'RSA+WHIRLPOOL'"; Arguments = @{ SignatureAlgorithm = 'RSA+WHIRLPOOL' }; ErrorId = 'SignatureAlgorithmUnknown' }
        @{ Text = "-ClientSignatureAlgorithm 'nope'"; Arguments = @{ ClientSignatureAlgorithm = 'nope' }; ErrorId = 'SignatureAlgorithmUnknown' }
    ) {
        { Start-TlsServer -Port 0 @rsa @Arguments } | Should -Throw -ErrorId "$ErrorId,$startCommand"
    }

    It 'refuses -DhParameterPath of a file without DH parameters with DhParametersInvalid' {
        { Start-TlsServer -Port 0 @rsa -DhParameterPath "$TestDrive/rsa.crt" } | Should -Throw -ErrorId "DhParametersInvalid,$startCommand"
    }
}
