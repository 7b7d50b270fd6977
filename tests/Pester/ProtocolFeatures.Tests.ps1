# Start-TlsServer -NoExtendedMasterSecret, -NoEncryptThenMac, -NoMiddleboxCompatibility and -MaxSendFragment against
# openssl s_client; the OpenSSL-only switches (-Bugs, -Compression, -Async...) refused with clear errors.
BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    New-TestCertificate -Directory $TestDrive -Name rsa
    $rsa = @{ CertificatePath = "$TestDrive/rsa.crt"; KeyPath = "$TestDrive/rsa.key" }
    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
    $cbcSuite = 'ECDHE-RSA-AES128-SHA'

    function Get-ReceivedRecordHeader([string] $Output, [string] $Prefix) {
        # s_client -msg prints the header of each record it receives as hex (17 03 03 00 1c: application data of 28
        # bytes); returns the headers that start with Prefix, as their last two bytes: the record's length.
        $pattern = "(?m)^<<< [^\n]*RecordHeader \[length 0005\]\r?\n\s+$Prefix ([0-9a-f]{2}) ([0-9a-f]{2})"
        foreach ($match in [regex]::Matches($Output, $pattern)) {
            [Convert]::ToInt32($match.Groups[1].Value + $match.Groups[2].Value, 16)
        }
    }
}

Describe 'Extended master secret and encrypt-then-MAC' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'negotiates extended master secret: <Expected> under <Text>' -ForEach @(
        @{ Text = 'no switch'; Arguments = @{}; Expected = $true }
        @{ Text = '-NoExtendedMasterSecret'; Arguments = @{ NoExtendedMasterSecret = $true }; Expected = $false }
        @{ Text = '-NoEms'; Arguments = @{ NoEms = $true }; Expected = $false }
    ) {
        $server = Start-TlsServer -Port 0 @rsa -Protocol Tls12 @Arguments

        $output = Invoke-SClientText -Port $server.Port -Option '-tls1_2', '-tlsextdebug'

        $output | Should -Match "Extended master secret: $(if ($Expected) { 'yes' } else { 'no' })"
        $output.Contains('TLS server extension "extended master secret"') | Should -Be $Expected
        $session = Wait-OneEndedTlsSession $server
        $session.ExtendedMasterSecret | Should -Be $Expected
    }

    It 'negotiates encrypt-then-MAC: <Expected> under <Text>' -ForEach @(
        @{ Text = 'no switch'; Arguments = @{}; Expected = $true }
        @{ Text = '-NoEncryptThenMac'; Arguments = @{ NoEncryptThenMac = $true }; Expected = $false }
    ) {
        $server = Start-TlsServer -Port 0 @rsa -Protocol Tls12 -Cipher $cbcSuite @Arguments

        $output = Invoke-SClientText -Port $server.Port -Option '-tls1_2', '-cipher', $cbcSuite, '-tlsextdebug'

        $output | Should -Match "Cipher    : $cbcSuite"
        $output.Contains('TLS server extension "encrypt-then-mac"') | Should -Be $Expected
        $session = Wait-OneEndedTlsSession $server
        $session.EncryptThenMac | Should -Be $Expected
    }

    It 'leaves out extended master secret and encrypt-then-MAC when told' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Cipher ECDHE-ECDSA-AES128-SHA -NoExtendedMasterSecret -NoEncryptThenMac
        try {
            $out = '' | openssl s_client -connect "127.0.0.1:$($server.Port)" -tlsextdebug 2>&1
            ($out -join "`n") | Should -Match 'Extended master secret: no'
            $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
            $session.ExtendedMasterSecret | Should -BeFalse
            $session.EncryptThenMac | Should -BeFalse
        }
        finally {
            $server | Stop-TlsServer
        }
    }
}

Describe 'ChangeCipherSpec' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'sends <Expected> TLS 1.3 ChangeCipherSpec record(s) under <Text>' -ForEach @(
        @{ Text = 'no switch'; Arguments = @{}; Expected = 1 }
        @{ Text = '-NoMiddleboxCompatibility'; Arguments = @{ NoMiddleboxCompatibility = $true }; Expected = 0 }
    ) {
        $server = Start-TlsServer -Port 0 @rsa -Protocol Tls13 @Arguments

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_3', '-msg'

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -Not -BeNullOrEmpty
        $changeCipherSpecs = @(Get-ReceivedRecordHeader $client.Output '14 03 03' | Where-Object { $_ -eq 1 })
        $changeCipherSpecs.Count | Should -Be $Expected
    }

    It 'still sends the TLS 1.2 ChangeCipherSpec under -NoMiddlebox' {
        $server = Start-TlsServer -Port 0 @rsa -Protocol Tls12 -NoMiddlebox

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_2', '-msg'

        $client.Connected | Should -BeTrue -Because $client.Output
        $client.Protocol | Should -Not -BeNullOrEmpty
        $changeCipherSpecs = @(Get-ReceivedRecordHeader $client.Output '14 03 03' | Where-Object { $_ -eq 1 })
        $changeCipherSpecs.Count | Should -Be 1
    }
}

Describe 'Record sizes' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'sends records of at most <Fragment> bytes under <Text>' -ForEach @(
        @{ Text = '-MaxSendFragment 512'; Arguments = @{ MaxSendFragment = 512 }; Fragment = 512 }
        @{ Text = '-SplitSendFragment 1000'; Arguments = @{ SplitSendFragment = 1000 }; Fragment = 1000 }
        @{ Text = 'no switch'; Arguments = @{}; Fragment = 16384 }
    ) {
        $server = Start-TlsServer -Port 0 @rsa -Protocol Tls12 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -Www @Arguments

        $client = Invoke-SClient -Port $server.Port -Option '-tls1_2', '-msg', '-ign_eof' -InputText "GET / HTTP/1.0`r`n`r`n"

        $client.Output | Should -Match '</html>'
        # AES-GCM in TLS 1.2 adds an 8-byte explicit nonce and a 16-byte tag to each record.
        $plaintextLengths = @(Get-ReceivedRecordHeader $client.Output '17 03 03' | ForEach-Object { $_ - 24 })
        $plaintextLengths | Should -Not -BeNullOrEmpty
        $largest = ($plaintextLengths | Measure-Object -Maximum).Maximum
        $largest | Should -BeLessOrEqual $Fragment -Because ($plaintextLengths -join ',')
        if ($Arguments.Count -eq 0) {
            $largest | Should -BeGreaterThan 1000 -Because "the status page fits a few full records: $($plaintextLengths -join ',')"
        }
        else {
            $plaintextLengths | Should -Contain $Fragment
        }
    }

    It 'refuses -MaxSendFragment outside OpenSSL''s range' {
        { Start-TlsServer -Port 0 -MaxSendFragment 511 } | Should -Throw -ErrorId "ParameterArgumentValidationError,$startCommand"
    }

    It 'caps records at -MaxSendFragment and survives -NonBlockingTest' {
        $server = Start-TlsServer -Port 0 -Www -MaxSendFragment 512 -NonBlockingTest -ReadBufferSize 64
        try {
            $page = curl -sk "https://127.0.0.1:$($server.Port)/"
            ($page -join "`n") | Should -Match '</html>'
        }
        finally {
            $server | Stop-TlsServer
        }
    }
}

Describe 'OpenSSL-only switches' {
    It 'refuses <Text> with <ErrorId>, naming s_server''s <SServerOption>' -ForEach @(
        @{ Text = '-Bugs'; Arguments = @{ Bugs = $true }; ErrorId = 'BugWorkaroundsNotSupported'; SServerOption = '-bugs' }
        @{ Text = '-Compression'; Arguments = @{ Compression = $true }; ErrorId = 'CompressionNotSupported'; SServerOption = '-comp' }
        @{ Text = '-Async'; Arguments = @{ Async = $true }; ErrorId = 'AsyncJobsNotSupported'; SServerOption = '-async' }
        @{ Text = '-NumTickets 2'; Arguments = @{ NumTickets = 2 }; ErrorId = 'Tls13TicketsNotSupported'; SServerOption = '-num_tickets' }
        @{ Text = '-EarlyData'; Arguments = @{ EarlyData = $true }; ErrorId = 'EarlyDataNotSupported'; SServerOption = '-early_data' }
        @{ Text = '-MaxEarlyData 16384'; Arguments = @{ MaxEarlyData = 16384 }; ErrorId = 'EarlyDataNotSupported'; SServerOption = '-early_data' }
        @{ Text = '-MaxPipelines 4'; Arguments = @{ MaxPipelines = 4 }; ErrorId = 'PipelinesNotSupported'; SServerOption = '-max_pipelines' }
        @{ Text = '-RandomSeedPath /dev/urandom'; Arguments = @{ RandomSeedPath = '/dev/urandom' }; ErrorId = 'RandomSeedNotSupported'; SServerOption = '-rand' }
    ) {
        $failure = { Start-TlsServer -Port 0 @Arguments } | Should -Throw -ErrorId "$ErrorId,$startCommand" -PassThru

        "$($failure.CategoryInfo.Category)" | Should -BeExactly 'NotImplemented'
        $failure.Exception.Message | Should -Match ([regex]::Escape($SServerOption))
    }

    It 'refuses -Bugs and -Compression with clear errors' {
        { Start-TlsServer -Port 0 -Bugs } | Should -Throw -ErrorId 'BugWorkaroundsNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        { Start-TlsServer -Port 0 -Compression } | Should -Throw -ErrorId 'CompressionNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }

    It 'refuses the OpenSSL engine options with clear errors' {
        { Start-TlsServer -Port 0 -Async } | Should -Throw -ErrorId 'AsyncJobsNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        { Start-TlsServer -Port 0 -MaxPipelines 2 } | Should -Throw -ErrorId 'PipelinesNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        { Start-TlsServer -Port 0 -RandomSeedPath ./seed } | Should -Throw -ErrorId 'RandomSeedNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}
