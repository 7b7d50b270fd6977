# Start-TlsServer -KeyLogPath and -KeyingMaterialLabel, checked against what openssl s_client writes and prints for
# the same connection.
BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    function Get-KeyLogLine([string] $Path) {
        # The NSS key log lines of a file, without comments, in ordinal order.
        [string[]] $lines = @(Get-Content -LiteralPath $Path | Where-Object { $_ -and -not $_.StartsWith('#') })
        [Array]::Sort($lines, [StringComparer]::Ordinal)
        $lines
    }

    function Get-KeyLogSecret([string[]] $Line, [string] $Label) {
        # The secret of the one line with Label, as bytes.
        $matching = @($Line | Where-Object { $_.StartsWith("$Label ", [StringComparison]::Ordinal) })
        $matching | Should -HaveCount 1 -Because "the key log has one $Label line"
        [Convert]::FromHexString($matching[0].Split(' ')[2])
    }

    function Get-NextTrafficSecret([byte[]] $Secret) {
        # RFC 8446 7.2: HKDF-Expand-Label(secret, "traffic upd", "", 48) over SHA-384, for TLS_AES_256_GCM_SHA384.
        $label = [System.Text.Encoding]::ASCII.GetBytes('tls13 traffic upd')
        [byte[]] $info = @(0, 48, $label.Length) + $label + @(0)
        [System.Security.Cryptography.HKDF]::Expand([System.Security.Cryptography.HashAlgorithmName]::SHA384, $Secret, 48, $info)
    }
}

Describe 'Key log' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'writes the <Count> lines s_client <Version> writes' -ForEach @(
        @{ Version = '-tls1_2'; Count = 1 }
        @{ Version = '-tls1_3'; Count = 5 }
    ) {
        $server = Start-TlsServer -Port 0 -KeyLogPath "$TestDrive/server$Version.keylog"

        $output = Invoke-SClientText -Port $server.Port -Option $Version, '-keylogfile', "$TestDrive/client$Version.keylog"

        $output | Should -Match 'CONNECTED'
        $null = Wait-OneEndedTlsSession $server
        $expected = Get-KeyLogLine "$TestDrive/client$Version.keylog"
        $expected | Should -HaveCount $Count
        (Get-KeyLogLine "$TestDrive/server$Version.keylog") -join "`n" | Should -BeExactly ($expected -join "`n")
    }

    It 'adds the client''s next traffic secret after its KeyUpdate' {
        $server = Start-TlsServer -Port 0 -KeyLogPath "$TestDrive/update.keylog"

        $client = Invoke-ExternalTool -Name openssl -TimeoutSec 20 -InputText "k`n" -ArgumentList @(
            's_client', '-connect', "127.0.0.1:$($server.Port)", '-tls1_3', '-ciphersuites', 'TLS_AES_256_GCM_SHA384')

        $client.StandardOutput + $client.StandardError | Should -Match 'KEYUPDATE'
        $null = Wait-OneEndedTlsSession $server
        $lines = Get-KeyLogLine "$TestDrive/update.keylog"
        $next = Get-NextTrafficSecret (Get-KeyLogSecret $lines 'CLIENT_TRAFFIC_SECRET_0')
        [Convert]::ToHexString((Get-KeyLogSecret $lines 'CLIENT_TRAFFIC_SECRET_1')) | Should -BeExactly ([Convert]::ToHexString($next))
    }

    It 'adds the server''s next traffic secret when it answers update_requested' {
        $server = Start-TlsServer -Port 0 -Www -KeyLogPath "$TestDrive/requested.keylog"
        $client = Start-SClientPeer -Port $server.Port -Option '-tls1_3', '-ciphersuites', 'TLS_AES_256_GCM_SHA384'
        try {
            # 'K' asks the server to update too; it does so before its next record, the status page.
            $null = Wait-PeerOutput -Peer $client -Pattern '^---$' -TimeoutSec 10
            Send-PeerInput -Peer $client -Text "K`n"
            Wait-PeerOutput -Peer $client 'KEYUPDATE' -TimeoutSec 10
            Send-PeerInput -Peer $client -Text "GET / HTTP/1.0`r`n`r`n"
            Wait-PeerOutput -Peer $client '</html>' -TimeoutSec 10
        }
        finally {
            $client | Stop-PeerProcess
        }

        $null = Wait-OneEndedTlsSession $server
        $lines = Get-KeyLogLine "$TestDrive/requested.keylog"
        $clientNext = Get-NextTrafficSecret (Get-KeyLogSecret $lines 'CLIENT_TRAFFIC_SECRET_0')
        $serverNext = Get-NextTrafficSecret (Get-KeyLogSecret $lines 'SERVER_TRAFFIC_SECRET_0')
        [Convert]::ToHexString((Get-KeyLogSecret $lines 'CLIENT_TRAFFIC_SECRET_1')) | Should -BeExactly ([Convert]::ToHexString($clientNext))
        [Convert]::ToHexString((Get-KeyLogSecret $lines 'SERVER_TRAFFIC_SECRET_1')) | Should -BeExactly ([Convert]::ToHexString($serverNext))
    }
}

Describe 'Keying material' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -KeyingMaterialLabel 'EXPORTER-TlsServer-test' -KeyingMaterialLength 32
    }

    AfterAll {
        $server | Stop-TestServer
    }

    It 'is what s_client <Version> exports' -ForEach @(
        @{ Version = '-tls1_2' }
        @{ Version = '-tls1_3' }
    ) {
        $last = Get-LastTlsSessionId $server

        $output = Invoke-SClientText -Port $server.Port -Option $Version, '-keymatexport', 'EXPORTER-TlsServer-test', '-keymatexportlen', '32'

        $printed = [regex]::Match($output, 'Keying material: ([0-9A-F]+)')
        $printed.Success | Should -BeTrue -Because $output
        $printed.Groups[1].Value.Length | Should -Be 64
        $session = Wait-OneEndedTlsSession $server -After $last
        $session.KeyingMaterial | Should -BeExactly $printed.Groups[1].Value
    }
}

Describe 'Key log and keying material' {
    BeforeAll {
        $serverLog = Join-Path ([System.IO.Path]::GetTempPath()) "tlsserver-pester-$([guid]::NewGuid()).keylog"
        $clientLog = "$serverLog.client"
        $server = Start-TlsServer -Port 0 -KeyLogPath $serverLog -KeyingMaterialLabel 'EXPORTER-pester'
    }

    AfterAll {
        $server | Stop-TlsServer
        Remove-Item $serverLog, $clientLog -ErrorAction SilentlyContinue
    }

    It 'writes the same NSS key log lines as s_client and exports the same keying material' {
        $output = Invoke-SClientText -Port $server.Port -Option '-tls1_3', '-keylogfile', $clientLog, '-keymatexport', 'EXPORTER-pester'
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
        $expected = Get-Content $clientLog | Where-Object { $_ -and $_ -notlike '#*' } | Sort-Object
        Get-Content $serverLog | Sort-Object | Should -Be $expected
        $output | Should -Match "Keying material: $($session.KeyingMaterial)"
    }
}
