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

Describe '-WwwRoot with curl against a hostile root' {
    BeforeAll {
        $hostile = Join-Path $root 'hostile-www'
        New-HostileRoot -Directory $hostile
        Set-Content -LiteralPath "$hostile/root/data.json" -Value '{"a":1}' -NoNewline
        Set-Content -LiteralPath "$hostile/root/logo.svg" -Value '<svg/>' -NoNewline
        Set-Content -LiteralPath "$hostile/root/notes.unknownext" -Value 'x' -NoNewline
        Set-Content -LiteralPath "$hostile/root/name with spaces.txt" -Value 'spaced' -NoNewline
    }

    BeforeEach {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -WwwRoot "$hostile/root"
        $base = "https://127.0.0.1:$($server.Port)"
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'serves <Path> as <ContentType> with its length' -ForEach @(
        @{ Path = '/index.html'; ContentType = 'text/html; charset=utf-8'; Body = '<h1>root</h1>' }
        @{ Path = '/sub/page.html'; ContentType = 'text/html; charset=utf-8'; Body = '<p>page</p>' }
        @{ Path = '/'; ContentType = 'text/html; charset=utf-8'; Body = '<h1>root</h1>' }
        @{ Path = '/data.json'; ContentType = 'application/json'; Body = '{"a":1}' }
        @{ Path = '/logo.svg'; ContentType = 'image/svg+xml'; Body = '<svg/>' }
        @{ Path = '/notes.unknownext'; ContentType = 'application/octet-stream'; Body = 'x' }
        @{ Path = '/name%20with%20spaces.txt'; ContentType = 'text/plain; charset=utf-8'; Body = 'spaced' }
    ) {
        $headers = Invoke-ExternalTool -Name curl -ArgumentList '-sk', '-D', '-', '-o', '/dev/null', "$base$Path"
        $response = Invoke-CurlRequest -Url "$base$Path"

        $response.Status | Should -Be 200
        $response.Text | Should -BeExactly $Body
        $lines = $headers.StandardOutput -split "`n" | ForEach-Object { $_.TrimEnd("`r") }
        $lines | Should -Contain "Content-Type: $ContentType"
        $lines | Should -Contain "Content-Length: $($Body.Length)"
    }

    It 'answers a missing file with 404 and keeps the connection open' {
        $missing = "$base/no-such-file.html"

        $result = Invoke-ExternalTool -Name curl -ArgumentList '-sk', '-w', '%{http_code} %{num_connects}\n', '-o', '/dev/null', $missing, '-o', '/dev/null', "$base/sub/page.html", '-o', '/dev/null', $missing

        $result.StandardOutput.Trim() -split "`n" | Should -Be @('404 1', '200 0', '404 0')
        $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        $server.Statistics.ConnectionsAccepted | Should -Be 1
    }

    It 'sends the headers alone for HEAD and answers other methods with 405' {
        $head = Invoke-ExternalTool -Name curl -ArgumentList '-sk', '-I', "$base/sub/page.html"
        $delete = Invoke-CurlRequest -Url "$base/sub/page.html" -Option '-X', 'DELETE'

        $head.StandardOutput | Should -BeLike '*HTTP/1.1 200 OK*'
        $head.StandardOutput | Should -BeLike '*Content-Length: 11*'
        $delete.Status | Should -Be 405
    }

    It 'sends a 64 MiB file whole' {
        $data = [byte[]]::new(64MB)
        [System.Random]::Shared.NextBytes($data)
        [System.IO.File]::WriteAllBytes("$hostile/root/big.bin", $data)
        $received = Join-Path $hostile 'received.bin'
        try {
            $result = Invoke-ExternalTool -Name curl -ArgumentList '-sk', '-o', $received, '-w', '%{http_code} %{size_download}', "$base/big.bin" -TimeoutSec 180

            $result.StandardOutput.Trim() | Should -Be "200 $($data.Length)"
            [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.IO.File]::ReadAllBytes($received))) |
                Should -Be ([Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($data)))
            (Wait-TlsSession -Server $server -State Closed -TimeoutSec 30).BytesSent | Should -BeGreaterThan $data.Length
        }
        finally {
            Remove-Item -LiteralPath "$hostile/root/big.bin", $received -ErrorAction SilentlyContinue
        }
    }

    It 'refuses every hostile request target of TestData/hostile-paths' {
        $wrong = @(Test-HostilePath -Port $server.Port)

        $wrong | Should -HaveCount 0 -Because ($wrong -join "`n")
    }

    It 'refuses a raw NUL byte in the request line' {
        $client = Invoke-ExternalTool -Name openssl -ArgumentList 's_client', '-connect', "127.0.0.1:$($server.Port)", '-brief', '-quiet', '-ign_eof' `
            -InputText "GET /public.txt`0.html HTTP/1.1`r`nHost: localhost`r`n`r`n"

        $client.StandardOutput | Should -BeLike '*HTTP/1.1 400 Bad Request*'
        $client.StandardOutput.Replace('Bad Request', '') | Should -Not -BeLike '*public*'
    }

    It 'refuses a document root that does not exist' {
        $err = { Start-TlsServer -Port 0 -WwwRoot (Join-Path $hostile 'nope') -ErrorAction Stop } |
            Should -Throw -ErrorId 'DocumentRootNotFound,TlsServer.PowerShell.Commands.StartTlsServerCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe '-HttpRoot with curl and s_client against a hostile root' {
    BeforeAll {
        $hostile = Join-Path $root 'hostile-http'
        New-HostileRoot -Directory $hostile
        # A response no server would make up: an odd status, a custom header, bare-LF and binary bytes in the body.
        $body = [byte[]](0..299 | ForEach-Object { ($_ * 7) % 256 })
        $head = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 299 Canned Response`r`nX-Canned: yes`r`nContent-Type: application/octet-stream`r`nContent-Length: $($body.Length)`r`n`r`n")
        $canned = [byte[]]($head + $body)
        [System.IO.File]::WriteAllBytes("$hostile/root/canned.http", $canned)
    }

    BeforeEach {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -HttpRoot "$hostile/root"
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'gives curl the canned response byte for byte' {
        $saved = Join-Path $hostile 'saved.bin'

        $result = Invoke-ExternalTool -Name curl -ArgumentList '-sk', '--http1.1', '-i', '-o', $saved, '-w', '%{http_code}', "https://127.0.0.1:$($server.Port)/canned.http"

        $result.StandardOutput.Trim() | Should -Be '299'
        [Convert]::ToHexString([System.IO.File]::ReadAllBytes($saved)) | Should -Be ([Convert]::ToHexString($canned))
    }

    It 'gives s_client exactly the file and then close_notify' {
        $client = Start-SClientPeer -Port $server.Port -Option '-quiet', '-ign_eof'
        try {
            Send-PeerInput -Peer $client -Text "GET /canned.http HTTP/1.1`r`nHost: localhost`r`n`r`n"

            Wait-PeerExit -Peer $client -TimeoutSec 20 | Should -BeTrue -Because 's_client must see the connection close'
            [Convert]::ToHexString((Get-PeerOutput -Peer $client -AsByteStream)) | Should -Be ([Convert]::ToHexString($canned))
        }
        finally {
            $client | Stop-PeerProcess
        }

        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        "$($session.State)" | Should -Be 'Closed'
        $session.Error | Should -Be 'HTTP response file sent'
    }

    It 'answers a missing file with 404' {
        (Invoke-CurlRequest -Url "https://127.0.0.1:$($server.Port)/missing.http").Status | Should -Be 404
    }

    It 'refuses every hostile request target of TestData/hostile-paths' {
        $wrong = @(Test-HostilePath -Port $server.Port)

        $wrong | Should -HaveCount 0 -Because ($wrong -join "`n")
    }
}

Describe '-Reverse with s_client' {
    BeforeEach {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Reverse
        $connect = @('s_client', '-connect', "127.0.0.1:$($server.Port)", '-brief')
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'sends each line back reversed over <Version> until CLOSE' -ForEach @(
        @{ Version = '-tls1_2' }, @{ Version = '-tls1_3' }
    ) {
        $client = Invoke-ExternalTool -Name openssl -ArgumentList ($connect + '-quiet', '-ign_eof', $Version) -InputText "hello world`nabc`r`nracecar`n`n12345`nCLOSE`nnever answered`n"

        $client.StandardOutput.Replace("`r", '') | Should -BeExactly "dlrow olleh`ncba`nracecar`n`n54321`n"
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        "$($session.State)" | Should -Be 'Closed'
        $session.Error | Should -Be 'the client sent CLOSE'
    }

    It 'reverses UTF-8 text by character' {
        $client = Invoke-ExternalTool -Name openssl -ArgumentList ($connect + '-quiet', '-ign_eof') -InputText "naïve café`nCLOSE`n"

        $client.StandardOutput | Should -BeExactly "éfac evïan`n"
    }

    It 'sends a line longer than its buffer back in pieces' {
        $client = Invoke-ExternalTool -Name openssl -ArgumentList ($connect + '-quiet', '-ign_eof') -InputText (('a' * 16KB) + "bc`nCLOSE`n")

        $client.StandardOutput.Replace("`r", '') | Should -BeExactly (('a' * 16KB) + "`ncb`n")
    }

    It 'ends cleanly when the client closes right after its line' {
        $client = Invoke-SClient -Port $server.Port -Option '-no_ign_eof' -InputText "abc`n"

        $client.Connected | Should -BeTrue -Because $client.Output
        "$((Wait-TlsSession -Server $server -State Closed -TimeoutSec 10).State)" | Should -Be 'Closed'
    }
}

Describe '-Reverse with a lot of data both ways, under each AEAD cipher' {
    # Past the handshake the server seals and opens application data records itself: these move many records each way,
    # cut wherever the client's writes and the kernel put them, and s_client checks every record's key and sequence.
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Reverse
        $lines = foreach ($i in 0..2999) { -join [char[]](0..($i * 37 % 211) | ForEach-Object { 97 + (($i + $_) % 26) }) }
        $expected = (($lines | ForEach-Object { $reversed = $_.ToCharArray(); [array]::Reverse($reversed); -join $reversed }) -join "`n") + "`n"
    }

    AfterAll {
        $server | Stop-TestServer
    }

    It 'answers 3,000 lines over <Suite>' -ForEach @(
        @{ Suite = 'TLS_AES_128_GCM_SHA256'; Option = '-tls1_3', '-ciphersuites', 'TLS_AES_128_GCM_SHA256' }
        @{ Suite = 'TLS_AES_256_GCM_SHA384'; Option = '-tls1_3', '-ciphersuites', 'TLS_AES_256_GCM_SHA384' }
        @{ Suite = 'TLS_CHACHA20_POLY1305_SHA256'; Option = '-tls1_3', '-ciphersuites', 'TLS_CHACHA20_POLY1305_SHA256' }
        @{ Suite = 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'; Option = '-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256' }
        @{ Suite = 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'; Option = '-tls1_2', '-cipher', 'ECDHE-ECDSA-CHACHA20-POLY1305' }
        @{ Suite = 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256'; Option = '-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-SHA256' }
    ) {
        $before = @(Get-TlsSession -Server $server).Count
        $client = Invoke-ExternalTool -Name openssl -TimeoutSec 60 -InputText (($lines -join "`n") + "`nCLOSE`n") -ArgumentList (
            @('s_client', '-connect', "127.0.0.1:$($server.Port)", '-quiet', '-ign_eof') + $Option)

        $client.StandardOutput.Replace("`r", '') | Should -BeExactly $expected -Because $client.StandardError
        # Its last record, the server's close_notify, also opened: s_client saw no error.
        $client.StandardError | Should -Not -Match ':error:'
        $client.ExitCode | Should -Be 0
        $session = @(Get-TlsSession -Server $server)[$before]
        $session.CipherSuite | Should -Be $Suite
        $session.BytesReceived | Should -BeGreaterThan 300KB
    }

    It 'goes on after the client''s KeyUpdates over <Suite>' -ForEach @(
        @{ Suite = 'TLS_AES_128_GCM_SHA256' }
        @{ Suite = 'TLS_CHACHA20_POLY1305_SHA256' }
    ) {
        $own = Start-TlsServer -Port 0 -Address 127.0.0.1 -Reverse
        $client = Start-SClientPeer -Port $own.Port -Option '-msg', '-tls1_3', '-ciphersuites', $Suite
        try {
            Send-PeerInput -Peer $client -Text "before any update`n"
            Wait-PeerOutput -Peer $client 'etadpu yna erofeb'
            # s_client reads K (asks for the server's KeyUpdate in return) and k (does not) only as a read of their own.
            Send-PeerInput -Peer $client -Text "K`n"
            Wait-PeerOutput -Peer $client '>>> TLS 1.3, Handshake [length 0005], KeyUpdate'
            Send-PeerInput -Peer $client -Text "$($lines[2999])`n"
            Wait-PeerOutput -Peer $client ($expected -split "`n")[2999]
            Send-PeerInput -Peer $client -Text "k`n"
            Wait-PeerOutput -Peer $client -Pattern '(?s)>>> TLS 1\.3, Handshake \[length 0005\], KeyUpdate.*>>> TLS 1\.3, Handshake \[length 0005\], KeyUpdate'
            Send-PeerInput -Peer $client -Text "after both updates`nCLOSE`n"
            Wait-PeerOutput -Peer $client 'setadpu htob retfa'
            $session = Wait-TlsSession -Server $own -State Closed -TimeoutSec 15
            $session.KeyUpdatesReceived | Should -Be 2
            $session.KeyUpdatesSent | Should -Be 1
            # The server's KeyUpdate answered the K, before the line that followed it came back.
            Get-PeerOutput -Peer $client | Should -Match ('(?s)<<< TLS 1\.3, Handshake \[length 0005\], KeyUpdate.*' + [regex]::Escape(($expected -split "`n")[2999]))
        }
        finally {
            $client | Stop-PeerProcess
            $own | Stop-TestServer
        }
    }
}
