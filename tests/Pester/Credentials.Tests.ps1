# The server's own credentials: certificates and keys made with the openssl command line, in every form the server
# reads, serve a handshake that openssl s_client verifies; bad ones are clear errors. New-TlsCertificate and
# New-TlsCrl make certificates that openssl verify accepts with their chains (or rejects the way asked), files that
# openssl reads, and a server certificate curl trusts.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    $curlMissing = -not (Get-Command curl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the credential tests are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
}

Describe 'Credentials made with openssl' -Skip:$openSslMissing {
    BeforeAll {
        $plain = 's3cret pass'
        $c = "$TestDrive/credentials"
        New-TestCredentialSet -Directory $c -Password $plain
        $securePassword = [System.Net.NetworkCredential]::new('', $plain).SecurePassword
        $env:TLSSERVER_TEST_PASSWORD = $plain
    }

    AfterAll {
        Remove-Item Env:TLSSERVER_TEST_PASSWORD -ErrorAction SilentlyContinue
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'serves <Certificate> with key <Key> and password <Password> in a handshake s_client verifies' -ForEach @(
        @{ Certificate = 'rsa.crt'; Key = 'rsa.key'; Password = 'none' }
        @{ Certificate = 'rsa.crt'; Key = 'rsa-pkcs1.key'; Password = 'none' }
        @{ Certificate = 'rsa-combined.pem'; Key = $null; Password = 'none' }
        @{ Certificate = 'ec.crt'; Key = 'ec-sec1.key'; Password = 'none' }
        @{ Certificate = 'ec.der'; Key = 'ec-key.der'; Password = 'none' }
        @{ Certificate = 'rsa.crt'; Key = 'rsa-encrypted.key'; Password = '-KeyPassword' }
        @{ Certificate = 'ec.crt'; Key = 'ec-legacy-encrypted.key'; Password = '-KeyPassword' }
        @{ Certificate = 'rsa.pfx'; Key = $null; Password = '-KeyPassword' }
        @{ Certificate = 'rsa.crt'; Key = 'rsa-encrypted.key'; Password = '-Pass pass:' }
        @{ Certificate = 'rsa.pfx'; Key = $null; Password = '-Pass env:' }
    ) {
        $parameters = @{ CertificatePath = "$c/$Certificate" }
        if ($Key) { $parameters.KeyPath = "$c/$Key" }
        switch ($Password) {
            '-KeyPassword' { $parameters.KeyPassword = $securePassword }
            '-Pass pass:' { $parameters.Pass = "pass:$plain" }
            '-Pass env:' { $parameters.Pass = 'env:TLSSERVER_TEST_PASSWORD' }
        }
        $server = Start-TlsServer -Port 0 @parameters

        $trusted = if ($Certificate.StartsWith('ec')) { 'ec.crt' } else { 'rsa.crt' }
        $client = Invoke-SClient -Port $server.Port -Option '-CAfile', "$c/$trusted", '-verify_return_error'

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Output | Should -BeLike '*Verification: OK*'
    }

    It 'serves a certificate object with its key' {
        $cert = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPemFile("$c/ec.crt", "$c/ec.key")
        $server = Start-TlsServer -Port 0 -Certificate $cert

        $client = Invoke-SClient -Port $server.Port -Option '-CAfile', "$c/ec.crt", '-verify_return_error'

        $client.Connected | Should -BeTrue -Because $client.Output
        $server.Certificate.Thumbprint | Should -Be $cert.Thumbprint
    }

    It 'refuses <Case> with <ErrorId>' -ForEach @(
        @{ Case = 'a missing certificate file'; Arguments = { @{ CertificatePath = "$c/missing.crt" } }; ErrorId = 'CertificateFileNotFound'; Category = 'ObjectNotFound' }
        @{ Case = 'a missing key file'; Arguments = { @{ CertificatePath = "$c/rsa.crt"; KeyPath = "$c/missing.key" } }; ErrorId = 'KeyFileNotFound'; Category = 'ObjectNotFound' }
        @{ Case = 'a key of another certificate'; Arguments = { @{ CertificatePath = "$c/rsa.crt"; KeyPath = "$c/ec.key" } }; ErrorId = 'KeyMismatch'; Category = 'InvalidData' }
        @{ Case = 'a wrong password for a PKCS#8 key'; Arguments = { @{ CertificatePath = "$c/rsa.crt"; KeyPath = "$c/rsa-encrypted.key"; Pass = 'pass:wrong' } }; ErrorId = 'KeyPasswordIncorrect'; Category = 'AuthenticationError' }
        @{ Case = 'a wrong password for a legacy EC key'; Arguments = { @{ CertificatePath = "$c/ec.crt"; KeyPath = "$c/ec-legacy-encrypted.key"; Pass = 'pass:wrong' } }; ErrorId = 'KeyPasswordIncorrect'; Category = 'AuthenticationError' }
        @{ Case = 'a wrong password for a PFX file'; Arguments = { @{ CertificatePath = "$c/rsa.pfx"; Pass = 'pass:wrong' } }; ErrorId = 'KeyPasswordIncorrect'; Category = 'AuthenticationError' }
        @{ Case = 'an encrypted key without a password'; Arguments = { @{ CertificatePath = "$c/rsa.crt"; KeyPath = "$c/rsa-encrypted.key" } }; ErrorId = 'KeyPasswordRequired'; Category = 'InvalidArgument' }
        @{ Case = 'a certificate without its key'; Arguments = { @{ CertificatePath = "$c/rsa.crt" } }; ErrorId = 'KeyNotFound'; Category = 'InvalidData' }
        @{ Case = 'a key file given as the certificate'; Arguments = { @{ CertificatePath = "$c/rsa.key"; KeyPath = "$c/rsa.key" } }; ErrorId = 'CertificateNotFound'; Category = 'InvalidData' }
        @{ Case = 'a password source that is not one'; Arguments = { @{ CertificatePath = "$c/rsa.crt"; KeyPath = "$c/rsa.key"; Pass = 'nonsense' } }; ErrorId = 'PasswordSourceInvalid'; Category = 'InvalidArgument' }
    ) {
        $splat = & $Arguments
        $err = { Start-TlsServer -Port 0 @splat -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,$startCommand" -PassThru

        $err.CategoryInfo.Category | Should -Be $Category
        $err.Exception.Message | Should -Not -BeLike '*wrong*'
        $err.Exception.Message | Should -Not -BeLike '* at *'
    }
}

Describe 'New-TlsCertificate and New-TlsCrl' -Skip:$openSslMissing {
    BeforeAll {
        $filePassword = 'file pass'
        $pw = [System.Net.NetworkCredential]::new('', $filePassword).SecurePassword

        function Get-PublicKey([string[]] $ArgumentList) {
            # The public key openssl reads from a certificate (x509) or a key file (pkey), as PEM.
            $extra = if ($ArgumentList[0] -eq 'x509') { '-pubkey', '-noout' } else { , '-pubout' }
            $result = Invoke-ExternalTool -Name openssl -ArgumentList ($ArgumentList + $extra)
            $result.ExitCode | Should -Be 0 -Because $result.StandardError
            $result.StandardOutput
        }

        function Invoke-Verify([string[]] $ArgumentList) {
            # openssl with the arguments; everything it wrote.
            $result = Invoke-ExternalTool -Name openssl -ArgumentList $ArgumentList
            $result.StandardOutput + $result.StandardError
        }
    }

    BeforeEach {
        $d = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        $null = New-Item -ItemType Directory -Path $d
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'makes <Algorithm> root, intermediate, server, client and self-signed certificates that openssl verify accepts' -ForEach @(
        @{ Algorithm = 'Rsa2048' }, @{ Algorithm = 'Rsa3072' }, @{ Algorithm = 'Rsa4096' }, @{ Algorithm = 'EcdsaP256' }
        @{ Algorithm = 'EcdsaP384' }, @{ Algorithm = 'EcdsaP521' }, @{ Algorithm = 'Ed25519' }
    ) {
        $ErrorActionPreference = 'Stop'
        $root = New-TlsCertificate -Type CA -Subject "CN=Root $Algorithm" -KeyAlgorithm $Algorithm -Path "$d/root.pem"
        $int = New-TlsCertificate -Type CA -Subject 'CN=Intermediate' -KeyAlgorithm $Algorithm -Signer $root -Path "$d/int.pem"
        $serverCertificate = New-TlsCertificate -Subject 'CN=server.test' -KeyAlgorithm $Algorithm -Signer $int -DnsName server.test -IPAddress 127.0.0.1, ::1 -Email ops@server.test -Path "$d/server.pem" -KeyPath "$d/server.key" -Password $pw
        $null = New-TlsCertificate -Type Client -Subject 'CN=client' -KeyAlgorithm $Algorithm -Signer $int -Path "$d/client.pem" -KeyPath "$d/client.key"
        $null = New-TlsCertificate -Subject 'CN=self' -KeyAlgorithm $Algorithm -Path "$d/self.pem"

        Invoke-Verify 'verify', '-x509_strict', '-CAfile', "$d/root.pem", "$d/root.pem" | Should -BeLike '*root.pem: OK*'
        Invoke-Verify 'verify', '-x509_strict', '-CAfile', "$d/root.pem", "$d/int.pem" | Should -BeLike '*int.pem: OK*'
        Invoke-Verify 'verify', '-x509_strict', '-purpose', 'sslserver', '-verify_hostname', 'server.test', '-verify_ip', '::1', '-CAfile', "$d/root.pem", '-untrusted', "$d/int.pem", "$d/server.pem" |
            Should -BeLike '*server.pem: OK*'
        Invoke-Verify 'verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', "$d/root.pem", '-untrusted', "$d/int.pem", "$d/client.pem" | Should -BeLike '*client.pem: OK*'
        Invoke-Verify 'verify', '-x509_strict', '-CAfile', "$d/self.pem", "$d/self.pem" | Should -BeLike '*self.pem: OK*'

        # The key files belong to their certificates, the server's behind the password.
        Get-PublicKey 'pkey', '-in', "$d/server.key", '-passin', "pass:$filePassword" | Should -Be (Get-PublicKey 'x509', '-in', "$d/server.pem")
        Get-PublicKey 'pkey', '-in', "$d/client.key" | Should -Be (Get-PublicKey 'x509', '-in', "$d/client.pem")
        Get-Content -Raw "$d/server.key" | Should -BeLike '*ENCRYPTED PRIVATE KEY*'
        if (-not $IsWindows) {
            (Get-Item "$d/server.key").UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
            (Get-Item "$d/client.key").UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        }

        $serverCertificate.HasPrivateKey | Should -Be ($Algorithm -ne 'Ed25519')
    }

    It 'writes a <Algorithm> PFX file with the key, the certificate and its issuer' -ForEach @(
        @{ Algorithm = 'Rsa2048' }, @{ Algorithm = 'EcdsaP384' }
    ) {
        $root = New-TlsCertificate -Type CA -Subject 'CN=Pfx Root' -Path "$d/root.pem"
        $leaf = New-TlsCertificate -Subject 'CN=pfx.test' -KeyAlgorithm $Algorithm -Signer $root -PfxPath "$d/leaf.pfx" -Password $pw

        $result = Invoke-ExternalTool -Name openssl -ArgumentList 'pkcs12', '-in', "$d/leaf.pfx", '-passin', "pass:$filePassword", '-nodes'

        $result.ExitCode | Should -Be 0 -Because $result.StandardError
        $result.StandardOutput | Should -BeLike '*subject=CN = pfx.test*'
        $result.StandardOutput | Should -BeLike '*subject=CN = Pfx Root*'
        $result.StandardOutput | Should -BeLike '*PRIVATE KEY*'
        [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$d/leaf.pfx", $filePassword).Thumbprint | Should -Be $leaf.Thumbprint
    }

    It 'makes a <Algorithm> server certificate that curl <Version> trusts' -Skip:$curlMissing -ForEach @(
        @{ Algorithm = 'EcdsaP256'; Version = '--tlsv1.3' }
        @{ Algorithm = 'Rsa2048'; Version = '--tlsv1.2' }
        @{ Algorithm = 'Ed25519'; Version = '--tlsv1.3' }
    ) {
        $ca = New-TlsCertificate -Type CA -Subject 'CN=Curl Test CA' -Path "$d/ca.pem"
        $cert = New-TlsCertificate -Subject 'CN=localhost' -KeyAlgorithm $Algorithm -DnsName localhost -IPAddress 127.0.0.1, ::1 -Signer $ca
        $server = Start-TlsServer -Port 0 -Www -Certificate $cert

        $result = Invoke-ExternalTool -Name curl -ArgumentList '-sS', $Version, '--cacert', "$d/ca.pem", "https://localhost:$($server.Port)/"

        $result.ExitCode | Should -Be 0 -Because $result.StandardError
        $result.StandardOutput | Should -BeLike '*<html*'
    }

    It 'makes certificates and CRLs that are bad the way asked' {
        $ErrorActionPreference = 'Stop'
        $ca = New-TlsCertificate -Type CA -Path "$d/ca.pem"
        $null = New-TlsCertificate -Subject 'CN=old' -Signer $ca -NotAfter ([datetime]::UtcNow.AddDays(-1)) -Path "$d/expired.pem"
        $null = New-TlsCertificate -Subject 'CN=future' -Signer $ca -NotBefore ([datetime]::UtcNow.AddDays(1)) -Path "$d/future.pem"
        $null = New-TlsCertificate -Type Client -Signer $ca -ExtendedKeyUsage ServerAuth -Path "$d/wrong-eku.pem"
        $null = New-TlsCertificate -Subject 'CN=nosan' -Signer $ca -NoSubjectAlternativeName -Path "$d/nosan.pem"
        $revoked = New-TlsCertificate -Type Client -Signer $ca -Revoked -Path "$d/revoked.pem"
        $crl = New-TlsCrl -Signer $ca -Path "$d/ca.crl"
        $null = $ca | New-TlsCrl -Path "$d/ca.crl.der" -Format Der

        Invoke-Verify 'verify', '-CAfile', "$d/ca.pem", "$d/expired.pem" | Should -BeLike '*error 10 at 0 depth*'
        Invoke-Verify 'verify', '-CAfile', "$d/ca.pem", "$d/future.pem" | Should -BeLike '*error 9 at 0 depth*'
        Invoke-Verify 'verify', '-purpose', 'sslclient', '-CAfile', "$d/ca.pem", "$d/wrong-eku.pem" | Should -BeLike '*error 26 at 0 depth*'
        Invoke-Verify 'x509', '-in', "$d/nosan.pem", '-noout', '-text' | Should -Not -BeLike '*Subject Alternative Name*'
        Invoke-Verify 'x509', '-in', "$d/future.pem", '-noout', '-text' | Should -BeLike '*DNS:future*'
        Invoke-Verify 'verify', '-crl_check', '-CRLfile', "$d/ca.crl", '-CAfile', "$d/ca.pem", "$d/revoked.pem" | Should -BeLike '*error 23 at 0 depth*'
        Invoke-Verify 'crl', '-in', "$d/ca.crl.der", '-inform', 'DER', '-CAfile', "$d/ca.pem", '-noout' | Should -BeLike '*verify OK*'
        $crl.RevokedSerialNumbers[0] | Should -Be $revoked.SerialNumber
    }

    It 'refuses <Case> with <ErrorId>' -ForEach @(
        @{ Case = '-Revoked without a signer'; Script = { New-TlsCertificate -Revoked }; ErrorId = 'RevokedWithoutSigner' }
        @{ Case = 'NotAfter before NotBefore'; Script = { New-TlsCertificate -NotBefore ([datetime]::UtcNow) -NotAfter ([datetime]::UtcNow.AddDays(-1)) }; ErrorId = 'ValidityPeriodInvalid' }
        @{ Case = 'a signer without its private key'; Script = { New-TlsCertificate -Signer ([System.Security.Cryptography.X509Certificates.X509Certificate2]::new((New-TlsCertificate -Type CA).RawData)) }; ErrorId = 'SignerHasNoPrivateKey' }
        @{ Case = 'an unknown extended key usage'; Script = { New-TlsCertificate -ExtendedKeyUsage NotAPurpose }; ErrorId = 'ExtendedKeyUsageInvalid' }
        @{ Case = 'an IP address that is not one'; Script = { New-TlsCertificate -IPAddress 300.1.1.1 }; ErrorId = 'IPAddressInvalid' }
    ) {
        $err = { & $Script -ErrorAction Stop } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'writes no file with -WhatIf but still returns the certificate' {
        $certificate = New-TlsCertificate -Path "$d/whatif.pem" -KeyPath "$d/whatif.key" -WhatIf

        @($certificate) | Should -HaveCount 1
        "$d/whatif.pem" | Should -Not -Exist
        "$d/whatif.key" | Should -Not -Exist
    }
}
