# Which certificate Start-TlsServer presents: a second certificate (-AdditionalCertificatePath), certificates per
# server name (-ServerNameCertificate), none (-NoCertificate) and a chain (-ChainPath), seen by openssl s_client.
BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    New-TestCertificate -Directory $TestDrive -Name rsa
    New-TestCertificate -Directory $TestDrive -Name ec -KeyType Ecdsa
    New-TestCertificateAuthority -Directory $TestDrive -Name ca -Subject '/CN=Test CA'
    New-TestIssuedCertificate -Directory $TestDrive -Name leaf -Issuer ca -KeyType Rsa
    foreach ($name in 'a.test', 'b.test') {
        Invoke-OpenSsl -ArgumentList 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
            '-keyout', "$TestDrive/$name.key", '-out', "$TestDrive/$name.crt", '-days', '2', '-subj', "/CN=$name", '-addext', "subjectAltName=DNS:$name"
    }
    Invoke-OpenSsl -ArgumentList 'genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'pbits:2048', '-out', "$TestDrive/dsa-params.pem"
    Invoke-OpenSsl -ArgumentList 'req', '-x509', '-newkey', "param:$TestDrive/dsa-params.pem", '-nodes',
        '-keyout', "$TestDrive/dsa.key", '-out', "$TestDrive/dsa.crt", '-days', '2', '-subj', '/CN=localhost'

    $rsa = @{ CertificatePath = "$TestDrive/rsa.crt"; KeyPath = "$TestDrive/rsa.key" }
    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
}

Describe 'A second certificate of another key type' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 @rsa -AdditionalCertificatePath "$TestDrive/ec.crt" -AdditionalKeyPath "$TestDrive/ec.key"
    }

    AfterAll {
        $server | Stop-TestServer
    }

    It 'presents <Expected> to s_client <Version> <Option> <Value>' -ForEach @(
        @{ Version = '-tls1_2'; Option = '-cipher'; Value = 'aECDSA'; Expected = 'ec.crt'; Scheme = 'ecdsa_secp256r1_sha256' }
        @{ Version = '-tls1_2'; Option = '-cipher'; Value = 'aRSA'; Expected = 'rsa.crt'; Scheme = 'rsa_pss_rsae_sha256' }
        @{ Version = '-tls1_3'; Option = '-sigalgs'; Value = 'ECDSA+SHA256'; Expected = 'ec.crt'; Scheme = 'ecdsa_secp256r1_sha256' }
        @{ Version = '-tls1_3'; Option = '-sigalgs'; Value = 'RSA-PSS+SHA256'; Expected = 'rsa.crt'; Scheme = 'rsa_pss_rsae_sha256' }
    ) {
        $last = Get-LastTlsSessionId $server

        $client = Invoke-SClient -Port $server.Port -Option $Version, $Option, $Value, '-CAfile', "$TestDrive/$Expected", '-verify_return_error'

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -Not -BeNullOrEmpty
        $client.Output | Should -Match 'Verification: OK'
        $session = Wait-OneEndedTlsSession $server -After $last
        $session.ServerCertificate.Thumbprint | Should -BeExactly ([System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$TestDrive/$Expected").Thumbprint)
        $session.SignatureScheme | Should -BeExactly $Scheme
        $server.AdditionalCertificates | Should -HaveCount 1
    }

    It 'is refused when it has the same key type as the first' {
        { Start-TlsServer -Port 0 @rsa -AdditionalCertificatePath "$TestDrive/leaf.crt" -AdditionalKeyPath "$TestDrive/leaf.key" } |
            Should -Throw -ErrorId "AdditionalCertificateSameKeyType,$startCommand"
    }
}

Describe 'Certificates chosen per client' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -CertificatePath "$TestDrive/rsa.crt" -KeyPath "$TestDrive/rsa.key" -AdditionalCertificatePath "$TestDrive/ec.crt" -AdditionalKeyPath "$TestDrive/ec.key"
    }

    AfterAll {
        $server | Stop-TlsServer
    }

    It 'gives an ECDSA-only client the ECDSA certificate' {
        '' | openssl s_client -connect "127.0.0.1:$($server.Port)" -tls1_2 -cipher aECDSA 2>&1 | Out-Null
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        $session.SignatureScheme | Should -Be 'ecdsa_secp256r1_sha256'
        $session.ServerCertificate.Thumbprint | Should -Be $server.AdditionalCertificates[0].Thumbprint
    }
}

Describe 'Certificates per server name' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 @rsa -ServerNameCertificate @{
            'a.test' = @{ CertificatePath = "$TestDrive/a.test.crt"; KeyPath = "$TestDrive/a.test.key" }
            'b.test' = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPemFile("$TestDrive/b.test.crt", "$TestDrive/b.test.key")
        }
    }

    AfterAll {
        $server | Stop-TestServer
    }

    It 'presents <Expected> for the name <Name>' -ForEach @(
        @{ Name = 'a.test'; Expected = 'a.test.crt'; Subject = 'CN=a.test' }
        @{ Name = 'b.test'; Expected = 'b.test.crt'; Subject = 'CN=b.test' }
        @{ Name = 'other.test'; Expected = 'rsa.crt'; Subject = 'CN=localhost' }
    ) {
        $last = Get-LastTlsSessionId $server

        $client = Invoke-SClient -Port $server.Port -Option '-servername', $Name, '-CAfile', "$TestDrive/$Expected", '-verify_return_error'

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -Not -BeNullOrEmpty
        $client.Output | Should -Match 'Verification: OK'
        $session = Wait-OneEndedTlsSession $server -After $last
        $session.ServerName | Should -BeExactly $Name
        $session.ServerCertificate.Subject | Should -Match ([regex]::Escape($Subject))
    }
}

Describe 'Other certificate choices' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'refuses unknown names with unrecognized_name under -ServerNameFatal' {
        $server = Start-TlsServer -Port 0 @rsa -ServerNameFatal -ServerNameCertificate @{
            'a.test' = @{ CertificatePath = "$TestDrive/a.test.crt"; KeyPath = "$TestDrive/a.test.key" }
        }

        $refused = Invoke-SClient -Port $server.Port -Option '-servername', 'other.test'

        $refused.Connected | Should -BeFalse -Because $refused.Output
        $refused.Output | Should -Match 'unrecognized name'
        $session = Wait-OneEndedTlsSession $server
        "$($session.Alert.Description)" | Should -BeExactly 'unrecognized_name'
    }

    It 'serves anonymous suites under -NoCertificate' {
        $server = Start-TlsServer -Port 0 -NoCertificate -WarningAction SilentlyContinue

        $client = Invoke-SClient -Port $server.Port -Option '-cipher', 'aNULL@SECLEVEL=0'
        $full = Invoke-ExternalTool -Name openssl -ArgumentList 's_client', '-connect', "127.0.0.1:$($server.Port)", '-cipher', 'aNULL@SECLEVEL=0'

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -BeExactly 'TLSv1.2'
        $client.CipherSuite | Should -MatchExactly '^A(EC)?DH-'
        $full.StandardOutput | Should -Match 'no peer certificate available'
        $sessions = Wait-EndedTlsSession $server -Count 2
        $sessions | Should -HaveCount 2
        foreach ($session in $sessions) {
            $session.ServerCertificate | Should -BeNullOrEmpty
        }
        $server.Certificate | Should -BeNullOrEmpty
    }

    It 'serves aNULL suites without a certificate' {
        $server = Start-TlsServer -Port 0 -NoCertificate -WarningAction SilentlyContinue
        try {
            '' | openssl s_client -connect "127.0.0.1:$($server.Port)" -cipher 'aNULL@SECLEVEL=0' 2>&1 | Out-Null
            $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
            $session.CipherSuiteOpenSsl | Should -Match '^A(EC)?DH-'
            $session.ServerCertificate | Should -BeNullOrEmpty
        }
        finally {
            $server | Stop-TlsServer
        }
    }

    It 'refuses <Text> with <ErrorId>' -ForEach @(
        @{ Text = '-NoCertificate -Protocol Tls13'; ErrorId = 'NoCertificateWithTls13'; Arguments = { @{ NoCertificate = $true; Protocol = 'Tls13' } } }
        @{ Text = '-NoCertificate -CertificatePath'; ErrorId = 'ParameterConflict'; Arguments = { @{ NoCertificate = $true; CertificatePath = "$TestDrive/rsa.crt" } } }
        @{ Text = 'a DSA certificate with -Protocol Tls13'; ErrorId = 'DsaWithTls13'; Arguments = { @{ CertificatePath = "$TestDrive/dsa.crt"; KeyPath = "$TestDrive/dsa.key"; Protocol = 'Tls13' } } }
        @{ Text = 'an ECDSA certificate with -Cipher aRSA -Protocol Tls12'; ErrorId = 'NoCipherSuite'; Arguments = { @{ CertificatePath = "$TestDrive/ec.crt"; KeyPath = "$TestDrive/ec.key"; Cipher = 'aRSA'; Protocol = 'Tls12' } } }
        @{
            Text = 'an ECDSA certificate with -Cipher aECDSA -Protocol Tls12 and a DSA certificate for a server name'; ErrorId = 'NoUsableCipherSuite'
            Arguments = {
                @{
                    CertificatePath = "$TestDrive/ec.crt"; KeyPath = "$TestDrive/ec.key"; Cipher = 'aECDSA'; Protocol = 'Tls12'
                    ServerNameCertificate = @{ 'd.test' = @{ CertificatePath = "$TestDrive/dsa.crt"; KeyPath = "$TestDrive/dsa.key" } }
                }
            }
        }
    ) {
        $arguments = & $Arguments

        { Start-TlsServer -Port 0 @arguments } | Should -Throw -ErrorId "$ErrorId,$startCommand"
    }

    It 'sends the chain of -ChainPath' {
        $server = Start-TlsServer -Port 0 -CertificatePath "$TestDrive/leaf.crt" -KeyPath "$TestDrive/leaf.key" -ChainPath "$TestDrive/ca.crt"

        $output = Invoke-SClientText -Port $server.Port -Option '-showcerts', '-CAfile', "$TestDrive/ca.crt", '-verify_return_error'

        $output | Should -Match ([regex]::Escape('Verify return code: 0 (ok)'))
        $output | Should -Match ([regex]::Escape('1 s:CN = Test CA'))
    }
}
