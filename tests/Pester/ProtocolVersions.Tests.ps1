# Start-TlsServer -Protocol, -MinimumProtocol, -MaximumProtocol and -ExcludeProtocol against openssl s_client's
# version options.
BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    New-TestCertificate -Directory $TestDrive -Name rsa
    New-TestCertificate -Directory $TestDrive -Name ec -KeyType Ecdsa
    $rsa = @{ CertificatePath = "$TestDrive/rsa.crt"; KeyPath = "$TestDrive/rsa.key" }
    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
    # OpenSSL 3.0 refuses TLS 1.0 and 1.1 above security level 0 (their signatures use SHA-1).
    $legacy = 'DEFAULT@SECLEVEL=0'
}

Describe 'One version at a time' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'serves <Protocol> to s_client <Option> when it is the only version' -ForEach @(
        @{ Protocol = 'Tls10'; Option = '-tls1'; SClientName = 'TLSv1' }
        @{ Protocol = 'Tls11'; Option = '-tls1_1'; SClientName = 'TLSv1.1' }
        @{ Protocol = 'Tls12'; Option = '-tls1_2'; SClientName = 'TLSv1.2' }
        @{ Protocol = 'Tls13'; Option = '-tls1_3'; SClientName = 'TLSv1.3' }
    ) {
        $server = Start-TlsServer -Port 0 @rsa -Protocol $Protocol

        $client = Invoke-SClient -Port $server.Port -Option $Option, '-cipher', $legacy

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -BeExactly $SClientName
        $session = Wait-OneEndedTlsSession $server
        "$($session.Protocol)" | Should -BeExactly $Protocol
        $session.CipherSuiteOpenSsl | Should -BeExactly $client.CipherSuite
    }

    It 'signs <Protocol> with the legacy hash of the <Key> key' -ForEach @(
        @{ Protocol = 'Tls10'; Cipher = 'ECDHE-RSA-AES256-SHA'; Key = 'rsa'; Scheme = 'rsa_pkcs1_md5_sha1' }
        @{ Protocol = 'Tls11'; Cipher = 'ECDHE-ECDSA-AES128-SHA'; Key = 'ec'; Scheme = 'ecdsa_sha1' }
    ) {
        $server = Start-TlsServer -Port 0 -CertificatePath "$TestDrive/$Key.crt" -KeyPath "$TestDrive/$Key.key" -Protocol $Protocol

        $client = Invoke-SClient -Port $server.Port -Option '-cipher', "$Cipher@SECLEVEL=0"

        $client.Connected | Should -BeTrue -Because $client.Output
        $session = Wait-OneEndedTlsSession $server
        $session.CipherSuiteOpenSsl | Should -BeExactly $Cipher
        $session.SignatureScheme | Should -BeExactly $Scheme
    }
}

Describe 'Versions outside the allowed ones' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'refuses s_client <Option> with protocol_version, as s_server does, under <Text>' -ForEach @(
        @{ Text = '-Protocol Tls12'; Arguments = @{ Protocol = 'Tls12' }; Option = '-tls1_3' }
        @{ Text = '-Protocol Tls13'; Arguments = @{ Protocol = 'Tls13' }; Option = '-tls1_2' }
        @{ Text = '-MinimumProtocol Tls12'; Arguments = @{ MinimumProtocol = 'Tls12' }; Option = '-tls1_1' }
        @{ Text = '-MaximumProtocol Tls12'; Arguments = @{ MaximumProtocol = 'Tls12' }; Option = '-tls1_3' }
        @{ Text = '-ExcludeProtocol Tls13'; Arguments = @{ ExcludeProtocol = 'Tls13' }; Option = '-tls1_3' }
        @{ Text = '-MinimumProtocol Tls10 -ExcludeProtocol Tls11'; Arguments = @{ MinimumProtocol = 'Tls10'; ExcludeProtocol = 'Tls11' }; Option = '-tls1_1' }
    ) {
        $server = Start-TlsServer -Port 0 @rsa @Arguments

        $client = Invoke-SClient -Port $server.Port -Option $Option, '-cipher', $legacy

        $client.Connected | Should -BeFalse -Because $client.Output
        $session = Wait-OneEndedTlsSession $server
        "$($session.State)" | Should -BeExactly 'Failed'
        "$($session.Alert.Description)" | Should -BeExactly 'protocol_version'
    }
}

Describe 'Ranges and exclusions' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'allows <Expected> under <Text>' -ForEach @(
        @{ Text = '-MinimumProtocol Tls10'; Arguments = @{ MinimumProtocol = 'Tls10' }; Expected = 'Tls10,Tls11,Tls12,Tls13' }
        @{ Text = '-MinimumProtocol Tls11 -MaximumProtocol Tls12'; Arguments = @{ MinimumProtocol = 'Tls11'; MaximumProtocol = 'Tls12' }; Expected = 'Tls11,Tls12' }
        @{ Text = '-MaximumProtocol Tls12'; Arguments = @{ MaximumProtocol = 'Tls12' }; Expected = 'Tls12' }
        @{ Text = '-Protocol Tls10, Tls12, Tls13 -ExcludeProtocol Tls13'; Arguments = @{ Protocol = 'Tls10', 'Tls12', 'Tls13'; ExcludeProtocol = 'Tls13' }; Expected = 'Tls10,Tls12' }
        @{ Text = '-MinimumProtocol Ssl3 -MaximumProtocol Tls11'; Arguments = @{ MinimumProtocol = 'Ssl3'; MaximumProtocol = 'Tls11' }; Expected = 'Tls10,Tls11' }
    ) {
        $server = Start-TlsServer -Port 0 @rsa @Arguments

        $server.Protocols -join ',' | Should -BeExactly $Expected
    }

    It 'serves the highest version of a range' {
        $server = Start-TlsServer -Port 0 @rsa -MinimumProtocol Tls11 -MaximumProtocol Tls12

        $client = Invoke-SClient -Port $server.Port -Option '-cipher', $legacy

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -BeExactly 'TLSv1.2'
    }

    It 'refuses <Text> with <ErrorId>' -ForEach @(
        @{ Text = '-Protocol Ssl3'; Arguments = @{ Protocol = 'Ssl3' }; ErrorId = 'ProtocolNotSupported' }
        @{ Text = '-Protocol Tls12 -ExcludeProtocol Tls12'; Arguments = @{ Protocol = 'Tls12'; ExcludeProtocol = 'Tls12' }; ErrorId = 'NoProtocol' }
        @{ Text = '-MinimumProtocol Tls13 -MaximumProtocol Tls12'; Arguments = @{ MinimumProtocol = 'Tls13'; MaximumProtocol = 'Tls12' }; ErrorId = 'ProtocolRangeEmpty' }
    ) {
        { Start-TlsServer -Port 0 @Arguments } | Should -Throw -ErrorId "$ErrorId,$startCommand"
    }
}

Describe 'Protocol versions' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -CertificatePath "$TestDrive/rsa.crt" -KeyPath "$TestDrive/rsa.key" -MinimumProtocol Tls10 -ExcludeProtocol Tls13
    }

    AfterAll {
        $server | Stop-TlsServer
    }

    It 'allows the range it was given' {
        $server.Protocols | Should -Be @('Tls10', 'Tls11', 'Tls12')
    }

    It 'serves TLS 1.0 to openssl s_client -tls1' {
        '' | openssl s_client -connect "127.0.0.1:$($server.Port)" -tls1 -cipher 'DEFAULT@SECLEVEL=0' 2>&1 | Out-Null
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        $session.Protocol | Should -Be 'Tls10'
    }

    It 'refuses SSL 3.0 with a clear error' {
        { Start-TlsServer -Port 0 -Protocol Ssl3 } | Should -Throw -ErrorId 'ProtocolNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}
