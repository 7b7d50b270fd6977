# Start-TlsServer -Engine System: the operating system's TLS through .NET's SslStream.
# Needs openssl and curl on PATH; renegotiation needs Linux (or Windows).

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $script:dir = Join-Path ([System.IO.Path]::GetTempPath()) ("tlsserver-system-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $dir -Force | Out-Null
    $ca = New-TlsCertificate -Type CA -Subject 'CN=Pester CA' -Path "$dir/ca.pem"
    $null = New-TlsCertificate -Type Client -Subject 'CN=alice' -Signer $ca -Path "$dir/alice.pem" -KeyPath "$dir/alice.key"

    # The server's own certificates, made with openssl: RSA for localhost, and ECDSA for the SNI name a.test.
    New-TestCertificate -Directory $TestDrive -Name rsa -KeyType Rsa
    New-TestCertificate -Directory $TestDrive -Name a.test -KeyType Ecdsa -DnsName a.test
    $rsa = @{ CertificatePath = "$TestDrive/rsa.crt"; KeyPath = "$TestDrive/rsa.key" }

    # The client PKI made with New-TlsCertificate (CN=TlsServer Test Root; good, expired, unknown...).
    $pki = Join-Path $TestDrive 'pki'
    New-TestPki -Directory $pki

    function Start-SystemServer {
        # Start-TlsServer -Port 0 -Engine System with more parameters.
        param([hashtable] $Parameters = @{})

        Start-TlsServer -Port 0 -Engine System @Parameters
    }
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
        $client = Start-SClientPeer -Port $server.Port -Option @('-ign_eof', '-tls1_2', '-cert', "$dir/alice.pem", '-key', "$dir/alice.key")
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
            $client | Stop-PeerProcess
            $server | Stop-TlsServer
        }
    }

    It 'does TLS 1.3 post-handshake auth with a client that offers it' {
        $server = Start-TlsServer -Port 0 -Engine System -Protocol Tls13 -CAFile "$dir/ca.pem"
        $client = Start-SClientPeer -Port $server.Port -Option @('-ign_eof', '-tls1_3', '-enable_pha', '-cert', "$dir/alice.pem", '-key', "$dir/alice.key")
        try {
            $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
            $result = $session | Invoke-TlsRenegotiation -RequestClientCertificate -TimeoutSec 15
            $result.Method | Should -Be 'PostHandshakeAuthentication'
            $result.ClientCertificate.Subject | Should -Be 'CN=alice'
        }
        finally {
            $client | Stop-PeerProcess
            $server | Stop-TlsServer
        }
    }
}

Describe 'The System engine against openssl s_client' {
    BeforeEach {
        $server = $null
        $peers = [System.Collections.Generic.List[object]]::new()
    }

    AfterEach {
        $peers | Stop-PeerProcess
        $server | Stop-TestServer
    }

    It 'handshakes <Protocol> and the session shows it' -ForEach @(
        @{ Protocol = 'Tls12'; Option = '-tls1_2'; ClientProtocol = 'TLSv1.2' }
        @{ Protocol = 'Tls13'; Option = '-tls1_3'; ClientProtocol = 'TLSv1.3' }
    ) {
        $server = Start-SystemServer (@{ Protocol = $Protocol } + $rsa)

        $client = Invoke-SClient -Port $server.Port -Option $Option, '-CAfile', "$TestDrive/rsa.crt", '-verify_return_error'

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -BeExactly $ClientProtocol
        $session = Wait-OneEndedTlsSession $server
        "$($session.Protocol)" | Should -BeExactly $Protocol
        $session.CipherSuiteOpenSsl | Should -BeExactly $client.CipherSuite
        "$($session.State)" | Should -BeExactly 'Closed'
        (Get-TlsSession -Server $server).ClientHello.Ja4 | Should -Not -BeNullOrEmpty
        @($session.OfferedCipherSuites) | Should -Not -BeNullOrEmpty
        "$((Get-TlsServer -Id $server.Id).Engine)" | Should -BeExactly 'System'
    }

    It 'lets the cipher string decide the suite: <OpenSslName> with <Version>' -ForEach @(
        @{ Parameters = @{ Protocol = 'Tls12'; Cipher = 'ECDHE-RSA-AES128-GCM-SHA256' }; Version = '-tls1_2'; OpenSslName = 'ECDHE-RSA-AES128-GCM-SHA256'; IanaName = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' }
        @{ Parameters = @{ Protocol = 'Tls12'; Cipher = 'ECDHE+CHACHA20' }; Version = '-tls1_2'; OpenSslName = 'ECDHE-RSA-CHACHA20-POLY1305'; IanaName = 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256' }
        @{ Parameters = @{ Protocol = 'Tls13'; CipherSuite = 'TLS_CHACHA20_POLY1305_SHA256' }; Version = '-tls1_3'; OpenSslName = 'TLS_CHACHA20_POLY1305_SHA256'; IanaName = 'TLS_CHACHA20_POLY1305_SHA256' }
        @{ Parameters = @{ Protocol = 'Tls13'; CipherSuite = 'TLS_AES_128_GCM_SHA256' }; Version = '-tls1_3'; OpenSslName = 'TLS_AES_128_GCM_SHA256'; IanaName = 'TLS_AES_128_GCM_SHA256' }
    ) {
        $server = Start-SystemServer ($Parameters + $rsa)

        $client = Invoke-SClient -Port $server.Port -Option $Version

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.CipherSuite | Should -BeExactly $OpenSslName
        (Wait-OneEndedTlsSession $server).CipherSuite | Should -BeExactly $IanaName
        @($server.CipherSuites | ForEach-Object { "$_" }) | Should -Contain $IanaName
    }

    It 'fails the handshake when the client lacks the one suite' {
        $server = Start-SystemServer (@{ Protocol = 'Tls12'; Cipher = 'ECDHE-RSA-AES128-GCM-SHA256' } + $rsa)

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_2', '-cipher', 'ECDHE-RSA-AES256-GCM-SHA384'

        $client.Connected | Should -BeFalse
        "$((Wait-TlsSession -Server $server -State Failed -TimeoutSec 10).State)" | Should -BeExactly 'Failed'
    }

    It 'picks the server''s first ALPN match, and no match is fatal unless -AlpnOptional (offered <Offered>, <Switch>)' -ForEach @(
        @{ Switch = 'AlpnFatal'; Value = $false; Offered = 'h2,http/1.1'; Expected = 'http/1.1'; Connects = $true }
        @{ Switch = 'AlpnOptional'; Value = $true; Offered = 'h2'; Expected = $null; Connects = $true }
        @{ Switch = 'AlpnFatal'; Value = $false; Offered = 'h2'; Expected = $null; Connects = $false }
        @{ Switch = 'AlpnFatal'; Value = $true; Offered = 'h2'; Expected = $null; Connects = $false }
    ) {
        $server = Start-SystemServer @{ Alpn = 'http/1.1', 'h3'; $Switch = $Value }

        $client = Invoke-ExternalTool -Name openssl -ArgumentList 's_client', '-connect', "127.0.0.1:$($server.Port)", '-alpn', $Offered
        $output = $client.StandardOutput + $client.StandardError

        ($output.Contains('Verify return code') -and $client.ExitCode -eq 0) | Should -Be $Connects -Because $output
        if ($Expected) {
            $output | Should -BeLikeExactly "*ALPN protocol: $Expected*"
            (Wait-OneEndedTlsSession $server).ApplicationProtocol | Should -BeExactly $Expected
        }
        elseif ($Connects) {
            $output | Should -BeLikeExactly '*No ALPN negotiated*'
        }
        else {
            $output | Should -BeLikeExactly '*no application protocol*'
        }
    }

    It 'picks the certificate by server name: <Name> gets <Expected>' -ForEach @(
        @{ Name = 'a.test'; Expected = 'a.test' }
        @{ Name = 'other.test'; Expected = 'rsa' }
    ) {
        $server = Start-SystemServer (@{ ServerNameCertificate = @{ 'a.test' = @{ CertificatePath = "$TestDrive/a.test.crt"; KeyPath = "$TestDrive/a.test.key" } } } + $rsa)

        $client = Invoke-SClient -Port $server.Port -Option '-servername', $Name, '-CAfile', "$TestDrive/$Expected.crt", '-verify_return_error'

        $client.Connected | Should -BeTrue -Because $client.Output
        (Wait-OneEndedTlsSession $server).ServerName | Should -BeExactly $Name
        (Get-TlsSession -Server $server).ServerCertificate.Subject | Should -BeLikeExactly "*$(if ($Expected -eq 'rsa') { 'CN=localhost' } else { "CN=$Name" })*"
    }

    It 'verifies the <Who> client certificate over <Protocol> (-VerifyReturnError:<ReturnError>) with code <Code>' -ForEach @(
        @{ Who = 'good'; Protocol = 'Tls12'; Version = '-tls1_2'; ReturnError = $false; Code = 0 }
        @{ Who = 'good'; Protocol = 'Tls13'; Version = '-tls1_3'; ReturnError = $false; Code = 0 }
        @{ Who = 'expired'; Protocol = 'Tls12'; Version = '-tls1_2'; ReturnError = $false; Code = 10 }
        @{ Who = 'expired'; Protocol = 'Tls13'; Version = '-tls1_3'; ReturnError = $true; Code = 10 }
        @{ Who = 'unknown'; Protocol = 'Tls12'; Version = '-tls1_2'; ReturnError = $true; Code = 20 }
    ) {
        $server = Start-SystemServer @{ Protocol = $Protocol; ClientCertificate = 'Require'; CAFile = "$pki/ca.pem"; VerifyReturnError = $ReturnError }
        $refused = $ReturnError -and $Code -ne 0

        $client = Start-SClientPeer -Port $server.Port -Option '-ign_eof', '-brief', $Version, '-cert', "$pki/$Who.pem", '-key', "$pki/$Who.key"
        $peers.Add($client)

        # SslStream judges the certificate once OpenSSL's handshake is done: a refused client may see it established, then closed.
        $session = Wait-TlsSession -Server $server -State $(if ($refused) { 'Failed' } else { 'Established' }) -TimeoutSec 15
        $session | Should -HaveCount 1
        $session.ClientVerifyResult.ErrorCode | Should -Be $Code
        "$($session.Error)".Contains('rejected') | Should -Be $refused
        if (-not $refused) {
            { Wait-PeerOutput -Peer $client -Text 'CONNECTION ESTABLISHED' } | Should -Not -Throw
        }
        $session.ClientCertificate.Thumbprint | Should -Not -BeNullOrEmpty
        $session.ClientCertificateChain[0].Thumbprint | Should -BeExactly $session.ClientCertificate.Thumbprint
    }

    It 'refuses a client without certificate under -ClientCertificate Require, and the request names the CA' {
        $server = Start-SystemServer @{ Protocol = 'Tls12'; ClientCertificate = 'Require'; CAFile = "$pki/ca.pem" }

        $client = Invoke-SClientText -Port $server.Port -Option '-tls1_2'

        $client | Should -BeLikeExactly '*CN = TlsServer Test Root*'
        $session = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15
        $session | Should -HaveCount 1
        $session.ClientCertificate | Should -BeNullOrEmpty
    }

    It 'names every parameter it cannot honour in one error and starts nothing' {
        $server = 'not started'
        $failure = $null
        try {
            $server = Start-TlsServer -Port 0 -Engine System -NoCertificate -Msg -Group x25519 -NoTicket -KeyLogPath ./keys.log
        }
        catch {
            $failure = $_
        }

        $failure.FullyQualifiedErrorId | Should -BeExactly 'EngineUnsupportedParameter,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        "$($failure.CategoryInfo.Category)" | Should -BeExactly 'NotImplemented'
        foreach ($parameter in '-NoCertificate', '-Msg', '-Group', '-NoTicket', '-KeyLogPath') {
            $failure.Exception.Message | Should -BeLikeExactly "*$parameter*"
        }
        $server | Should -BeExactly 'not started'
        $server = $null
    }

    It 'starts the BouncyCastle engine with the same parameters, and by default' {
        $server = Start-TlsServer -Port 0 -Engine BouncyCastle -Msg -Group x25519 -NoTicket
        $default = Start-TlsServer -Port 0
        try {
            (Invoke-SClient -Port $server.Port).Connected | Should -BeTrue
            "$($server.Engine)" | Should -BeExactly 'BouncyCastle'
            "$($default.Engine)" | Should -BeExactly 'BouncyCastle'
        }
        finally {
            $default | Stop-TestServer
        }
    }

    It 'refuses an Ed25519 key with its own error' {
        $null = New-TlsCertificate -Type Server -Subject 'CN=localhost' -KeyAlgorithm Ed25519 -Path "$TestDrive/ed.pem" -KeyPath "$TestDrive/ed.key"

        { Start-SystemServer @{ CertificatePath = "$TestDrive/ed.pem"; KeyPath = "$TestDrive/ed.key" } } |
            Should -Throw -ErrorId 'EngineUnsupportedKey,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'The application modes on the System engine' {
    BeforeEach {
        $server = $null
        $peers = [System.Collections.Generic.List[object]]::new()
    }

    AfterEach {
        $peers | Stop-PeerProcess
        $server | Stop-TestServer
    }

    It 'serves the status page to curl over TLS <Version>' -ForEach @(
        @{ Version = '1.2' }
        @{ Version = '1.3' }
    ) {
        $server = Start-SystemServer @{ Www = $true }

        $response = Invoke-CurlRequest "https://127.0.0.1:$($server.Port)/" -Option "--tlsv$Version", '--tls-max', $Version

        $response.Status | Should -Be 200 -Because $response.StandardError
        $response.Text | Should -BeLikeExactly "*<td id=`"protocol`">Tls1$($Version[2])</td>*"
        "$((Wait-TlsSession -Server $server -State Closed -TimeoutSec 10).State)" | Should -BeExactly 'Closed'
    }

    It 'serves a file of -WwwRoot to curl, with ALPN' {
        $root = Join-Path $TestDrive 'www'
        $null = New-Item -ItemType Directory -Path $root -Force
        Set-Content -LiteralPath (Join-Path $root 'hello.txt') -Value 'hello from the system engine' -NoNewline
        $server = Start-SystemServer @{ WwwRoot = $root; Alpn = 'http/1.1' }

        $response = Invoke-CurlRequest "https://127.0.0.1:$($server.Port)/hello.txt"

        $response.Status | Should -Be 200 -Because $response.StandardError
        $response.Text | Should -BeExactly 'hello from the system engine'
        (Invoke-CurlRequest "https://127.0.0.1:$($server.Port)/missing.txt").Status | Should -Be 404
        @(Get-TlsSession -Server $server)[0].ApplicationProtocol | Should -BeExactly 'http/1.1'
    }

    It 'sends each line back reversed with -Reverse' {
        $server = Start-SystemServer @{ Reverse = $true }
        $client = Start-SClientPeer -Port $server.Port -Option '-ign_eof', '-quiet'
        $peers.Add($client)

        Send-PeerInput -Peer $client -Text "hello system`n"

        { Wait-PeerOutput -Peer $client -Text 'metsys olleh' } | Should -Not -Throw
        Send-PeerInput -Peer $client -Text "CLOSE`n"
        Wait-PeerExit -Peer $client | Should -BeTrue
    }

    It 'carries interactive data both ways, and -Plaintext breaks the client''s TLS' {
        $server = Start-SystemServer
        $client = Start-SClientPeer -Port $server.Port -Option '-ign_eof', '-quiet'
        $peers.Add($client)
        $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 15

        Send-PeerInput -Peer $client -Text "from the client`n"
        $session | Receive-TlsData -Wait -TimeoutSec 15 | Should -BeLikeExactly '*from the client*'
        $session | Send-TlsData -Text "from the server`n"
        { Wait-PeerOutput -Peer $client -Text 'from the server' } | Should -Not -Throw

        $session | Send-TlsData -Plaintext ([System.Text.Encoding]::ASCII.GetBytes("this is not TLS`n"))
        Wait-PeerExit -Peer $client | Should -BeTrue
        Get-PeerOutput -Peer $client | Should -BeLikeExactly '*wrong version number*'
        (Get-TlsSession -Server $server -Id $session.Id).PlaintextBytesSent | Should -Be 16
    }
}

Describe 'Connected commands on the System engine' {
    BeforeAll {
        function Connect-SystemSession {
            # Starts $server on the System engine with Parameters, connects s_client with Option (script scope
            # $client), and returns the established session.
            param([hashtable] $Parameters, [string[]] $Option)

            $script:server = Start-SystemServer $Parameters
            $script:client = Start-SClientPeer -Port $server.Port -Option (@('-ign_eof') + $Option)
            $peers.Add($client)
            $established = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
            $established | Should -Not -BeNullOrEmpty -Because (Get-PeerOutput -Peer $client)
            $established
        }

        function Get-ActionText {
            # What the session's activity log says, for failure messages.
            param($Session)

            (Get-TlsSession -Server $server -Id $Session.Id).Actions -join "`n"
        }
    }

    BeforeEach {
        $script:server = $null
        $script:client = $null
        $peers = [System.Collections.Generic.List[object]]::new()
    }

    AfterEach {
        $peers | Stop-PeerProcess
        $server | Stop-TestServer
    }

    It 'renegotiates TLS 1.2 to ask for the certificate in a second handshake' {
        $session = Connect-SystemSession @{ Protocol = 'Tls12' } '-tls1_2', '-msg', '-cert', "$pki/good.pem", '-key', "$pki/good.key"
        $session.ClientCertificate | Should -BeNullOrEmpty

        $result = @($session | Invoke-TlsRenegotiation -RequestClientCertificate -TimeoutSec 15)

        $result | Should -HaveCount 1
        "$($result[0].Method)" | Should -BeExactly 'Renegotiation'
        $result[0].Completed | Should -BeTrue -Because ((Get-ActionText $session) + (Get-PeerOutput -Peer $client))
        $result[0].ClientCertificate.Subject | Should -BeExactly 'CN=good'
        Wait-PeerOutput -Peer $client -Text '], CertificateVerify' -TimeoutSec 10
        $output = Get-PeerOutput -Peer $client
        $helloRequest = $output.IndexOf('<<< TLS 1.2, Handshake [length 0004], HelloRequest', [StringComparison]::Ordinal)
        $helloRequest | Should -BeGreaterThan 0 -Because $output
        [regex]::Matches($output, [regex]::Escape('], ClientHello')).Count | Should -Be 2
        $output.IndexOf('], CertificateRequest', $helloRequest, [StringComparison]::Ordinal) | Should -BeGreaterThan $helloRequest
        $output.Substring($helloRequest) | Should -Match '>>> TLS 1\.2, Handshake \[length [0-9a-f]{4}\], Certificate\r?\n'

        $after = Get-TlsSession -Server $server -Id $session.Id
        $after.Renegotiations | Should -Be 1
        "$($after.State)" | Should -BeExactly 'Established'
        $after.ClientVerifyResult.ErrorCode | Should -Be 20
        ($after.Actions -join "`n") | Should -BeLikeExactly '*ClientCertificateRequest*'

        # the connection goes on under the new keys
        Send-PeerInput -Peer $client -Text "after the renegotiation`n"
        $session | Receive-TlsData -Wait -TimeoutSec 15 | Should -BeLikeExactly '*after the renegotiation*'
    }

    It 'does TLS 1.3 post-handshake auth with a client that offers it' {
        $session = Connect-SystemSession @{ Protocol = 'Tls13'; CAFile = "$pki/ca.pem" } '-tls1_3', '-msg', '-enable_pha', '-cert', "$pki/good.pem", '-key', "$pki/good.key"

        $result = @($session | Invoke-TlsRenegotiation -RequestClientCertificate -TimeoutSec 15)

        "$($result[0].Method)" | Should -BeExactly 'PostHandshakeAuthentication'
        $result[0].Completed | Should -BeTrue -Because ((Get-ActionText $session) + (Get-PeerOutput -Peer $client))
        Wait-PeerOutput -Peer $client -Text '], CertificateRequest'
        $finished = '>>> TLS 1.3, Handshake [length 0034], Finished'
        Wait-PeerOutput -Peer $client -Text $finished
        [regex]::Matches((Get-PeerOutput -Peer $client), [regex]::Escape($finished)).Count | Should -Be 2
        $after = Get-TlsSession -Server $server -Id $session.Id
        $after.ClientCertificate.Subject | Should -BeExactly 'CN=good'
        $after.ClientVerifyResult.IsValid | Should -BeTrue
        $after.Renegotiations | Should -Be 1
        Send-PeerInput -Peer $client -Text "still here`n"
        $session | Receive-TlsData -Wait -TimeoutSec 15 | Should -BeLikeExactly '*still here*'
    }

    It 'refuses TLS 1.3 post-handshake auth to a client that did not offer it, with a stable error' {
        $session = Connect-SystemSession @{ Protocol = 'Tls13' } '-tls1_3', '-msg'

        { $session | Invoke-TlsRenegotiation -RequestClientCertificate -ErrorAction Stop } |
            Should -Throw -ErrorId 'PostHandshakeAuthNotOffered,TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand'
        "$((Get-TlsSession -Server $server -Id $session.Id).State)" | Should -BeExactly 'Established'
        Get-PeerOutput -Peer $client | Should -Not -BeLikeExactly '*CertificateRequest*'
    }

    It 'ends the session when -VerifyReturnError refuses the certificate of a renegotiation' {
        $session = Connect-SystemSession @{ Protocol = 'Tls12'; CAFile = "$pki/ca.pem"; VerifyReturnError = $true } '-tls1_2', '-cert', "$pki/expired.pem", '-key', "$pki/expired.key"

        $result = @($session | Invoke-TlsRenegotiation -RequestClientCertificate -TimeoutSec 15)

        $result[0].Completed | Should -BeFalse
        $ended = @(Wait-TlsSession -Server $server -State Failed -TimeoutSec 15)
        $ended | Should -HaveCount 1 -Because ((Get-ActionText $session) + (Get-TlsSession -Server $server -Id $session.Id).Error)
        (Get-TlsSession -Server $server -Id $session.Id).ClientVerifyResult.ErrorCode | Should -Be 10
        $ended[0].Error | Should -BeLikeExactly '*renegotiation failed*'
    }

    It 'refuses what SslStream cannot do with <ErrorId>, a NotImplemented, and the session goes on' -ForEach @(
        @{ Protocol = 'Tls13'; Version = '-tls1_3'; HelloRequestOnly = $false; ErrorId = 'KeyUpdateNotSupported' }
        @{ Protocol = 'Tls12'; Version = '-tls1_2'; HelloRequestOnly = $true; ErrorId = 'HelloRequestNotSupported' }
        @{ Protocol = 'Tls12'; Version = '-tls1_2'; HelloRequestOnly = $false; ErrorId = 'RenegotiationRequiresClientCertificate' }
    ) {
        $session = Connect-SystemSession @{ Protocol = $Protocol } $Version

        $failure = { $session | Invoke-TlsRenegotiation -HelloRequestOnly:$HelloRequestOnly -ErrorAction Stop } |
            Should -Throw -ErrorId "$ErrorId,TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand" -PassThru
        "$($failure.CategoryInfo.Category)" | Should -BeExactly 'NotImplemented'
        "$((Get-TlsSession -Server $server -Id $session.Id).State)" | Should -BeExactly 'Established'
    }

    It 'refuses Send-TlsAlert, while Stop-TlsSession sends close_notify' {
        $session = Connect-SystemSession @{ Protocol = 'Tls12' } '-tls1_2', '-msg'

        { $session | Send-TlsAlert -Description user_canceled -ErrorAction Stop } |
            Should -Throw -ErrorId 'SendAlertNotSupported,TlsServer.PowerShell.Commands.SendTlsAlertCommand'

        $session | Stop-TlsSession
        Wait-PeerExit -Peer $client | Should -BeTrue
        Get-PeerOutput -Peer $client | Should -BeLikeExactly '*<<< TLS 1.2, Alert `[length 0002`], warning close_notify*'
        "$((Get-TlsSession -Server $server -Id $session.Id).State)" | Should -BeExactly 'Closed'
    }
}
