# The engine's crypto on .NET and OpenSSL (AES-GCM, ChaCha20-Poly1305, X25519, .NET signatures): curl, which
# checks every signature and record, completes a request through each TLS 1.3 record cipher.

BeforeDiscovery {
    $curlMissing = -not (Get-Command curl -ErrorAction SilentlyContinue)
    $suites = @(
        @{ Suite = 'TLS_AES_128_GCM_SHA256' }
        @{ Suite = 'TLS_AES_256_GCM_SHA384' }
        @{ Suite = 'TLS_CHACHA20_POLY1305_SHA256' }
    )
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $server = Start-TlsServer -Port 0 -Www
}

AfterAll {
    $server | Stop-TestServer
}

Describe 'TLS 1.3 record ciphers with curl' -Skip:$curlMissing {
    It 'serves the status page over <Suite>' -TestCases $suites {
        param($Suite)

        $response = Invoke-ExternalTool -Name curl -ArgumentList '--silent', '--show-error', '--insecure', '--max-time', '20',
            '--tlsv1.3', '--tls13-ciphers', $Suite, '--curves', 'X25519', "https://localhost:$($server.Port)/"

        $response.ExitCode | Should -Be 0 -Because $response.StandardError
        $response.StandardOutput | Should -Match '<html'
        $session = Get-TlsSession -Server $server | Where-Object { $_.CipherSuite -eq $Suite } | Select-Object -Last 1
        $session.NamedGroup | Should -Be 'x25519'
    }
}

Describe 'Every record cipher and key type with openssl s_client' -Skip:(-not (Get-Command openssl -ErrorAction SilentlyContinue)) {
    # Through each record cipher and key type the engine hands to .NET (AES-GCM, ChaCha20-Poly1305, RSA and ECDSA
    # signatures, X25519, HMAC-SHA256/384 records, the SHA-256/384 transcript hash, HKDF and the TLS 1.2 PRF), the
    # request must decrypt on our side and the response on OpenSSL's; OpenSSL checks the server's signature and
    # Finished, which proves the transcript hash and every derived key.
    BeforeAll {
        New-TestCertificate -Directory $TestDrive -Name rsa -KeyType Rsa
        New-TestCertificate -Directory $TestDrive -Name ec -KeyType Ecdsa
    }

    It 'carries a request and its response through <Suite> with the <Key> key (<Signature>)' -ForEach @(
        @{ Key = 'rsa'; Version = '-tls1_3'; Option = '-ciphersuites'; Suite = 'TLS_AES_128_GCM_SHA256'; Signature = 'RSA-PSS' }
        @{ Key = 'rsa'; Version = '-tls1_3'; Option = '-ciphersuites'; Suite = 'TLS_CHACHA20_POLY1305_SHA256'; Signature = 'RSA-PSS' }
        @{ Key = 'ec'; Version = '-tls1_3'; Option = '-ciphersuites'; Suite = 'TLS_AES_256_GCM_SHA384'; Signature = 'ECDSA' }
        @{ Key = 'ec'; Version = '-tls1_3'; Option = '-ciphersuites'; Suite = 'TLS_CHACHA20_POLY1305_SHA256'; Signature = 'ECDSA' }
        @{ Key = 'rsa'; Version = '-tls1_2'; Option = '-cipher'; Suite = 'ECDHE-RSA-AES128-GCM-SHA256'; Signature = 'RSA' }
        @{ Key = 'rsa'; Version = '-tls1_2'; Option = '-cipher'; Suite = 'ECDHE-RSA-CHACHA20-POLY1305'; Signature = 'RSA' }
        @{ Key = 'ec'; Version = '-tls1_2'; Option = '-cipher'; Suite = 'ECDHE-ECDSA-AES256-GCM-SHA384'; Signature = 'ECDSA' }
        @{ Key = 'rsa'; Version = '-tls1_2'; Option = '-cipher'; Suite = 'ECDHE-RSA-AES128-SHA256'; Signature = 'RSA' }
        @{ Key = 'ec'; Version = '-tls1_2'; Option = '-cipher'; Suite = 'ECDHE-ECDSA-AES256-SHA384'; Signature = 'ECDSA' }
    ) {
        $ownServer = Start-TlsServer -Port 0 -Www -CertificatePath "$TestDrive/$Key.crt" -KeyPath "$TestDrive/$Key.key"
        try {
            # TLS 1.2 ECDSA also needs the certificate's curve among the client's groups.
            $sigalgs = @(if ($Key -eq 'rsa' -and $Version -eq '-tls1_2') { '-sigalgs', 'RSA+SHA256' })

            $client = Invoke-SClient -Port $ownServer.Port -Option (@($Version, $Option, $Suite, '-groups', 'X25519:P-256', '-ign_eof') + $sigalgs) -InputText "GET / HTTP/1.0`r`n`r`n"
        }
        finally {
            $ownServer | Stop-TestServer
        }

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.CipherSuite | Should -Be $Suite
        $client.Output | Should -Match "(?m)^Signature type: $Signature\s*$"
        Get-SClientField -Output $client.Output -Name 'Server Temp Key' | Should -BeLike '*X25519*'
        $client.StandardOutput | Should -BeLike '*HTTP/1.1 200 OK*'
        $client.StandardOutput | Should -BeLike '*</html>*'
    }
}
