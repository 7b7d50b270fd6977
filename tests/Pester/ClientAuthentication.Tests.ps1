#Requires -Modules Pester
# Client certificate authentication and the test PKI: New-TlsCertificate, New-TlsCrl, Start-TlsServer -ClientCertificate.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    $dir = Join-Path ([System.IO.Path]::GetTempPath()) ("tlsserver-pester-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $dir

    $ca = New-TlsCertificate -Type CA -Subject 'CN=Pester Root' -Path "$dir/ca.pem"
    $null = New-TlsCertificate -Type Client -Subject 'CN=good' -Signer $ca -Path "$dir/good.pem" -KeyPath "$dir/good.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=expired' -Signer $ca -NotAfter (Get-Date).AddDays(-1) -Path "$dir/expired.pem" -KeyPath "$dir/expired.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=revoked' -Signer $ca -Revoked -Path "$dir/revoked.pem" -KeyPath "$dir/revoked.key"
    $null = New-TlsCrl -Signer $ca -Path "$dir/ca.crl"

    function Connect-Client([int] $Port, [string] $Name, [string[]] $Extra = @()) {
        '' | openssl s_client -connect "127.0.0.1:$Port" -cert "$dir/$Name.pem" -key "$dir/$Name.key" -tls1_2 @Extra 2>&1 | Out-String
    }
}

AfterAll {
    Get-TlsServer | Where-Object State -EQ 'Running' | Stop-TlsServer
    Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
}

Describe 'New-TlsCertificate' {
    It 'makes certificates that openssl verify accepts with their chain' -ForEach @(
        @{ Algorithm = 'Rsa2048' }, @{ Algorithm = 'EcdsaP384' }, @{ Algorithm = 'Ed25519' }
    ) {
        $leaf = New-TlsCertificate -Subject 'CN=leaf' -KeyAlgorithm $Algorithm -Signer $ca -Path "$dir/leaf-$Algorithm.pem"
        $leaf.Subject | Should -Be 'CN=leaf'
        openssl verify -CAfile "$dir/ca.pem" "$dir/leaf-$Algorithm.pem" | Should -Match ': OK$'
    }

    It 'writes key files readable by their owner only' -Skip:$IsWindows {
        $null = New-TlsCertificate -KeyPath "$dir/mode.key"
        (Get-Item "$dir/mode.key").UnixFileMode | Should -Be 'UserRead, UserWrite'
    }

    It 'refuses to revoke a certificate without a signer' {
        { New-TlsCertificate -Revoked } | Should -Throw -ErrorId 'RevokedWithoutSigner,TlsServer.PowerShell.Commands.NewTlsCertificateCommand'
    }
}

Describe 'Start-TlsServer -ClientCertificate' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile "$dir/ca.pem" -CrlCheck -CrlPath "$dir/ca.crl"
    }

    AfterAll {
        $server | Stop-TlsServer
    }

    It 'records <Name> as verify code <Code>' -ForEach @(
        @{ Name = 'good'; Code = 0 }, @{ Name = 'expired'; Code = 10 }, @{ Name = 'revoked'; Code = 23 }
    ) {
        $before = @(Get-TlsSession -Server $server).Count
        $null = Connect-Client -Port $server.Port -Name $Name
        $session = Wait-TlsSession -Server $server -State Closed -Count ($before + 1) -TimeoutSec 10 | Select-Object -Last 1
        $session.ClientCertificate.Subject | Should -Be "CN=$Name"
        $session.ClientVerifyResult.ErrorCode | Should -Be $Code
    }
}

Describe 'Start-TlsServer -VerifyReturnError' {
    BeforeAll {
        $strict = Start-TlsServer -Port 0 -ClientCertificate Require -CAFile "$dir/ca.pem" -VerifyReturnError
    }

    AfterAll {
        $strict | Stop-TlsServer
    }

    It 'refuses an expired client certificate with certificate_expired' {
        Connect-Client -Port $strict.Port -Name expired | Should -Match 'alert certificate expired'
        $session = Wait-TlsSession -Server $strict -State Failed -TimeoutSec 10
        $session.Alert.Description | Should -Be 'certificate_expired'
    }

    It 'refuses verification options BouncyCastle cannot honour' {
        { Start-TlsServer -Port 0 -ClientCertificate Request -VerifyOption @{ x509_strict = $true } } |
            Should -Throw -ErrorId 'VerifyOptionNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}
