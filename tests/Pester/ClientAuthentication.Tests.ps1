# Client certificate authentication and the test PKI: certificates from New-TlsCertificate and New-TlsCrl pass
# openssl verify, and Start-TlsServer -ClientCertificate records (or, with -VerifyReturnError, refuses with OpenSSL's
# alert) what openssl s_client presents.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the s_client and openssl verify tests are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $ca = New-TlsCertificate -Type CA -Subject 'CN=Pester Root' -Path "$TestDrive/ca.pem"
    $null = New-TlsCertificate -Type Client -Subject 'CN=good' -Signer $ca -Path "$TestDrive/good.pem" -KeyPath "$TestDrive/good.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=expired' -Signer $ca -NotAfter (Get-Date).AddDays(-1) -Path "$TestDrive/expired.pem" -KeyPath "$TestDrive/expired.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=revoked' -Signer $ca -Revoked -Path "$TestDrive/revoked.pem" -KeyPath "$TestDrive/revoked.key"
    $null = New-TlsCrl -Signer $ca -Path "$TestDrive/ca.crl"

    function Connect-ClientCertificate([int] $Port, [string] $Name, [switch] $CloseAfterHandshake) {
        # s_client with the named client certificate. -ign_eof waits for the server to close, so an alert is seen;
        # with -CloseAfterHandshake it closes when its input ends, for a server that keeps the connection open.
        $arguments = @('s_client', '-connect', "127.0.0.1:$Port", '-tls1_2', '-cert', "$TestDrive/$Name.pem", '-key', "$TestDrive/$Name.key")
        if (-not $CloseAfterHandshake) { $arguments += '-ign_eof' }
        $result = Invoke-ExternalTool -Name openssl -ArgumentList $arguments -TimeoutSec 20
        $result.StandardOutput + $result.StandardError
    }
}

Describe 'New-TlsCertificate' {
    It 'makes a <Algorithm> certificate that openssl verify accepts with its chain' -Skip:$openSslMissing -ForEach @(
        @{ Algorithm = 'Rsa2048' }, @{ Algorithm = 'EcdsaP384' }, @{ Algorithm = 'Ed25519' }
    ) {
        $leaf = New-TlsCertificate -Subject 'CN=leaf' -KeyAlgorithm $Algorithm -Signer $ca -Path "$TestDrive/leaf-$Algorithm.pem"
        $leaf.Subject | Should -Be 'CN=leaf'
        (Invoke-ExternalTool -Name openssl -ArgumentList @('verify', '-CAfile', "$TestDrive/ca.pem", "$TestDrive/leaf-$Algorithm.pem")).StandardOutput |
            Should -Match ': OK'
    }

    It 'writes key files readable by their owner only' -Skip:$IsWindows {
        $null = New-TlsCertificate -KeyPath "$TestDrive/mode.key"
        (Get-Item "$TestDrive/mode.key").UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'refuses to revoke a certificate without a signer' {
        { New-TlsCertificate -Revoked } | Should -Throw -ErrorId 'RevokedWithoutSigner,TlsServer.PowerShell.Commands.NewTlsCertificateCommand'
    }
}

Describe 'Start-TlsServer -ClientCertificate Request' -Skip:$openSslMissing {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile "$TestDrive/ca.pem" -CrlCheck -CrlPath "$TestDrive/ca.crl"
    }

    AfterAll {
        $server | Stop-TlsServer
    }

    It 'records <Name> with verify code <Code> and lets it in' -ForEach @(
        @{ Name = 'good'; Code = 0 }, @{ Name = 'expired'; Code = 10 }, @{ Name = 'revoked'; Code = 23 }
    ) {
        $before = @(Get-TlsSession -Server $server).Count
        $arguments = @('s_client', '-connect', "127.0.0.1:$($server.Port)", '-tls1_2', '-cert', "$TestDrive/$Name.pem", '-key', "$TestDrive/$Name.key")
        $null = Invoke-ExternalTool -Name openssl -ArgumentList $arguments -TimeoutSec 20
        $session = Wait-TlsSession -Server $server -State Closed -Count ($before + 1) -TimeoutSec 10 | Where-Object { $_.ClientCertificate.Subject -eq "CN=$Name" }
        $session.ClientCertificate.Subject | Should -Be "CN=$Name"
        $session.HandshakeCompleted | Should -BeTrue
        $session.ClientVerifyResult.ErrorCode | Should -Be $Code
    }
}

Describe 'Start-TlsServer -VerifyReturnError' -Skip:$openSslMissing {
    BeforeAll {
        $strict = Start-TlsServer -Port 0 -ClientCertificate Require -CAFile "$TestDrive/ca.pem" -VerifyReturnError
    }

    AfterAll {
        $strict | Stop-TlsServer
    }

    It 'refuses an expired client certificate with certificate_expired' {
        Connect-ClientCertificate -Port $strict.Port -Name expired | Should -Match 'alert certificate expired'
        $session = Wait-TlsSession -Server $strict -State Failed -TimeoutSec 10
        $session.Alert.Description | Should -Be 'certificate_expired'
        $session.ClientVerifyResult.ErrorText | Should -Be 'certificate has expired'
    }
}

Describe 'Verification options' {
    It 'refuses <Option>, which BouncyCastle cannot honour' -ForEach @(
        @{ Option = 'x509_strict' }, @{ Option = 'no_check_time' }, @{ Option = 'suiteB_128' }
    ) {
        { Start-TlsServer -Port 0 -ClientCertificate Request -VerifyOption @{ $Option = $true } } |
            Should -Throw -ErrorId 'VerifyOptionNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'CRLs out of their time' -Skip:$openSslMissing {
    BeforeAll {
        $null = New-TlsCrl -Signer $ca -NextUpdate (Get-Date).AddDays(-1) -Path "$TestDrive/expired.crl"
        $stale = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile "$TestDrive/ca.pem" -CrlCheck -CrlPath "$TestDrive/expired.crl"
    }

    AfterAll {
        $stale | Stop-TlsServer
    }

    It 'reports an expired CRL with OpenSSL''s code 12' {
        $null = Connect-ClientCertificate -Port $stale.Port -Name good -CloseAfterHandshake
        $session = Wait-TlsSession -Server $stale -State Closed -TimeoutSec 10
        $session.ClientVerifyResult.ErrorCode | Should -Be 12
        $session.ClientVerifyResult.ErrorText | Should -Be 'CRL has expired'
    }
}

Describe 'A resumed session' -Skip:$openSslMissing {
    BeforeAll {
        $resuming = Start-TlsServer -Port 0 -Protocol Tls12 -ClientCertificate Request -CAFile "$TestDrive/ca.pem"
    }

    AfterAll {
        $resuming | Stop-TlsServer
    }

    It 'reports the client certificate and verify result of its full handshake' {
        $base = @('s_client', '-connect', "127.0.0.1:$($resuming.Port)", '-tls1_2')
        $null = Invoke-ExternalTool -Name openssl -ArgumentList ($base + @('-cert', "$TestDrive/expired.pem", '-key', "$TestDrive/expired.key", '-sess_out', "$TestDrive/session.pem")) -TimeoutSec 20
        $null = Invoke-ExternalTool -Name openssl -ArgumentList ($base + @('-sess_in', "$TestDrive/session.pem")) -TimeoutSec 20
        $resumed = Wait-TlsSession -Server $resuming -State Closed -Count 2 -TimeoutSec 10 | Where-Object Resumed
        $resumed.ClientCertificate.Subject | Should -Be 'CN=expired'
        $resumed.ClientVerifyResult.ErrorCode | Should -Be 10
    }
}

Describe 'Verification options the server honours without BouncyCastle switches' {
    It 'accepts <Option>' -ForEach @(
        @{ Option = 'trusted_first' }, @{ Option = 'no_alt_chains' }, @{ Option = 'policy_check' }
    ) {
        $server = Start-TlsServer -Port 0 -ClientCertificate Request -VerifyOption @{ $Option = $true }
        try {
            $server.Port | Should -BeGreaterThan 0
        }
        finally {
            $server | Stop-TlsServer
        }
    }
}
