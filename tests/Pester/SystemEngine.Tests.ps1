# Start-TlsServer -Engine System: the operating system's TLS through .NET's SslStream.
# Needs openssl and curl on PATH; renegotiation needs Linux (or Windows).

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $script:dir = Join-Path ([System.IO.Path]::GetTempPath()) ("tlsserver-system-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $dir -Force | Out-Null
    $ca = New-TlsCertificate -Type CA -Subject 'CN=Pester CA' -Path "$dir/ca.pem"
    $null = New-TlsCertificate -Type Client -Subject 'CN=alice' -Signer $ca -Path "$dir/alice.pem" -KeyPath "$dir/alice.key"

}

AfterAll {
    Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
}

Describe 'Start-TlsServer -Engine System' {
    It 'serves the status page to curl and shows its engine' {
        $server = Start-TlsServer -Port 0 -Engine System -Www
        try {
            $page = curl -sk "https://127.0.0.1:$($server.Port)/"
            ($page -join "`n") | Should -Match '<td id="protocol">Tls1[23]</td>'
            (Get-TlsServer -Id $server.Id).Engine | Should -Be 'System'
        }
        finally { $server | Stop-TlsServer }
    }

    It 'refuses every parameter it cannot honour in one error' {
        { Start-TlsServer -Port 0 -Engine System -NoCertificate -Msg -Group x25519 } |
            Should -Throw -ErrorId 'EngineUnsupportedParameter,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'Invoke-TlsRenegotiation -RequestClientCertificate' {
    It 'renegotiates TLS 1.2 and records the certificate' {
        $server = Start-TlsServer -Port 0 -Engine System -Protocol Tls12 -CAFile "$dir/ca.pem"
        $client = Start-SClient -Port $server.Port -Option @('-tls1_2', '-cert', "$dir/alice.pem", '-key', "$dir/alice.key")
        try {
            $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
            $result = $session | Invoke-TlsRenegotiation -RequestClientCertificate -TimeoutSec 15
            $result.Method | Should -Be 'Renegotiation'
            $result.Completed | Should -BeTrue
            $after = Get-TlsSession -Server $server -Id $session.Id
            $after.ClientCertificate.Subject | Should -Be 'CN=alice'
            $after.ClientVerifyResult.IsValid | Should -BeTrue
            $after.Renegotiations | Should -Be 1
        }
        finally {
            if (-not $client.HasExited) { $client.Kill() }
            $server | Stop-TlsServer
        }
    }

    It 'does TLS 1.3 post-handshake auth with a client that offers it' {
        $server = Start-TlsServer -Port 0 -Engine System -Protocol Tls13 -CAFile "$dir/ca.pem"
        $client = Start-SClient -Port $server.Port -Option @('-tls1_3', '-enable_pha', '-cert', "$dir/alice.pem", '-key', "$dir/alice.key")
        try {
            $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
            $result = $session | Invoke-TlsRenegotiation -RequestClientCertificate -TimeoutSec 15
            $result.Method | Should -Be 'PostHandshakeAuthentication'
            $result.ClientCertificate.Subject | Should -Be 'CN=alice'
        }
        finally {
            if (-not $client.HasExited) { $client.Kill() }
            $server | Stop-TlsServer
        }
    }
}
