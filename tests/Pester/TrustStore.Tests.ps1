# Where the server finds trust anchors and CRLs for client certificates: -CAPath made by `openssl rehash`, CRLs in
# -CAPath, appended to -CAFile or given with -CrlPath, -CrlCheck and -CrlCheckAll, OpenSSL's default CA file
# ($SSL_CERT_FILE) and -NoCAFile/-NoCAPath; openssl s_client presents the client certificates of New-TestPki.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the trust store tests are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
    $pki = "$TestDrive/pki"
    if (Test-ExternalTool openssl) {
        New-TestPki -Directory $pki
    }

    function Connect-Client([string] $Name, [string[]] $Option = @()) {
        # s_client presents the client certificate of the test PKI to $server.
        Invoke-SClient -Port $server.Port -Option (@('-cert', "$pki/$Name.pem", '-key', "$pki/$Name.key") + $Option)
    }
}

Describe 'Trust anchors and CRLs' -Skip:$openSslMissing {
    BeforeEach {
        $store = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        $null = New-Item -ItemType Directory -Path $store
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'trusts the certificates of a -CAPath made by openssl rehash' {
        Copy-Item "$pki/ca.pem" "$store/root.pem"
        Invoke-OpenSsl 'rehash', $store
        (Get-ChildItem $store).Name -match '^[0-9a-f]{8}\.0$' | Should -Not -BeNullOrEmpty

        $server = Start-TlsServer -Port 0 -CAPath $store -ClientCertificate Require -VerifyReturnError
        $good = Connect-Client good

        $good.Connected | Should -BeTrue -Because $good.Output
        $s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
        $s.ClientVerifyResult.ErrorCode | Should -Be 0
        $s.ClientVerifyResult.TrustAnchor.Subject | Should -Be 'CN=TlsServer Test Root'
    }

    It 'revokes with a CRL in -CAPath and -CrlCheck' {
        Copy-Item "$pki/ca.pem" "$store/root.pem"
        Copy-Item "$pki/ca.crl" "$store/root.crl"
        Invoke-OpenSsl 'rehash', $store
        (Get-ChildItem $store).Name -like '*.r0' | Should -Not -BeNullOrEmpty

        $server = Start-TlsServer -Port 0 -CAPath $store -ClientCertificate Require -CrlCheck -VerifyReturnError
        $revoked = Connect-Client revoked '-tls1_2'

        $revoked.Output | Should -BeLike '*alert certificate revoked*'
        $s = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15
        $s.ClientVerifyResult.ErrorCode | Should -Be 23
        $s.ClientVerifyResult.ErrorText | Should -Be 'certificate revoked'
    }

    It 'uses a CRL appended to the -CAFile' {
        Set-Content -LiteralPath "$store/ca-and-crl.pem" -NoNewline -Value ((Get-Content -Raw "$pki/ca.pem") + (Get-Content -Raw "$pki/ca.crl"))

        $server = Start-TlsServer -Port 0 -CAFile "$store/ca-and-crl.pem" -ClientCertificate Request -CrlCheck
        $null = Connect-Client revoked

        (Wait-TlsSession -Server $server -State Established -TimeoutSec 15).ClientVerifyResult.ErrorCode | Should -Be 23
    }

    It 'reports -CrlCheck without a CRL as unable to get CRL (3)' {
        $server = Start-TlsServer -Port 0 -CAFile "$pki/ca.pem" -ClientCertificate Require -CrlCheck -VerifyReturnError
        $good = Connect-Client good '-tls1_2'

        $good.Output | Should -BeLike '*alert unknown ca*'
        (Wait-TlsSession -Server $server -State Failed -TimeoutSec 15).ClientVerifyResult.ErrorCode | Should -Be 3
    }

    It 'needs a CRL for every certificate of the chain with -CrlCheckAll' {
        # The root's CRL covers the intermediate; nothing covers the client certificate the intermediate issued.
        $chain = '-cert_chain', "$pki/int.pem"
        $server = Start-TlsServer -Port 0 -CAFile "$pki/ca.pem" -CrlPath "$pki/ca.crl" -ClientCertificate Request
        $null = Connect-Client issued $chain
        (Wait-TlsSession -Server $server -State Established -TimeoutSec 15).ClientVerifyResult.ErrorCode | Should -Be 0
        $server | Stop-TlsServer

        $server = Start-TlsServer -Port 0 -CAFile "$pki/ca.pem" -CrlPath "$pki/ca.crl" -ClientCertificate Request -CrlCheckAll
        $null = Connect-Client issued $chain
        $s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
        $s.ClientVerifyResult.ErrorCode | Should -Be 3
        $s.ClientVerifyResult.ErrorDepth | Should -Be 0
    }

    It 'trusts nothing with -NoCAFile and -NoCAPath' {
        $server = Start-TlsServer -Port 0 -NoCAFile -NoCAPath -ClientCertificate Request
        $null = Connect-Client good

        $s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
        $s.ClientVerifyResult.ErrorCode | Should -Be 20
        $s.ClientVerifyResult.ErrorText | Should -Be 'unable to get local issuer certificate'
    }

    It 'takes the default CA file from SSL_CERT_FILE, so <Arguments> gives code <Code>' -ForEach @(
        @{ Arguments = 'no -NoCAFile'; NoCAFile = $false; Code = 0 }
        @{ Arguments = '-NoCAFile'; NoCAFile = $true; Code = 20 }
    ) {
        # OpenSSL's default CA file is $SSL_CERT_FILE; the server reads it when it starts.
        $env:SSL_CERT_FILE = "$pki/ca.pem"
        try {
            $server = Start-TlsServer -Port 0 -ClientCertificate Request -NoCAPath -NoCAFile:$NoCAFile
        }
        finally {
            Remove-Item Env:SSL_CERT_FILE
        }

        $null = Connect-Client good

        (Wait-TlsSession -Server $server -State Established -TimeoutSec 15).ClientVerifyResult.ErrorCode | Should -Be $Code
    }
}

Describe 'Trust input the server cannot use' -Skip:$openSslMissing {
    It 'refuses <Parameter> with <ErrorId>' -ForEach @(
        @{ Parameter = '-CAFile missing.pem'; Arguments = { @{ CAFile = "$pki/missing.pem" } }; ErrorId = 'CAFileNotFound'; Category = 'ObjectNotFound' }
        @{ Parameter = '-CAPath missing'; Arguments = { @{ CAPath = "$pki/missing" } }; ErrorId = 'CAPathNotFound'; Category = 'ObjectNotFound' }
        @{ Parameter = '-CrlPath missing.crl'; Arguments = { @{ CAFile = "$pki/ca.pem"; CrlPath = "$pki/missing.crl" } }; ErrorId = 'CRLFileNotFound'; Category = 'ObjectNotFound' }
        @{ Parameter = '-CAFile good.key'; Arguments = { @{ CAFile = "$pki/good.key" } }; ErrorId = 'CAFileInvalid'; Category = 'InvalidData' }
        @{ Parameter = '-CAPath with a hashed file that holds no certificate'; Arguments = {
                $folder = New-Item -ItemType Directory -Path "$TestDrive/bad-capath" -Force
                Set-Content -LiteralPath "$folder/0123abcd.0" -Value 'not a certificate'
                @{ CAPath = $folder.FullName } }; ErrorId = 'CAPathFileInvalid'; Category = 'InvalidData' }
    ) {
        $splat = & $Arguments
        $err = { Start-TlsServer -Port 0 -ClientCertificate Request @splat -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,$startCommand" -PassThru
        $err.CategoryInfo.Category | Should -Be $Category
    }
}
