# Start-TlsServer -Www: the status page over curl and Invoke-WebRequest, and keep-alive (several requests, one
# connection).

BeforeDiscovery {
    $curlMissing = -not (Get-Command curl -ErrorAction SilentlyContinue)
    if ($curlMissing) {
        Write-Warning 'curl is not on PATH: the curl tests are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $curlMissing = -not (Test-ExternalTool curl)
}

Describe 'The -Www status page fetched with curl' -Skip:$curlMissing {
    Context 'one request' {
        BeforeAll {
            $server = $null
            if ($curlMissing) {
                return
            }

            $server = Start-TlsServer -Port 0 -Www
            $response = Invoke-ExternalTool -Name curl -ArgumentList '--silent', '--show-error', '--insecure', '--max-time', '20', "https://localhost:$($server.Port)/"
            $page = $response.StandardOutput
            $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 15
        }

        AfterAll {
            $server | Stop-TestServer
        }

        It 'answers curl -k' {
            $response.ExitCode | Should -Be 0 -Because $response.StandardError
        }

        It 'returns an HTML page' {
            $page | Should -Match '^<!DOCTYPE html>'
            $page | Should -Match '</html>\s*$'
        }

        It 'shows the protocol and cipher suite the connection negotiated' {
            $page | Should -Match ('<td id="protocol">{0}</td>' -f $session.Protocol)
            $page | Should -Match ('<td id="cipher-suite">{0}</td>' -f [regex]::Escape($session.CipherSuite))
            $page | Should -Match ('<td id="cipher-suite-openssl">{0}</td>' -f [regex]::Escape($session.CipherSuiteOpenSsl))
        }

        It 'lists the cipher suites curl offered that the server has too' {
            $page | Should -Match '<ol id="shared-cipher-suites">'
            $page | Should -Match ('<li>{0}</li>' -f [regex]::Escape($session.OfferedCipherSuites[0]))
        }

        It 'shows the host name curl sent with SNI' {
            $session.ServerName | Should -Be 'localhost'
            $page | Should -Match '<td id="server-name">localhost</td>'
        }

        It 'shows the server statistics and a timestamp' {
            $page | Should -Match '<table id="statistics">'
            $page | Should -Match '<td id="connections-accepted">1</td>'
            $page | Should -Match 'id="timestamp"'
        }

        It 'records a completed session that curl closed' {
            $session | Should -HaveCount 1
            $session.HandshakeCompleted | Should -BeTrue
            $session.BytesReceived | Should -BeGreaterThan 0
            $session.BytesSent | Should -BeGreaterThan $page.Length
        }
    }

    Context 'several URLs on one curl command line (keep-alive)' {
        BeforeAll {
            $server = $null
            if ($curlMissing) {
                return
            }

            $server = Start-TlsServer -Port 0 -Www
            $url = "https://127.0.0.1:$($server.Port)/"
            $response = Invoke-ExternalTool -Name curl -ArgumentList '--silent', '--show-error', '--insecure', '--max-time', '30', '--write-out', '[status %{http_code}]', $url, $url, $url
            $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 15
        }

        AfterAll {
            $server | Stop-TestServer
        }

        It 'answers every URL' {
            $response.ExitCode | Should -Be 0 -Because $response.StandardError
            [regex]::Matches($response.StandardOutput, '</html>').Count | Should -Be 3
            [regex]::Matches($response.StandardOutput, '\[status 200\]').Count | Should -Be 3
        }

        It 'serves them all on one connection' {
            $server.Statistics.ConnectionsAccepted | Should -Be 1
            $server.Statistics.HandshakesCompleted | Should -Be 1
        }

        It 'records one session' {
            Get-TlsSession -Server $server | Should -HaveCount 1
        }
    }
}

Describe 'The -Www status page fetched with Invoke-WebRequest' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Www
        $response = Invoke-WebRequest -Uri "https://localhost:$($server.Port)/" -SkipCertificateCheck -TimeoutSec 20
        $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
    }

    AfterAll {
        $server | Stop-TestServer
    }

    It 'answers with 200 and HTML' {
        $response.StatusCode | Should -Be 200
        "$($response.Headers['Content-Type'])" | Should -Match '^text/html'
    }

    It 'shows the negotiated protocol on the page' {
        $response.Content | Should -Match ('<td id="protocol">{0}</td>' -f $session.Protocol)
    }
}

Describe 'The -Www status page and its requests' -Skip:$curlMissing {
    BeforeEach {
        $server = Start-TlsServer -Port 0 -Www
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'gives curl --tlsv1.3 a page that names what was negotiated' {
        $result = Invoke-ExternalTool -Name curl -ArgumentList '-sk', '--tlsv1.3', "https://localhost:$($server.Port)/"

        $result.ExitCode | Should -Be 0 -Because $result.StandardError
        $page = $result.StandardOutput
        $page | Should -BeLike '<!DOCTYPE html>*'
        $page | Should -BeLike '*<td id="protocol">Tls13</td>*'
        $page | Should -BeLike '*<td id="server-name">localhost</td>*'
        $page | Should -BeLike '*<ol id="shared-cipher-suites">*'
        $page | Should -BeLike '*<li>TLS_AES_256_GCM_SHA384</li>*'
        $page | Should -Match '<td id="session-id">'
        $page | Should -Match '<td id="extended-master-secret">(yes|no)</td>'
        $page | Should -BeLike '*<td id="connections-accepted">1</td>*'
        $page | Should -BeLike '*<td id="handshakes-completed">1</td>*'
        $page | Should -BeLike '*id="timestamp"*'
        (Wait-TlsSession -Server $server -State Closed -TimeoutSec 10).ServerName | Should -Be 'localhost'
    }

    It 'serves several TLS 1.2 requests on one connection' {
        $url = "https://127.0.0.1:$($server.Port)/"

        $result = Invoke-ExternalTool -Name curl -ArgumentList '-sk', '--tlsv1.2', '--tls-max', '1.2', '-w', '%{http_code}\n', $url, $url, $url

        $result.ExitCode | Should -Be 0 -Because $result.StandardError
        [regex]::Matches($result.StandardOutput, '</html>').Count | Should -Be 3
        $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        $server.Statistics.ConnectionsAccepted | Should -Be 1
        "$((Get-TlsSession -Server $server).Protocol)" | Should -Be 'Tls12'
    }

    It 'answers a malformed request with 400' {
        $client = Invoke-ExternalTool -Name openssl -ArgumentList 's_client', '-connect', "127.0.0.1:$($server.Port)", '-brief', '-quiet', '-ign_eof' -InputText "NONSENSE`r`n`r`n"

        $client.StandardOutput | Should -BeLike '*HTTP/1.1 400 Bad Request*'
    }

    It 'refuses <Path> with 501 and names the command to use instead' -ForEach @(
        @{ Path = '/reneg' }, @{ Path = '/renegcert' }
    ) {
        $response = Invoke-CurlRequest -Url "https://127.0.0.1:$($server.Port)$Path" -Option '--tlsv1.2', '--tls-max', '1.2'

        $response.Status | Should -Be 501
        $response.Text | Should -BeLike '*Invoke-TlsRenegotiation*'
        "$((Wait-TlsSession -Server $server -State Closed -TimeoutSec 10).State)" | Should -Be 'Closed'
    }
}

Describe 'The -Www status page in headless Chromium' -Skip:(-not (Get-Command chromium -ErrorAction SilentlyContinue)) {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'renders the <Protocol> page, with the negotiated values in its DOM and something on its screenshot' -ForEach @(
        @{ Protocol = 'Tls13' }, @{ Protocol = 'Tls12' }
    ) {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Www -Protocol $Protocol
        $url = "https://127.0.0.1:$($server.Port)/"

        $dom = Invoke-Chromium -Url $url -Option '--dump-dom'

        $dom.ExitCode | Should -Be 0 -Because $dom.StandardError
        $dom.StandardOutput | Should -Match "<td id=`"protocol`">$Protocol</td>"
        $dom.StandardOutput | Should -Match '<td id="cipher-suite">TLS_[A-Z0-9_]+</td>'
        $offered = [regex]::Matches($dom.StandardOutput, '<li>(TLS_[A-Z0-9_]+)</li>')
        @($offered) | Should -Not -BeNullOrEmpty
        $dom.StandardOutput | Should -Match '<td id="handshakes-completed">[1-9][0-9]*</td>'
        $dom.StandardOutput | Should -Match '<td id="extended-master-secret">(yes|no)</td>'

        $screenshot = "$TestDrive/status-$Protocol.png"
        $shot = Invoke-Chromium -Url $url -Option "--screenshot=$screenshot", '--window-size=1024,1400', '--hide-scrollbars'

        $screenshot | Should -Exist -Because ($shot.StandardOutput + $shot.StandardError)
        $image = Read-PngImage -Path $screenshot
        "$($image.Width)x$($image.Height)" | Should -Be '1024x1400'
        [System.Linq.Enumerable]::Count([System.Linq.Enumerable]::Distinct($image.Pixels)) | Should -BeGreaterThan 16 -Because 'a flat colour means nothing was rendered'

        $sessions = @(Wait-TlsSession -Server $server -State Established -Count 2 -TimeoutSec 20)
        foreach ($session in $sessions) {
            "$($session.Protocol)" | Should -Be $Protocol
        }
        $sessions[0].OfferedCipherSuites | Should -Contain $offered[0].Groups[1].Value
    }
}
