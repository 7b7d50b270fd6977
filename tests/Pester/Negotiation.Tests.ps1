BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $dir = Join-Path ([System.IO.Path]::GetTempPath()) "tlsserver-pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    New-Item -ItemType Directory -Path $dir | Out-Null
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/rsa.key" -out "$dir/rsa.crt" -days 2 -subj '/CN=localhost' -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' 2>$null
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/ec.key" -out "$dir/ec.crt" -days 2 -subj '/CN=localhost' 2>$null
}

AfterAll {
    Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
}

Describe 'Get-TlsCipherSuite' {
    It 'expands a cipher string like openssl ciphers' {
        $ours = (Get-TlsCipherSuite 'ECDHE+AESGCM:!aNULL:@STRENGTH' -CipherSuite '').Name
        $theirs = (openssl ciphers -ciphersuites '' 'ECDHE+AESGCM:!aNULL:@STRENGTH').Split(':')
        $ours | Should -Be $theirs
    }

    It 'names the parts of a string that matched nothing' {
        { Get-TlsCipherSuite 'kNOPE' -ErrorAction Stop } | Should -Throw -ErrorId 'CipherStringNoMatch,TlsServer.PowerShell.Commands.GetTlsCipherSuiteCommand'
    }
}

Describe 'Protocol versions' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -CertificatePath "$dir/rsa.crt" -KeyPath "$dir/rsa.key" -MinimumProtocol Tls10 -ExcludeProtocol Tls13
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

Describe 'Certificates chosen per client' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -CertificatePath "$dir/rsa.crt" -KeyPath "$dir/rsa.key" -AdditionalCertificatePath "$dir/ec.crt" -AdditionalKeyPath "$dir/ec.key"
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

Describe 'Anonymous suites' {
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
}

Describe 'Protocol feature switches' {
    It 'leaves out extended master secret and encrypt-then-MAC when told' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Cipher ECDHE-ECDSA-AES128-SHA -NoExtendedMasterSecret -NoEncryptThenMac
        try {
            $out = '' | openssl s_client -connect "127.0.0.1:$($server.Port)" -tlsextdebug 2>&1
            ($out -join "`n") | Should -Match 'Extended master secret: no'
            $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
            $session.ExtendedMasterSecret | Should -BeFalse
            $session.EncryptThenMac | Should -BeFalse
        }
        finally {
            $server | Stop-TlsServer
        }
    }

    It 'refuses -Bugs and -Compression with clear errors' {
        { Start-TlsServer -Port 0 -Bugs } | Should -Throw -ErrorId 'BugWorkaroundsNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        { Start-TlsServer -Port 0 -Compression } | Should -Throw -ErrorId 'CompressionNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'Records and socket I/O' {
    It 'caps records at -MaxSendFragment and survives -NonBlockingTest' {
        $server = Start-TlsServer -Port 0 -Www -MaxSendFragment 512 -NonBlockingTest -ReadBufferSize 64
        try {
            $page = curl -sk "https://127.0.0.1:$($server.Port)/"
            ($page -join "`n") | Should -Match '</html>'
        }
        finally {
            $server | Stop-TlsServer
        }
    }

    It 'refuses the OpenSSL engine options with clear errors' {
        { Start-TlsServer -Port 0 -Async } | Should -Throw -ErrorId 'AsyncJobsNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        { Start-TlsServer -Port 0 -MaxPipelines 2 } | Should -Throw -ErrorId 'PipelinesNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        { Start-TlsServer -Port 0 -RandomSeedPath ./seed } | Should -Throw -ErrorId 'RandomSeedNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}
