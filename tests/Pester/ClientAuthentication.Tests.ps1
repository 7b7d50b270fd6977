# Client certificate authentication and the test PKI: certificates from New-TlsCertificate and New-TlsCrl pass
# openssl verify, and Start-TlsServer -ClientCertificate records (or, with -VerifyReturnError, refuses with OpenSSL's
# alert) what openssl s_client presents.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the s_client and openssl verify tests are skipped.'
    }

    # Each client of New-TestPki: its subject, OpenSSL's verify code, the alert a refusing server sends and how
    # s_client prints it; every one with and without -VerifyReturnError, on TLS 1.2 and 1.3.
    $verifyCases = foreach ($expectation in @(
            @{ Client = 'good'; Subject = 'CN=good'; Code = 0; Alert = $null; ClientSees = $null }
            @{ Client = 'expired'; Subject = 'CN=expired'; Code = 10; Alert = 'certificate_expired'; ClientSees = 'alert certificate expired' }
            @{ Client = 'unknown'; Subject = 'CN=stranger'; Code = 20; Alert = 'unknown_ca'; ClientSees = 'alert unknown ca' }
            @{ Client = 'revoked'; Subject = 'CN=revoked'; Code = 23; Alert = 'certificate_revoked'; ClientSees = 'alert certificate revoked' }
            @{ Client = 'wrong-eku'; Subject = 'CN=server-only'; Code = 26; Alert = 'unsupported_certificate'; ClientSees = 'alert unsupported certificate' }
        )) {
        foreach ($returnError in $false, $true) {
            foreach ($protocol in 'Tls12', 'Tls13') {
                $expectation + @{ ReturnError = $returnError; Protocol = $protocol }
            }
        }
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $ca = New-TlsCertificate -Type CA -Subject 'CN=Pester Root' -Path "$TestDrive/ca.pem"
    $null = New-TlsCertificate -Type Client -Subject 'CN=good' -Signer $ca -Path "$TestDrive/good.pem" -KeyPath "$TestDrive/good.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=expired' -Signer $ca -NotAfter (Get-Date).AddDays(-1) -Path "$TestDrive/expired.pem" -KeyPath "$TestDrive/expired.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=revoked' -Signer $ca -Revoked -Path "$TestDrive/revoked.pem" -KeyPath "$TestDrive/revoked.key"
    $null = New-TlsCrl -Signer $ca -Path "$TestDrive/ca.crl"

    $pki = "$TestDrive/pki"
    if (Test-ExternalTool openssl) {
        New-TestPki -Directory $pki
    }
    $versionOption = @{ Tls12 = '-tls1_2'; Tls13 = '-tls1_3' }

    function Connect-ClientCertificate([int] $Port, [string] $Name, [switch] $CloseAfterHandshake) {
        # s_client with the named client certificate. -ign_eof waits for the server to close, so an alert is seen;
        # with -CloseAfterHandshake it closes when its input ends, for a server that keeps the connection open.
        $arguments = @('s_client', '-connect', "127.0.0.1:$Port", '-tls1_2', '-cert', "$TestDrive/$Name.pem", '-key', "$TestDrive/$Name.key")
        if (-not $CloseAfterHandshake) { $arguments += '-ign_eof' }
        $result = Invoke-ExternalTool -Name openssl -ArgumentList $arguments -TimeoutSec 20
        $result.StandardOutput + $result.StandardError
    }
}

Describe 'New-TlsCertificate' {
    It 'makes a <Algorithm> certificate that openssl verify accepts with its chain' -Skip:$openSslMissing -ForEach @(
        @{ Algorithm = 'Rsa2048' }, @{ Algorithm = 'EcdsaP384' }, @{ Algorithm = 'Ed25519' }
    ) {
        $leaf = New-TlsCertificate -Subject 'CN=leaf' -KeyAlgorithm $Algorithm -Signer $ca -Path "$TestDrive/leaf-$Algorithm.pem"
        $leaf.Subject | Should -Be 'CN=leaf'
        (Invoke-ExternalTool -Name openssl -ArgumentList @('verify', '-CAfile', "$TestDrive/ca.pem", "$TestDrive/leaf-$Algorithm.pem")).StandardOutput |
            Should -Match ': OK'
    }

    It 'writes key files readable by their owner only' -Skip:$IsWindows {
        $null = New-TlsCertificate -KeyPath "$TestDrive/mode.key"
        (Get-Item "$TestDrive/mode.key").UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'refuses to revoke a certificate without a signer' {
        { New-TlsCertificate -Revoked } | Should -Throw -ErrorId 'RevokedWithoutSigner,TlsServer.PowerShell.Commands.NewTlsCertificateCommand'
    }
}

Describe 'Start-TlsServer -ClientCertificate Request' -Skip:$openSslMissing {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile "$TestDrive/ca.pem" -CrlCheck -CrlPath "$TestDrive/ca.crl"
    }

    AfterAll {
        $server | Stop-TlsServer
    }

    It 'records <Name> with verify code <Code> and lets it in' -ForEach @(
        @{ Name = 'good'; Code = 0 }, @{ Name = 'expired'; Code = 10 }, @{ Name = 'revoked'; Code = 23 }
    ) {
        $before = @(Get-TlsSession -Server $server).Count
        $arguments = @('s_client', '-connect', "127.0.0.1:$($server.Port)", '-tls1_2', '-cert', "$TestDrive/$Name.pem", '-key', "$TestDrive/$Name.key")
        $null = Invoke-ExternalTool -Name openssl -ArgumentList $arguments -TimeoutSec 20
        $session = Wait-TlsSession -Server $server -State Closed -Count ($before + 1) -TimeoutSec 10 | Where-Object { $_.ClientCertificate.Subject -eq "CN=$Name" }
        $session.ClientCertificate.Subject | Should -Be "CN=$Name"
        $session.HandshakeCompleted | Should -BeTrue
        $session.ClientVerifyResult.ErrorCode | Should -Be $Code
    }
}

Describe 'Start-TlsServer -VerifyReturnError' -Skip:$openSslMissing {
    BeforeAll {
        $strict = Start-TlsServer -Port 0 -ClientCertificate Require -CAFile "$TestDrive/ca.pem" -VerifyReturnError
    }

    AfterAll {
        $strict | Stop-TlsServer
    }

    It 'refuses an expired client certificate with certificate_expired' {
        Connect-ClientCertificate -Port $strict.Port -Name expired | Should -Match 'alert certificate expired'
        $session = Wait-TlsSession -Server $strict -State Failed -TimeoutSec 10
        $session.Alert.Description | Should -Be 'certificate_expired'
        $session.ClientVerifyResult.ErrorText | Should -Be 'certificate has expired'
    }
}

Describe 'Verification options' {
    It 'refuses <Option>, which BouncyCastle cannot honour' -ForEach @(
        @{ Option = 'x509_strict' }, @{ Option = 'no_check_time' }, @{ Option = 'suiteB_128' }
    ) {
        { Start-TlsServer -Port 0 -ClientCertificate Request -VerifyOption @{ $Option = $true } } |
            Should -Throw -ErrorId 'VerifyOptionNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'CRLs out of their time' -Skip:$openSslMissing {
    BeforeAll {
        $null = New-TlsCrl -Signer $ca -NextUpdate (Get-Date).AddDays(-1) -Path "$TestDrive/expired.crl"
        $stale = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile "$TestDrive/ca.pem" -CrlCheck -CrlPath "$TestDrive/expired.crl"
    }

    AfterAll {
        $stale | Stop-TlsServer
    }

    It 'reports an expired CRL with OpenSSL''s code 12' {
        $null = Connect-ClientCertificate -Port $stale.Port -Name good -CloseAfterHandshake
        $session = Wait-TlsSession -Server $stale -State Closed -TimeoutSec 10
        $session.ClientVerifyResult.ErrorCode | Should -Be 12
        $session.ClientVerifyResult.ErrorText | Should -Be 'CRL has expired'
    }
}

Describe 'A resumed session' -Skip:$openSslMissing {
    BeforeAll {
        $resuming = Start-TlsServer -Port 0 -Protocol Tls12 -ClientCertificate Request -CAFile "$TestDrive/ca.pem"
    }

    AfterAll {
        $resuming | Stop-TlsServer
    }

    It 'reports the client certificate and verify result of its full handshake' {
        $base = @('s_client', '-connect', "127.0.0.1:$($resuming.Port)", '-tls1_2')
        $null = Invoke-ExternalTool -Name openssl -ArgumentList ($base + @('-cert', "$TestDrive/expired.pem", '-key', "$TestDrive/expired.key", '-sess_out', "$TestDrive/session.pem")) -TimeoutSec 20
        $null = Invoke-ExternalTool -Name openssl -ArgumentList ($base + @('-sess_in', "$TestDrive/session.pem")) -TimeoutSec 20
        $resumed = Wait-TlsSession -Server $resuming -State Closed -Count 2 -TimeoutSec 10 | Where-Object Resumed
        $resumed.ClientCertificate.Subject | Should -Be 'CN=expired'
        $resumed.ClientVerifyResult.ErrorCode | Should -Be 10
    }
}

Describe 'Verification options the server honours without BouncyCastle switches' {
    It 'accepts <Option>' -ForEach @(
        @{ Option = 'trusted_first' }, @{ Option = 'no_alt_chains' }, @{ Option = 'policy_check' }
    ) {
        $server = Start-TlsServer -Port 0 -ClientCertificate Request -VerifyOption @{ $Option = $true }
        try {
            $server.Port | Should -BeGreaterThan 0
        }
        finally {
            $server | Stop-TlsServer
        }
    }
}

Describe 'Client certificates of a test PKI against s_client' -Skip:$openSslMissing {
    AfterEach {
        $server | Stop-TestServer
    }

    It '<Client> on <Protocol> with -VerifyReturnError:<ReturnError> is verified with code <Code> and recorded' -ForEach $verifyCases {
        $refused = $ReturnError -and $null -ne $Alert
        $server = Start-TlsServer -Port 0 -Protocol $Protocol -CAFile "$pki/ca.pem" -ClientCertificate Require -CrlCheck -CrlPath "$pki/ca.crl" -VerifyReturnError:$ReturnError
        # -ign_eof keeps s_client reading until the server closes, so a TLS 1.3 alert after its Finished is seen too.
        $options = @('-cert', "$pki/$Client.pem", '-key', "$pki/$Client.key", $versionOption[$Protocol])
        if ($refused) { $options += '-ign_eof' }

        $result = Invoke-SClient -Port $server.Port -Option $options

        $s = Wait-TlsSession -Server $server -State $(if ($refused) { 'Failed' } else { 'Established' }) -TimeoutSec 15
        $s.ClientVerifyResult.ErrorCode | Should -Be $Code
        $s.ClientCertificate.Subject | Should -Be $Subject
        $s.ClientCertificateChain[0].Thumbprint | Should -Be $s.ClientCertificate.Thumbprint
        $s.ClientVerifyResult.IsValid | Should -Be ($Code -eq 0)
        if ($Code -eq 20) {
            $s.ClientVerifyResult.TrustAnchor | Should -BeNullOrEmpty
        }
        else {
            $s.ClientVerifyResult.TrustAnchor.Subject | Should -Be 'CN=TlsServer Test Root'
        }

        if ($Code -ne 0) {
            $s.ClientVerifyResult.ErrorDepth | Should -Be 0
        }

        if ($refused) {
            $result.Output | Should -BeLike "*$ClientSees*"
            $s.Alert.Description | Should -Be $Alert
            "$($s.Alert.Direction)" | Should -Be 'Sent'
            $s.HandshakeCompleted | Should -BeFalse
        }
        else {
            $result.Connected | Should -BeTrue -Because $result.Output
            $result.Output | Should -Not -BeLike '*alert*'
            $s.HandshakeCompleted | Should -BeTrue
        }
    }

    It '-ClientCertificate Require on <Protocol> with -VerifyReturnError:<ReturnError> refuses a client without a certificate with <Alert>' -ForEach @(
        @{ ReturnError = $false; Protocol = 'Tls12'; Alert = 'handshake_failure'; ClientSees = 'alert handshake failure' }
        @{ ReturnError = $true; Protocol = 'Tls12'; Alert = 'handshake_failure'; ClientSees = 'alert handshake failure' }
        @{ ReturnError = $false; Protocol = 'Tls13'; Alert = 'certificate_required'; ClientSees = 'alert certificate required' }
        @{ ReturnError = $true; Protocol = 'Tls13'; Alert = 'certificate_required'; ClientSees = 'alert certificate required' }
    ) {
        $server = Start-TlsServer -Port 0 -Protocol $Protocol -CAFile "$pki/ca.pem" -ClientCertificate Require -VerifyReturnError:$ReturnError

        $result = Invoke-SClient -Port $server.Port -Option $versionOption[$Protocol], '-ign_eof'

        $s = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15
        $result.Output | Should -BeLike "*$ClientSees*"
        $s.Alert.Description | Should -Be $Alert
        $s.ClientVerifyResult | Should -BeNullOrEmpty
        $s.ClientCertificateChain.Count | Should -Be 0
    }

    It '-ClientCertificate Request on <Protocol> lets a client without a certificate in, even with -VerifyReturnError' -ForEach @(
        @{ Protocol = 'Tls12' }, @{ Protocol = 'Tls13' }
    ) {
        $server = Start-TlsServer -Port 0 -Protocol $Protocol -CAFile "$pki/ca.pem" -ClientCertificate Request -VerifyReturnError

        $result = Invoke-SClient -Port $server.Port -Option $versionOption[$Protocol]

        $result.Connected | Should -BeTrue -Because $result.Output
        $s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
        $s.ClientCertificate | Should -BeNullOrEmpty
        $s.ClientVerifyResult | Should -BeNullOrEmpty
    }

    It 'names the subjects of -CAFile in the CertificateRequest' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -CAFile "$pki/ca.pem" -ClientCertificate Request

        $output = Invoke-SClientText -Port $server.Port -Option '-tls1_2'

        $output | Should -BeLike '*Acceptable client certificate CA names*'
        $output | Should -BeLike '*CN = TlsServer Test Root*'
    }

    It 'asks on <Protocol> for the client signature algorithms given' -ForEach @(
        @{ Protocol = 'Tls12' }, @{ Protocol = 'Tls13' }
    ) {
        $server = Start-TlsServer -Port 0 -Protocol $Protocol -CAFile "$pki/ca.pem" -ClientCertificate Request -ClientSignatureAlgorithm 'ECDSA+SHA384', 'RSA-PSS+SHA256'

        $output = Invoke-SClientText -Port $server.Port -Option $versionOption[$Protocol]

        [regex]::Match($output, 'Requested Signature Algorithms: (.+)').Groups[1].Value.Trim() | Should -Be 'ECDSA+SHA384:RSA-PSS+SHA256'
    }

    It 'verifies a chain through an intermediate the client sends' {
        $server = Start-TlsServer -Port 0 -Protocol Tls13 -CAFile "$pki/ca.pem" -ClientCertificate Require -VerifyReturnError

        $result = Invoke-SClient -Port $server.Port -Option '-cert', "$pki/issued.pem", '-cert_chain', "$pki/int.pem", '-key', "$pki/issued.key"

        $result.Connected | Should -BeTrue -Because $result.Output
        $s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15
        $s.ClientVerifyResult.ErrorCode | Should -Be 0
        $s.ClientVerifyResult.VerifiedChain.Count | Should -Be 3
        $s.ClientCertificateChain[1].Subject | Should -Be 'CN=TlsServer Test Issuing'
    }
}

Describe 'A resumed TLS 1.2 session and the client certificate of its full handshake' -Skip:$openSslMissing {
    BeforeAll {
        function Connect-Resumable([int] $Port, [string[]] $Option) {
            # One s_client connection; returns New or Reused as s_client saw it.
            $output = Invoke-SClientText -Port $Port -Option (@('-tls1_2') + $Option)
            $kind = @(Get-SClientHandshakeKind -Output $output)
            $kind | Should -HaveCount 1 -Because $output
            $kind[0]
        }
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'reports <Client>''s verify result <Code> again when resumed <By>' -ForEach @(
        @{ Client = 'good'; By = 'by ticket'; NoTicket = $false; Code = 0 }
        @{ Client = 'good'; By = 'from the cache'; NoTicket = $true; Code = 0 }
        @{ Client = 'expired'; By = 'by ticket'; NoTicket = $false; Code = 10 }
        @{ Client = 'expired'; By = 'from the cache'; NoTicket = $true; Code = 10 }
        @{ Client = 'revoked'; By = 'by ticket'; NoTicket = $false; Code = 23 }
        @{ Client = 'revoked'; By = 'from the cache'; NoTicket = $true; Code = 23 }
    ) {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -ClientCertificate Request -CAFile "$pki/ca.pem" -CrlCheck -CrlPath "$pki/ca.crl" -NoTicket:$NoTicket
        $sessionFile = "$TestDrive/$Client-$NoTicket.session"
        $noTicketOption = @(if ($NoTicket) { '-no_ticket' })
        Connect-Resumable -Port $server.Port -Option (@('-cert', "$pki/$Client.pem", '-key', "$pki/$Client.key", '-sess_out', $sessionFile) + $noTicketOption) | Should -Be 'New'

        Connect-Resumable -Port $server.Port -Option (@('-sess_in', $sessionFile) + $noTicketOption) | Should -Be 'Reused'

        $ended = Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 15
        $first = $ended | Where-Object { -not $_.Resumed }
        $resumed = $ended | Where-Object Resumed
        $resumed.Resumed | Should -BeTrue
        "$($resumed.ResumedBy)" | Should -Be $(if ($NoTicket) { 'SessionId' } else { 'Ticket' })
        $first.ClientVerifyResult.ErrorCode | Should -Be $Code
        $resumed.ClientVerifyResult.ErrorCode | Should -Be $Code
        $resumed.ClientVerifyResult.ErrorText | Should -Be $first.ClientVerifyResult.ErrorText
        $resumed.ClientCertificate.Thumbprint | Should -Be $first.ClientCertificate.Thumbprint
        $resumed.ClientCertificateChain[0].Thumbprint | Should -Be $first.ClientCertificateChain[0].Thumbprint
        $resumed.ClientVerifyResult.TrustAnchor.Subject | Should -Be 'CN=TlsServer Test Root'
        $resumed.ClientVerifyResult.VerifiedChain.Count | Should -Be $first.ClientVerifyResult.VerifiedChain.Count
        if ($Code -ne 0) {
            $resumed.ClientVerifyResult.ErrorDepth | Should -Be 0
            $resumed.ClientVerifyResult.ErrorCertificate.Subject | Should -Be "CN=$Client"
        }
    }

    It 'has no verify result when the full handshake had no client certificate' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -ClientCertificate Request -CAFile "$pki/ca.pem"
        Connect-Resumable -Port $server.Port -Option '-sess_out', "$TestDrive/none.session" | Should -Be 'New'

        Connect-Resumable -Port $server.Port -Option '-sess_in', "$TestDrive/none.session" | Should -Be 'Reused'

        $sessions = Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 15
        $sessions | Should -HaveCount 2
        @($sessions | Where-Object Resumed) | Should -HaveCount 1
        foreach ($session in $sessions) {
            $session.ClientVerifyResult | Should -BeNullOrEmpty
        }
    }
}

Describe 'Typing the client-authentication and PKI commands' {
    It 'completes <Line> with <Expected>' -ForEach @(
        @{ Line = 'Start-TlsServer -ClientCertificate R'; Expected = 'Request' }
        @{ Line = 'Start-TlsServer -ClientCertificate Req'; Expected = 'Require' }
        @{ Line = 'Start-TlsServer -VerifyOption verify_h'; Expected = '@{ verify_hostname = $true }' }
        @{ Line = 'New-TlsCertificate -ExtendedKeyUsage Cli'; Expected = 'ClientAuth' }
        @{ Line = 'New-TlsCertificate -KeyAlgorithm Ed'; Expected = 'Ed25519' }
        @{ Line = 'New-TlsCertificate -Type C'; Expected = 'CA' }
        @{ Line = 'New-TlsCrl -Format D'; Expected = 'Der' }
    ) {
        Get-CompletionText -Line $Line | Should -Contain $Expected
    }
}

Describe 'The format views of verify results and CRLs' {
    BeforeAll {
        function Get-RenderedLine([Parameter(ValueFromPipeline)] $InputObject) {
            # The non-empty lines the default view renders, without colour escapes.
            end {
                ($input | Out-String -Width 250) -replace "`e\[[0-9;]*m", '' -split "`n" |
                    ForEach-Object { $_.TrimEnd() } | Where-Object { $_.Length -gt 0 }
            }
        }
    }

    It 'renders a verify result as a table' -Skip:$openSslMissing {
        $viewCa = New-TlsCertificate -Type CA -Subject 'CN=View CA' -Path "$TestDrive/view-ca.pem"
        $null = New-TlsCertificate -Type Client -Subject 'CN=viewer' -Signer $viewCa -NotAfter ([datetime]::UtcNow.AddDays(-1)) -Path "$TestDrive/viewer.pem" -KeyPath "$TestDrive/viewer.key"
        $server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile "$TestDrive/view-ca.pem"
        try {
            $null = Invoke-ExternalTool -Name openssl -ArgumentList 's_client', '-connect', "127.0.0.1:$($server.Port)", '-cert', "$TestDrive/viewer.pem", '-key', "$TestDrive/viewer.key" -TimeoutSec 15

            $lines = (Wait-TlsSession -Server $server -State Closed -TimeoutSec 15).ClientVerifyResult | Get-RenderedLine
        }
        finally {
            $server | Stop-TestServer
        }

        $lines -match '^IsValid\s+Code\s+ErrorText\s+Depth\s+Certificate\s+TrustAnchor$' | Should -HaveCount 1
        $lines -match '^False\s+10\s+certificate has expired\s+0\s+CN=viewer\s+CN=View CA$' | Should -HaveCount 1
    }

    It 'renders a CRL as a table' {
        $lines = @(New-TlsCertificate -Type CA -Subject 'CN=View CA' | New-TlsCrl | Get-RenderedLine)

        $lines[0] | Should -Match '^Issuer\s+ThisUpdate\s+NextUpdate\s+Revoked$'
        $lines[2] | Should -Match '^CN=View CA\s+.+\s+0$'
    }
}
