# OCSP stapling end to end: openssl ocsp answers on loopback, Start-TlsServer -Status staples its response, and
# openssl s_client -status shows it.
BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
    $serial = '1001'
    New-TestCertificateAuthority -Directory $TestDrive -Name ca -Subject '/CN=TlsServer Test OCSP CA'

    # openssl ocsp's index: the good leaf, the one without an AIA, and a revoked one.
    $expiry = [DateTime]::UtcNow.AddDays(2).ToString('yyMMddHHmmss') + 'Z'
    $revokedAt = [DateTime]::UtcNow.AddHours(-1).ToString('yyMMddHHmmss') + 'Z'
    Set-Content -LiteralPath "$TestDrive/index.txt" -Value @(
        "V`t$expiry`t`t$serial`tunknown`t/CN=localhost"
        "V`t$expiry`t`t1003`tunknown`t/CN=noaia"
        "R`t$expiry`t$revokedAt,keyCompromise`t1002`tunknown`t/CN=revoked"
    )
    function Start-Responder([string[]] $Validity) {
        # openssl ocsp on a free loopback port, answering from the index; its responses are valid for Validity.
        $peer = Start-PeerProcess openssl (@('ocsp', '-index', "$TestDrive/index.txt", '-port', '0',
            '-rsigner', "$TestDrive/ca.crt", '-rkey', "$TestDrive/ca.key", '-CA', "$TestDrive/ca.crt") + $Validity)
        $port = (Wait-PeerOutput -Peer $peer -Pattern 'ACCEPT .*:(\d+)' -TimeoutSec 10).Groups[1].Value
        [pscustomobject]@{ Peer = $peer; Url = "http://127.0.0.1:$port" }
    }

    $responder = Start-Responder '-ndays', '1'
    $responderUrl = $responder.Url

    New-TestIssuedCertificate -Directory $TestDrive -Name leaf -Issuer ca -KeyType Ecdsa -Serial $serial -OcspUrl $responderUrl
    New-TestIssuedCertificate -Directory $TestDrive -Name revoked -Issuer ca -KeyType Ecdsa -Serial 1002 -OcspUrl $responderUrl
    New-TestIssuedCertificate -Directory $TestDrive -Name noaia -Issuer ca -KeyType Ecdsa -Serial 1003

    function Get-CertificateParameter([string] $Name) {
        # Start-TlsServer's certificate parameters for a certificate of this suite, with its issuer, as stapling needs.
        @{ CertificatePath = "$TestDrive/$Name-chain.pem"; KeyPath = "$TestDrive/$Name.key" }
    }

    function Invoke-StatusClient([int] $Port, [string] $Version) {
        # s_client -status; returns all it wrote, which must show an OCSP status.
        $output = Invoke-SClientText -Port $Port -Option '-status', $Version
        $output | Should -Match 'Cert Status' -Because $output
        $output
    }
}

AfterAll {
    $responder.Peer | Stop-PeerProcess
}

Describe 'Stapling' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'staples the response of the AIA responder for s_client <Version>' -ForEach @(
        @{ Version = '-tls1_2' }
        @{ Version = '-tls1_3' }
    ) {
        $credential = Get-CertificateParameter leaf
        $all = Start-TlsServer -Port 0 @credential -Status -StatusVerbose -Verbose 4>&1
        $server = $all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })

        $output = Invoke-StatusClient $server.Port $Version

        $output | Should -Match 'OCSP Response Status: successful'
        $output | Should -Match 'Cert Status: good'
        $verbose | Should -HaveCount 1
        $verbose[0].Message | Should -Match 'Cert Status: good'
        $session = Wait-OneEndedTlsSession $server
        $session.OcspStapled | Should -BeTrue
        $session.OcspResponse.CertificateStatus | Should -BeExactly 'good'
        $session.OcspResponse.SerialNumber | Should -BeExactly $serial
        $session.OcspResponse.Source | Should -BeExactly "$responderUrl/"
        $session.OcspResponse.NextUpdate | Should -Not -BeNullOrEmpty
    }

    It 'staples a revoked certificate''s response as revoked' {
        $credential = Get-CertificateParameter revoked
        $server = Start-TlsServer -Port 0 @credential -Status -StatusVerbose

        $output = Invoke-StatusClient $server.Port '-tls1_2'

        $output | Should -Match 'Cert Status: revoked'
        $response = (Wait-OneEndedTlsSession $server).OcspResponse
        $response.CertificateStatus | Should -BeExactly 'revoked'
        $response.RevocationTime | Should -Not -BeNullOrEmpty
    }

    It 'asks -StatusUrl for a certificate without an AIA' {
        $credential = Get-CertificateParameter noaia
        $server = Start-TlsServer -Port 0 @credential -StatusUrl $responderUrl -StatusTimeoutSec 5

        $output = Invoke-StatusClient $server.Port '-tls1_3'

        $output | Should -Match 'Cert Status: good'
        (Wait-OneEndedTlsSession $server).OcspStapled | Should -BeTrue
    }

    It 'staples -StatusFile as it is' {
        Invoke-OpenSsl -ArgumentList 'ocsp', '-issuer', "$TestDrive/ca.crt", '-cert', "$TestDrive/leaf.crt", '-url', $responderUrl,
            '-respout', "$TestDrive/leaf-ocsp.der", '-noverify'
        $credential = Get-CertificateParameter leaf
        $server = Start-TlsServer -Port 0 @credential -StatusFile "$TestDrive/leaf-ocsp.der"

        $output = Invoke-StatusClient $server.Port '-tls1_2'

        $output | Should -Match 'Cert Status: good'
        $server.OcspResponse.CertificateStatus | Should -BeExactly 'good'
        $server.OcspResponse.Data |
            Should -BeExactly ([Convert]::ToHexString([System.IO.File]::ReadAllBytes("$TestDrive/leaf-ocsp.der")))
    }

    It 'staples nothing when the client does not ask' {
        $credential = Get-CertificateParameter leaf
        $server = Start-TlsServer -Port 0 @credential -Status

        $output = Invoke-SClientText -Port $server.Port -Option '-tls1_2'

        $output | Should -Not -Match 'OCSP response:'
        (Wait-OneEndedTlsSession $server).OcspStapled | Should -BeFalse
    }
}

# Responses valid for one minute (openssl ocsp -nmin 1, its shortest) from two responders; the second stops answering
# (SIGSTOP: its socket still takes the requests) right after its server starts. The suite waits until both first
# responses have passed their nextUpdate, then connects.
Describe 'Refresh' {
    BeforeAll {
        $credential = Get-CertificateParameter noaia
        $answering = Start-Responder '-nmin', '1'
        $silent = Start-Responder '-nmin', '1'
        $statusTimeoutSec = 120
        $fresh = Start-TlsServer -Port 0 @credential -StatusUrl $answering.Url -StatusVerbose
        $stalled = Start-TlsServer -Port 0 @credential -StatusUrl $silent.Url -StatusVerbose -StatusTimeoutSec $statusTimeoutSec
        & kill -STOP $silent.Peer.Process.Id
        $firstNextUpdate = @($fresh.OcspResponse.NextUpdate, $stalled.OcspResponse.NextUpdate) | Sort-Object -Descending | Select-Object -First 1
        $wait = $firstNextUpdate - [DateTimeOffset]::UtcNow + [TimeSpan]::FromSeconds(1)
        $wait | Should -BeLessThan ([TimeSpan]::FromSeconds(70)) -Because 'openssl ocsp -nmin 1 makes responses valid for a minute'
        if ($wait -gt [TimeSpan]::Zero) {
            Start-Sleep -Milliseconds $wait.TotalMilliseconds
        }
    }

    AfterAll {
        $fresh, $stalled | Stop-TestServer
        if ($silent) {
            & kill -CONT $silent.Peer.Process.Id
        }
        $answering.Peer, $silent.Peer | Stop-PeerProcess
    }

    It 'staples a response fetched in the background after the first one expired, for s_client <Version>' -ForEach @(
        @{ Version = '-tls1_2' }
        @{ Version = '-tls1_3' }
    ) {
        $after = ($fresh | Get-TlsSession | Measure-Object -Property Id -Maximum).Maximum
        $clock = [System.Diagnostics.Stopwatch]::StartNew()

        $output = Invoke-StatusClient $fresh.Port $Version

        $clock.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(15))
        $output | Should -Match 'Cert Status: good'
        $session = Wait-OneEndedTlsSession $fresh -After $after
        $session.OcspStapled | Should -BeTrue
        $session.OcspError | Should -BeNullOrEmpty
        $session.OcspResponse.NextUpdate | Should -BeGreaterThan $fresh.OcspResponse.NextUpdate
        $session.OcspResponse.NextUpdate | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
    }

    It 'does not wait for a responder that stopped answering and staples nothing expired, for s_client <Version>' -ForEach @(
        @{ Version = '-tls1_2' }
        @{ Version = '-tls1_3' }
    ) {
        $after = ($stalled | Get-TlsSession | Measure-Object -Property Id -Maximum).Maximum
        $clock = [System.Diagnostics.Stopwatch]::StartNew()

        $output = Invoke-SClientText -Port $stalled.Port -Option '-status', $Version

        $clock.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(15)) -Because "the refresh waits up to $statusTimeoutSec s, the handshake must not"
        $output | Should -Match 'OCSP response: no response sent'
        $output | Should -Not -Match 'Cert Status'
        $session = Wait-OneEndedTlsSession $stalled -After $after
        $session.HandshakeCompleted | Should -BeTrue
        $session.OcspStapled | Should -BeFalse
        $session.OcspResponse | Should -BeNullOrEmpty
        $session.OcspError | Should -Match 'expired at .* no fresh one has been fetched'
    }

    It 'stops without waiting for the refresh under way' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()

        $stalled | Stop-TlsServer

        $clock.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(15)) -Because "the fetch waits up to $statusTimeoutSec s for the silent responder"
        "$($stalled.State)" | Should -BeExactly 'Stopped'
    }
}

Describe 'Errors' {
    It 'refuses -Status for a certificate without a responder' {
        $credential = Get-CertificateParameter noaia

        $failure = { Start-TlsServer -Port 0 @credential -Status } | Should -Throw -ErrorId "OcspResponderNotFound,$startCommand" -PassThru

        "$($failure.CategoryInfo.Category)" | Should -BeExactly 'InvalidArgument'
        $failure.Exception.Message | Should -Match '-StatusUrl'
    }

    It 'refuses a responder it cannot reach' {
        $credential = Get-CertificateParameter leaf

        $failure = { Start-TlsServer -Port 0 @credential -StatusUrl 'http://127.0.0.1:1/' -StatusTimeoutSec 3 } |
            Should -Throw -ErrorId "OcspFetchFailed,$startCommand" -PassThru

        "$($failure.CategoryInfo.Category)" | Should -BeExactly 'ResourceUnavailable'
    }

    It 'refuses a -StatusFile that is not an OCSP response' {
        $failure = { Start-TlsServer -Port 0 -StatusFile "$TestDrive/ca.crt" } | Should -Throw -ErrorId "StatusFileInvalid,$startCommand" -PassThru

        "$($failure.CategoryInfo.Category)" | Should -BeExactly 'InvalidData'
    }
}
