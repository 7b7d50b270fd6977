# sslscan, a third-party scanner, against a default server: nothing weak is offered unless asked for; and s_client
# sees secure renegotiation signalled.

BeforeDiscovery {
    $sslscanMissing = -not (Get-Command sslscan -ErrorAction SilentlyContinue)
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'A default server under scrutiny' {
    BeforeEach {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'offers nothing weak to sslscan' -Skip:$sslscanMissing {
        $scan = Invoke-ExternalTool -Name sslscan -ArgumentList '--no-colour', "127.0.0.1:$($server.Port)" -TimeoutSec 180

        $report = $scan.StandardOutput
        $scan.ExitCode | Should -Be 0 -Because $scan.StandardError
        foreach ($old in 'SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1') {
            $report | Should -Match "(?m)^$([regex]::Escape($old))\s+disabled$"
        }
        $report | Should -Match '(?m)^TLSv1\.2\s+enabled$'
        $report | Should -Match '(?m)^TLSv1\.3\s+enabled$'
        $accepted = @([regex]::Matches($report, '(?m)^(?:Preferred|Accepted)\s+TLSv1\.[23]\s+(\d+) bits\s+(\S+)'))
        $accepted | Should -Not -BeNullOrEmpty
        foreach ($suite in $accepted) {
            $suite.Groups[2].Value | Should -Not -Match 'RC4|DES|NULL|EXP|ADH|AECDH|MD5|anon'
            [int]$suite.Groups[1].Value | Should -BeGreaterOrEqual 128 -Because $suite.Value
        }
        $groupSection = ($report.Substring($report.IndexOf('Key Exchange Group(s):', [System.StringComparison]::Ordinal)) -split "`n`n")[0]
        $groups = @([regex]::Matches($groupSection, '(?m)^TLSv1\.[23]\s+(\d+) bits\s+(\S+)'))
        $groups | Should -Not -BeNullOrEmpty
        foreach ($group in $groups) {
            [int]$group.Groups[1].Value | Should -BeGreaterOrEqual 112 -Because $group.Value
        }
        $report | Should -Not -BeLike '*Insecure session renegotiation supported*'
        $report.Replace('not vulnerable to heartbleed', '') | Should -Not -BeLike '*vulnerable to heartbleed*'
        $report | Should -Not -BeLike '*Compression enabled*'
    }

    It 'signals secure renegotiation to s_client' -Skip:$openSslMissing {
        $output = Invoke-SClientText -Port $server.Port -Option '-tls1_2'

        $output | Should -BeLike '*Secure Renegotiation IS supported*'
        (Wait-TlsSession -Server $server -State Closed -TimeoutSec 10).SecureRenegotiation | Should -BeTrue
    }
}
