# What the server does with a connection: -WwwRoot, -HttpRoot, -Reverse, interactive data, -Www in a browser.
# Needs openssl and curl on PATH; the Chromium test also needs chromium (Debian package).

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $script:root = Join-Path ([System.IO.Path]::GetTempPath()) ("tlsserver-pester-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path "$root/site/sub", "$root/outside" -Force | Out-Null
    Set-Content -Path "$root/site/index.html" -Value '<h1>home</h1>' -NoNewline
    Set-Content -Path "$root/site/sub/data.json" -Value '{"a":1}' -NoNewline
    Set-Content -Path "$root/outside/secret.txt" -Value 'CANARY' -NoNewline
    New-Item -ItemType SymbolicLink -Path "$root/site/out" -Target "$root/outside" | Out-Null
    Set-Content -Path "$root/site/canned" -NoNewline -Value "HTTP/1.1 299 Canned`r`nContent-Length: 2`r`n`r`nok"
}

AfterAll {
    Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
}

Describe '-WwwRoot' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -WwwRoot "$root/site"
        $base = "https://127.0.0.1:$($server.Port)"
    }

    AfterAll {
        $server | Stop-TlsServer
    }

    It 'serves a file with a Content-Type from its extension' {
        $response = Invoke-WebRequest -Uri "$base/sub/data.json" -SkipCertificateCheck
        $response.StatusCode | Should -Be 200
        $response.Headers['Content-Type'] | Should -Be 'application/json'
        $response.Content | Should -Be '{"a":1}'
    }

    It 'serves index.html for a folder' {
        (Invoke-WebRequest -Uri "$base/" -SkipCertificateCheck).Content | Should -Be '<h1>home</h1>'
    }

    It 'answers 404 for a missing file' {
        curl -sk -o /dev/null -w '%{http_code}' "$base/missing.html" | Should -Be '404'
    }

    It 'refuses <Target>' -ForEach @(
        @{ Target = '/../outside/secret.txt'; Status = '400' }
        @{ Target = '/%2e%2e/outside/secret.txt'; Status = '400' }
        @{ Target = '//etc/passwd'; Status = '400' }
        @{ Target = '/..%5coutside%5csecret.txt'; Status = '400' }
        @{ Target = '/index.html%00.txt'; Status = '400' }
        @{ Target = '/out/secret.txt'; Status = '403' }
    ) {
        $body = curl -sk --path-as-is --request-target $Target -w '|%{http_code}' "$base/"
        ($body -split '\|')[-1] | Should -Be $Status
        $body | Should -Not -Match 'CANARY'
    }
}

Describe '-HttpRoot' {
    It 'sends the file as the whole response' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -HttpRoot "$root/site"
        try {
            curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$($server.Port)/canned" | Should -Be '299'
        }
        finally {
            $server | Stop-TlsServer
        }
    }
}

Describe '-Reverse' {
    It 'sends each line back reversed' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Reverse
        try {
            $lines = "hello`nabc`nCLOSE`n" | openssl s_client -connect "127.0.0.1:$($server.Port)" -quiet 2>$null
            $lines | Should -Be @('olleh', 'cba')
        }
        finally {
            $server | Stop-TlsServer
        }
    }
}

Describe 'Interactive mode' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Crlf
    }

    AfterAll {
        $server | Stop-TlsServer
    }

    It 'keeps what the client sent for Receive-TlsData' {
        'ping' | openssl s_client -connect "127.0.0.1:$($server.Port)" -brief 2>$null | Out-Null
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20
        $session | Receive-TlsData | Should -Be "ping`n"
    }

    It 'refuses to send to an ended session' {
        $session = Get-TlsSession -Server $server -State Closed | Select-Object -First 1
        { $session | Send-TlsData 'late' -ErrorAction Stop } | Should -Throw -ErrorId 'SessionClosed,TlsServer.PowerShell.Commands.SendTlsDataCommand'
    }
}

Describe '-Www in a browser' -Skip:(-not (Get-Command chromium -ErrorAction SilentlyContinue)) {
    It 'renders the negotiated protocol' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Www -Protocol Tls13
        $userData = Join-Path $root 'chromium-profile'
        try {
            $dom = chromium --headless --no-sandbox --ignore-certificate-errors --disable-background-networking --disable-gpu `
                --no-first-run "--user-data-dir=$userData" --dump-dom "https://127.0.0.1:$($server.Port)/" 2>$null
            ($dom -join "`n") | Should -Match '<td id="protocol">Tls13</td>'
        }
        finally {
            $server | Stop-TlsServer
        }
    }
}
