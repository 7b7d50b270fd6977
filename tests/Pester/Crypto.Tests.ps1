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
