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
