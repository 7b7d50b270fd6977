# What a user reads: every table view fits 80 columns, a session converts to JSON whole at ConvertTo-Json's default
# depth, and cipher-string warnings name what the user wrote.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    New-TestCertificate -Directory $TestDrive -Name rsa
    $ca = New-TlsCertificate -Type CA -Subject 'CN=Output CA' -Path "$TestDrive/ca.pem"
    $null = New-TlsCertificate -Type Client -Subject 'CN=output client' -Signer $ca -Path "$TestDrive/client.pem" -KeyPath "$TestDrive/client.key"
}

Describe 'ConvertTo-Json of a session' {
    BeforeAll {
        $server = Start-TlsServer -Address 127.0.0.1 -Port 0 -ClientCertificate Request -CAFile "$TestDrive/ca.pem" -Alpn h2
        $null = Invoke-SClient -Port $server.Port -Option '-alpn', 'h2', '-cert', "$TestDrive/client.pem", '-key', "$TestDrive/client.key"
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20
        $json = Get-TlsSession -Server $server | ConvertTo-Json -WarningVariable jsonWarnings
        $parsed = $json | ConvertFrom-Json
    }

    AfterAll {
        $server | Stop-TestServer
    }

    It 'writes no depth warning and stays under 16 KB, client chain and verify result included' {
        $jsonWarnings | Should -HaveCount 0
        $json.Length | Should -BeLessThan 16KB
    }

    It 'names the server by id and name' {
        $parsed.Server.Id | Should -Be $server.Id
        $parsed.Server.Name | Should -Be $server.Name
    }

    It 'writes enums as names and endpoints as text' {
        $parsed.State | Should -Be 'Closed'
        $parsed.Protocol | Should -Be 'Tls13'
        $parsed.Alert.Direction | Should -Be 'Received'
        $parsed.RemoteEndPoint | Should -Match '^127\.0\.0\.1:\d+$'
        $parsed.LocalEndPoint | Should -Be "127.0.0.1:$($server.Port)"
        $json | Should -Match '"State": "Closed"'
    }

    It 'writes certificates as subject, issuer, thumbprint and PEM' {
        $parsed.ServerCertificate.Subject | Should -Be $server.Certificate.Subject
        $parsed.ServerCertificate.Thumbprint | Should -Be $server.Certificate.Thumbprint
        $parsed.ServerCertificate.Pem | Should -Match '^-----BEGIN CERTIFICATE-----'
        $parsed.ClientCertificate.Subject | Should -Be 'CN=output client'
        $parsed.ClientCertificate.Issuer | Should -Be 'CN=Output CA'
        $parsed.ClientCertificateChain[0].Pem | Should -Match '^-----BEGIN CERTIFICATE-----'
        $parsed.ClientVerifyResult.TrustAnchor.Subject | Should -Be 'CN=Output CA'
        $parsed.ClientVerifyResult.VerifiedChain | Should -Be @('CN=output client', 'CN=Output CA')
    }

    It 'writes the ClientHello with its lists whole' {
        $parsed.ClientHello.Extensions | Should -Contain 'application_layer_protocol_negotiation'
        $parsed.ClientHello.ApplicationProtocols | Should -Be @('h2')
        $parsed.ClientHello.CipherSuites.Count | Should -Be $session.ClientHello.CipherSuites.Count
        $parsed.ClientHello.Ja4 | Should -Be $session.ClientHello.Ja4
    }

    It 'keeps the .NET certificate and the extension objects one call away' {
        $session.ServerCertificate.ToX509Certificate2().Thumbprint | Should -Be $server.Certificate.Thumbprint
        ($session.ClientHello.GetExtensions() | Where-Object Name -EQ 'application_layer_protocol_negotiation').Decoded | Should -Match 'h2'
    }
}

Describe 'Table views at 80 columns' {
    BeforeDiscovery {
        $format = [xml](Get-Content -Raw "$PSScriptRoot/../../out/TlsServer/TlsServer.Format.ps1xml")
        $views = @($format.Configuration.ViewDefinitions.View | Where-Object { $_.TableControl } | ForEach-Object {
                @{ Type = $_.ViewSelectedBy.TypeName; Labels = @($_.TableControl.TableHeaders.TableColumnHeader.Label) }
            })
    }

    BeforeAll {
        $tls = Start-TlsServer -Name 'eighty-columns-tls' -Address 127.0.0.1 -Port 0 -Msg -TlsExtDebug -ClientCertificate Request -CAFile "$TestDrive/ca.pem"
        $dtls = Start-TlsServer -Name 'eighty-columns-dtls' -Address 127.0.0.1 -Port 0 -Dtls
        $client = Start-SClientPeer -Port $tls.Port -Option '-ign_eof', '-cert', "$TestDrive/client.pem", '-key', "$TestDrive/client.key"
        $established = Wait-TlsSession -Server $tls -State Established -TimeoutSec 20
        $renegotiation = $established | Invoke-TlsRenegotiation
        $null = Invoke-ExternalTool -Name openssl -ArgumentList 's_client', '-dtls1_2', '-connect', "127.0.0.1:$($dtls.Port)", '-brief' -TimeoutSec 20
        $null = Wait-TlsSession -Server $dtls -State Closed -TimeoutSec 20
        $session = Get-TlsSession -Server $tls -Id $established.Id
        $faulty = Start-TlsServer -Name 'eighty-columns-faults' -Address 127.0.0.1 -Port 0 `
            -Fault (New-TlsFault -After ServerHello -SendAlert internal_error), (New-TlsFault -After ApplicationData -TruncateAfter 100 -Reset)
        $null = Invoke-SClient -Port $faulty.Port
        $faultySession = Wait-TlsSession -Server $faulty -State Closed -TimeoutSec 20

        $samples = @{
            'TlsServer.Engine.Server'                        = @($tls, $dtls)
            'TlsServer.Engine.Session'                       = @(Get-TlsSession -Server $tls, $dtls)
            'TlsServer.Engine.TlsMessage'                    = @(Get-TlsMessage -Session $session)
            'TlsServer.Engine.TlsExtension'                  = @($session.ClientExtensions)
            'TlsServer.Engine.TlsCipherSuite'                = @(Get-TlsCipherSuite 'ALL:COMPLEMENTOFALL')
            'TlsServer.Engine.RenegotiationResult'           = @($renegotiation)
            'TlsServer.Engine.CertificateVerifyResult'       = @($session.ClientVerifyResult)
            'TlsServer.Engine.Pki.CertificateRevocationList' = @(New-TlsCrl -Signer $ca -Path "$TestDrive/ca.crl")
            'TlsServer.Engine.TlsFault'                      = @($faulty.Faults)
            'TlsServer.Engine.TlsFaultEvent'                 = @($faultySession.FaultsApplied + $faultySession.FaultsSkipped)
        }
    }

    AfterAll {
        $client | Stop-PeerProcess
        $tls, $dtls, $faulty | Stop-TestServer
    }

    # A console 80 columns wide gives a table 79 of them (Out-String -Width 79), as a redirected pwsh shows.
    It 'fits <Type> in 80 columns with every header whole' -ForEach $views {
        $samples.ContainsKey($Type) | Should -BeTrue -Because "the test needs objects to show in the $Type view"
        $objects = $samples[$Type]
        $objects | Should -Not -BeNullOrEmpty
        $lines = ($objects | Format-Table | Out-String -Width 79) -split '\r?\n' | ForEach-Object { $_.TrimEnd() }
        $lines | Where-Object Length -GT 79 | Should -BeNullOrEmpty
        $header = $lines | Where-Object { $_ -match "^\s*$([regex]::Escape($Labels[0]))\s" } | Select-Object -First 1
        $header | Should -Not -BeNullOrEmpty
        ($header -split '\s+' | Where-Object { $_ }) | Should -Be $Labels
    }
}

Describe 'Cipher-string warnings' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    It 'names only the part that matched nothing, not the catalog of suites left out' {
        $server = Start-TlsServer -Address 127.0.0.1 -Port 0 -Cipher 'HIGH:NOPE' -WarningVariable cipherWarnings -WarningAction SilentlyContinue
        $cipherWarnings | Should -HaveCount 1
        "$($cipherWarnings[0])" | Should -Be "These parts of the cipher string matched nothing: 'NOPE'."
        (Invoke-SClient -Port $server.Port -Option '-tls1_2', '-cipher', 'HIGH').Connected | Should -BeTrue
    }

    It 'names a suite given by name that the server cannot serve, and why' {
        $server = Start-TlsServer -Address 127.0.0.1 -Port 0 -CertificatePath "$TestDrive/rsa.crt" -KeyPath "$TestDrive/rsa.key" `
            -Cipher 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:HIGH' -WarningVariable cipherWarnings -WarningAction SilentlyContinue
        $cipherWarnings | Should -HaveCount 1
        "$($cipherWarnings[0])" | Should -BeLike 'Cipher suites left out: ECDHE-ECDSA-AES256-GCM-SHA384 (no certificate has a key that can serve it*'
        (Invoke-SClient -Port $server.Port -Option '-tls1_2', '-cipher', 'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256').CipherSuite | Should -Be 'ECDHE-RSA-AES128-GCM-SHA256'
    }

    It 'points a TLS 1.3 suite in -Cipher to -CipherSuite' {
        { Start-TlsServer -Port 0 -Cipher 'TLS_AES_128_GCM_SHA256' } |
            Should -Throw -ErrorId 'CipherStringNoMatch,TlsServer.PowerShell.Commands.StartTlsServerCommand' -ExpectedMessage '*TLS 1.3 suite*-CipherSuite*'
        $null = Start-TlsServer -Port 0 -Cipher 'TLS_AES_128_GCM_SHA256:HIGH' -WarningVariable cipherWarnings -WarningAction SilentlyContinue
        "$cipherWarnings" | Should -BeLike '*-CipherSuite (s_server -ciphersuites)*'
    }
}
