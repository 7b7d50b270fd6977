# Faults (New-TlsFault, Start-TlsServer -Fault): each one against a real client, showing the client's view of it
# (openssl s_client, curl, gnutls-cli, Python's ssl), and the session's record of what it did (FaultsApplied,
# FaultsSkipped). One server per case, on port 0.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    # Waits for Count sessions of the server to end, and checks that the fault acted on each and none was skipped.
    function Assert-FaultApplied {
        param(
            [Parameter(Mandatory)] [object] $Server,
            [Parameter(Mandatory)] [string] $Name,
            [int] $Count = 1
        )

        $sessions = Wait-EndedTlsSession $Server -Count $Count -TimeoutSec 30
        foreach ($session in $sessions) {
            $session.FaultsApplied.Name | Should -Contain $Name -Because "session $($session.Id) ended: $($session.Error); skipped: $($session.FaultsSkipped)"
            $session.FaultsSkipped | Should -BeNullOrEmpty -Because "session $($session.Id): $($session.FaultsSkipped)"
        }

        $sessions
    }

    # gnutls-cli's report (both streams), after an HTTP request.
    $gnutls = {
        param([int] $Port, [string[]] $Option = @())
        $result = Invoke-ExternalTool -Name gnutls-cli -TimeoutSec 20 -InputText "GET / HTTP/1.0`r`n`r`n" -ArgumentList (@('--insecure', '-p', $Port, '127.0.0.1') + $Option)
        $result.StandardOutput + $result.StandardError
    }
    $curl = { param([int] $Port, [string[]] $Option = @()) Invoke-ExternalTool -Name curl -TimeoutSec 30 -ArgumentList (@('-sS', '-k', '--max-time', '10', '-o', '/dev/null') + $Option + "https://127.0.0.1:$Port/") }
}

Describe 'New-TlsFault' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    It 'makes the faults of the issue as written' {
        $alert = New-TlsFault -After ServerHello -SendAlert internal_error
        $alert.Name | Should -Be 'SendAlert'
        $alert.Family | Should -Be 'AlertsAndCloses'
        "$($alert.Trigger)" | Should -Be 'after ServerHello'
        $alert.Description | Should -Be 'fatal internal_error after ServerHello'
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -SplitRecords 1), (New-TlsFault -NoCloseNotify)
        $server.Faults.Name | Should -Be @('SplitRecords', 'NoCloseNotify')
    }

    It 'gives each fault its own parameter set, named after its mandatory parameter' {
        $sets = (Get-Command New-TlsFault).ParameterSets
        $sets | Should -HaveCount ([enum]::GetNames((New-TlsFault -NoCloseNotify).Kind.GetType()).Count)
        foreach ($set in $sets) {
            ($set.Parameters | Where-Object IsMandatory).Name | Should -Be $set.Name
        }
    }

    It 'takes faults from the pipeline and starts the server once' {
        $server = @((New-TlsFault -NoCloseNotify), (New-TlsFault -CorruptFinished)) | Start-TlsServer -Port 0
        @($server) | Should -HaveCount 1
        $server.Faults.Name | Should -Be @('NoCloseNotify', 'CorruptFinished')
    }

    It 'refuses <Case> with <Id>' -ForEach @(
        @{ Case = 'an alert TLS does not define by name'; Id = 'UnknownAlertDescription'; Make = { New-TlsFault -SendAlert no_such_alert } }
        @{ Case = 'a point before the ClientHello'; Id = 'FaultPointNotAllowed'; Make = { New-TlsFault -Before ClientHello -SendAlert internal_error } }
        @{ Case = '-After and -Before together'; Id = 'FaultPointNotAllowed'; Make = { New-TlsFault -After ServerHello -Before Finished -Reset } }
        @{ Case = 'a KeyUpdate storm during the handshake'; Id = 'FaultPointNotAllowed'; Make = { New-TlsFault -KeyUpdateStorm 3 -After ServerHello } }
        @{ Case = 'an extension TLS does not know'; Id = 'UnknownExtensionType'; Make = { New-TlsFault -UnsolicitedExtension no_such_extension } }
        @{ Case = 'a misplaced extension EncryptedExtensions allows'; Id = 'ExtensionAllowedInEncryptedExtensions'; Make = { New-TlsFault -MisplacedExtension server_name } }
        @{ Case = 'a record version that is no version'; Id = 'RecordVersionInvalid'; Make = { New-TlsFault -RecordVersion TLSv9 } }
        @{ Case = 'two record types for empty records'; Id = 'FaultRecordTypeNotAllowed'; Make = { New-TlsFault -EmptyRecords 2 -RecordType Handshake, ApplicationData } }
    ) {
        $Make | Should -Throw -ErrorId "$Id,TlsServer.PowerShell.Commands.NewTlsFaultCommand"
    }

    It 'completes <Parameter> from its names' -ForEach @(
        @{ Parameter = '-SendAlert'; Word = 'handshake_f'; Expected = 'handshake_failure' }
        @{ Parameter = '-MisplacedExtension'; Word = 'key_s'; Expected = 'key_share' }
        @{ Parameter = '-RecordVersion'; Word = 'TLSv1.'; Expected = 'TLSv1.0' }
        @{ Parameter = '-After'; Word = 'ServerHelloD'; Expected = 'ServerHelloDone' }
        @{ Parameter = '-CertificateChain'; Word = 'NoInt'; Expected = 'NoIntermediate' }
    ) {
        (Get-CompletionText -Line "New-TlsFault $Parameter $Word") -replace "'", '' | Should -Contain $Expected
    }

    It 'shows faults and their events in tables' {
        $table = (New-TlsFault -After ServerHello -SendAlert internal_error) | Out-String -Width 80
        $table | Should -Match 'Name\s+Description'
        $table | Should -Match 'SendAlert\s+fatal internal_error after ServerHello'
    }
}

Describe 'Faults that cannot apply are refused at start' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    BeforeAll {
        $directory = Join-Path ([System.IO.Path]::GetTempPath()) "tlsserver-faults-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $null = New-Item -ItemType Directory -Path $directory
    }

    AfterAll {
        Remove-Item -LiteralPath $directory -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'refuses <Case> with <Id>' -ForEach @(
        @{ Case = 'the System engine'; Id = 'FaultsNeedBouncyCastleEngine'; Start = { Start-TlsServer -Port 0 -Engine System -Fault (New-TlsFault -Reset) } }
        @{ Case = 'DTLS'; Id = 'FaultsNotSupportedWithDtls'; Start = { Start-TlsServer -Port 0 -Protocol Dtls12 -Fault (New-TlsFault -CorruptFinished) } }
        @{ Case = 'a TLS 1.3 fault on a TLS 1.2 server'; Id = 'FaultNeedsTls13'; Start = { Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -KeyUpdateStorm 3) } }
        @{ Case = 'a TLS 1.3 point on a TLS 1.2 server'; Id = 'FaultNeedsTls13'; Start = { Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -After EncryptedExtensions -Reset) } }
        @{ Case = 'the downgrade sentinel on a TLS 1.3 server'; Id = 'FaultNeedsTls12'; Start = { Start-TlsServer -Port 0 -Protocol Tls13 -Fault (New-TlsFault -DowngradeSentinel) } }
        @{ Case = 'a bad signature without a certificate'; Id = 'FaultNeedsCertificate'; Start = { Start-TlsServer -Port 0 -NoCertificate -Cipher aNULL -Protocol Tls12 -Fault (New-TlsFault -CorruptSignature) } }
        @{ Case = 'a reversed chain of one certificate'; Id = 'FaultChainTooShort'; Start = { Start-TlsServer -Port 0 -Fault (New-TlsFault -CertificateChain Reversed) } }
        @{ Case = 'a reset on a Unix socket'; Id = 'FaultNeedsTcp'; Start = { Start-TlsServer -UnixSocket (Join-Path $directory 'reset.sock') -Fault (New-TlsFault -Reset) } }
        @{ Case = 'a stall as long as the handshake timeout'; Id = 'FaultStallExceedsHandshakeTimeout'; Start = { Start-TlsServer -Port 0 -HandshakeTimeoutSec 2 -Fault (New-TlsFault -Stall 2000) } }
        @{ Case = 'splitting and packing together'; Id = 'FaultsConflict'; Start = { Start-TlsServer -Port 0 -Fault (New-TlsFault -SplitRecords 1), (New-TlsFault -PackHandshakeMessages) } }
        @{ Case = 'silence with another fault'; Id = 'FaultsConflict'; Start = { Start-TlsServer -Port 0 -Fault (New-TlsFault -IgnoreClientHello), (New-TlsFault -Stall 10) } }
        @{ Case = 'a TLS 1.2 ticket fault without tickets'; Id = 'FaultNeedsSessionTickets'; Start = { Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket -Fault (New-TlsFault -NewSessionTicket Malformed) } }
        @{ Case = 'a group that is no group'; Id = 'GroupUnknown'; Start = { Start-TlsServer -Port 0 -Fault (New-TlsFault -HelloRetryRequest -Group NoSuchGroup) } }
    ) {
        $Start | Should -Throw -ErrorId "$Id,TlsServer.PowerShell.Commands.StartTlsServerCommand"
        @(Get-TlsServer | Where-Object State -eq 'Running') | Should -BeNullOrEmpty
    }
}

Describe 'Alerts and closes' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    It 'an alert before the ServerHello reaches openssl, curl, Python and gnutls-cli' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -SendAlert internal_error)
        Invoke-SClientText -Port $server.Port | Should -Match 'tlsv1 alert internal error.*SSL alert number 80'
        $fetch = & $curl $server.Port
        $fetch.ExitCode | Should -Be 35
        $fetch.StandardError | Should -Match 'tlsv1 alert internal error'
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'TLSV1_ALERT_INTERNAL_ERROR'
        (& $gnutls $server.Port) | Should -Match 'Received alert \[80\]: Internal error'
        $sessions = Assert-FaultApplied $server 'SendAlert' -Count 4
        $sessions.Alert.Description | Should -Be (@('internal_error') * 4)
        $sessions[0].FaultsApplied[0].At | Should -Be 'after ClientHello'
    }

    It 'an alert after <Point> in TLS <Version> comes after that message, under the keys in force' -ForEach @(
        @{ Point = 'ServerHello'; Version = '1.2'; Option = '-tls1_2'; Seen = 'ServerHello'; Epoch = 'in plaintext' }
        @{ Point = 'ServerHello'; Version = '1.3'; Option = '-tls1_3'; Seen = 'ServerHello'; Epoch = 'encrypted' }
        @{ Point = 'Certificate'; Version = '1.2'; Option = '-tls1_2'; Seen = 'Certificate'; Epoch = 'in plaintext' }
        @{ Point = 'Certificate'; Version = '1.3'; Option = '-tls1_3'; Seen = 'Certificate'; Epoch = 'encrypted' }
        @{ Point = 'Finished'; Version = '1.3'; Option = '-tls1_3'; Seen = 'Finished'; Epoch = 'encrypted' }
    ) {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -After $Point -SendAlert internal_error)
        $output = Invoke-SClientText -Port $server.Port -Option $Option, '-msg'
        $output | Should -Match "<<< TLS 1.\d, Handshake \[length [0-9a-f]+\], $Seen"
        $output | Should -Match 'SSL alert number 80'
        $session = Assert-FaultApplied $server 'SendAlert'
        $session.FaultsApplied[0].Detail | Should -Be "fatal internal_error, $Epoch"
    }

    It 'an alert after the client''s first data cuts the answer short (curl)' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -After ApplicationData -SendAlert internal_error)
        $fetch = & $curl $server.Port
        $fetch.ExitCode | Should -Be 56
        $fetch.StandardError | Should -Match 'SSL_read: .*tlsv1 alert internal error'
        $session = Assert-FaultApplied $server 'SendAlert'
        $session.HandshakeCompleted | Should -BeTrue
    }

    It 'close_notify after the ServerHello ends the handshake cleanly (Python, gnutls-cli)' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -After ServerHello -SendAlert close_notify)
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'SSLZeroReturnError'
        (& $gnutls $server.Port) | Should -Match 'Peer has terminated the connection'
        $sessions = Assert-FaultApplied $server 'SendAlert' -Count 2
        $sessions[0].Error | Should -Be 'the server sent close_notify after ServerHello (fault SendAlert)'
    }

    It 'a warning handshake_failure is reported by gnutls-cli, which goes on' {
        $server = Start-TlsServer -Port 0 -Www -Protocol Tls12 -Fault (New-TlsFault -After ServerHello -SendAlert handshake_failure -Level Warning)
        $client = & $gnutls $server.Port
        $client | Should -Match 'Non fatal error: A TLS warning alert has been received'
        $client | Should -Match 'HTTP/1.1 200 OK'
        $null = Assert-FaultApplied $server 'SendAlert'
    }

    It 'no close_notify: Python reports the truncation, and a well-behaved server does not cause it' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -NoCloseNotify)
        $client = Invoke-PythonTlsClient -Port $server.Port
        $client.Error | Should -Match 'SSLEOFError'
        $client.Read | Should -BeGreaterThan 0
        $session = Assert-FaultApplied $server 'NoCloseNotify'
        $session.Alert | Should -BeNullOrEmpty

        $control = Start-TlsServer -Port 0 -Www
        (Invoke-PythonTlsClient -Port $control.Port).Error | Should -BeNullOrEmpty
    }

    It 'no close_notify when the session is stopped: openssl reports an unexpected end of stream' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -NoCloseNotify)
        $client = Start-SClientPeer -Port $server.Port -Option '-ign_eof'
        try {
            $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20
            $session | Stop-TlsSession
            Wait-PeerExit -Peer $client -TimeoutSec 20 | Should -BeTrue
            Get-PeerOutput -Peer $client -Stream Error | Should -Match 'unexpected eof while reading'
        }
        finally {
            $client | Stop-PeerProcess
        }

        $null = Assert-FaultApplied $server 'NoCloseNotify'
    }

    It 'a TCP reset after the ClientHello (Python, curl, gnutls-cli)' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -Reset)
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'ConnectionResetError'
        (& $curl $server.Port).StandardError | Should -Match 'Connection reset by peer'
        (& $gnutls $server.Port) | Should -Match 'Error in the pull function'
        $sessions = Assert-FaultApplied $server 'Reset' -Count 3
        $sessions.Error | Should -Be (@('TCP reset after ClientHello (fault Reset)') * 3)
    }

    It 'a TCP reset after the client''s request (curl)' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -Reset -After ApplicationData)
        $fetch = & $curl $server.Port
        $fetch.ExitCode | Should -Be 56
        $fetch.StandardError | Should -Match 'Connection reset by peer'
        $null = Assert-FaultApplied $server 'Reset'
    }

    It 'a half-close after the ServerHello: openssl sees the end of the stream, and its alert still arrives' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -HalfClose -After ServerHello)
        Invoke-SClientText -Port $server.Port | Should -Match 'unexpected eof while reading'
        $session = Assert-FaultApplied $server 'HalfClose'
        $session.Alert.Description | Should -Be 'decode_error'
        $session.Alert.Direction | Should -Be 'Received'
        $session.FaultsApplied[0].Bytes | Should -BeGreaterThan 0 -Because 'the rest of the flight was held back'
    }

    It 'a response cut after 30 bytes (openssl, gnutls-cli, Python)' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -TruncateAfter 30)
        Invoke-SClientText -Port $server.Port | Should -Match 'unexpected eof while reading'
        (& $gnutls $server.Port) | Should -Match 'Error decoding the received TLS packet'
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'SSLEOFError'
        $sessions = Assert-FaultApplied $server 'TruncateAfter' -Count 3
        $sessions.BytesSent | Should -Be (@(30) * 3)
    }

    It 'a response cut after 10 bytes of the answer, then a reset (curl)' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -TruncateAfter 10 -Reset -After ApplicationData)
        $fetch = & $curl $server.Port
        $fetch.ExitCode | Should -Be 56
        $fetch.StandardError | Should -Match 'Connection reset by peer'
        $session = Assert-FaultApplied $server 'TruncateAfter'
        $session.Error | Should -Be 'TCP reset after ApplicationData (fault TruncateAfter)'
    }
}

Describe 'Records' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    It 'one-byte records in TLS <Version>: legal, and the client reads them whole' -ForEach @(
        @{ Version = '1.2'; Maximum = 'TLSv1_2' }
        @{ Version = '1.3'; Maximum = 'TLSv1_3' }
    ) {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -SplitRecords 1)
        $client = Invoke-PythonTlsClient -Port $server.Port -MaximumVersion $Maximum
        $client.Error | Should -BeNullOrEmpty
        $client.Read | Should -BeGreaterThan 1000
        $session = Assert-FaultApplied $server 'SplitRecords'
        $session.FaultsApplied[0].Records | Should -BeGreaterThan ($client.Read) -Because 'every handshake and data byte went in a record of its own'
    }

    It 'one-byte records, as openssl s_client -msg shows them' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -SplitRecords 1)
        $output = Invoke-SClientText -Port $server.Port -Option '-msg'
        ([regex]::Matches($output, '<<< TLS 1.2, RecordHeader \[length 0005\]\s+16 03 03 00 01')).Count | Should -BeGreaterThan 100
        $output | Should -Match 'Protocol\s*: TLSv1.2'
        $null = Assert-FaultApplied $server 'SplitRecords'
    }

    It 'packed handshake messages: TLS 1.2''s first flight in one record' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -PackHandshakeMessages)
        $output = Invoke-SClientText -Port $server.Port -Option '-msg'
        $firstFlight = ($output -split '>>> TLS 1.2, Handshake \[length [0-9a-f]+\], ClientKeyExchange')[0]
        ([regex]::Matches($firstFlight, '<<< TLS 1.2, RecordHeader')).Count | Should -Be 1
        $firstFlight | Should -Match 'ServerHelloDone'
        $output | Should -Match 'Protocol\s*: TLSv1.2'
        $null = Assert-FaultApplied $server 'PackHandshakeMessages'
    }

    It 'packed handshake messages in TLS 1.3: the encrypted flight in one record, the handshake completes' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -PackHandshakeMessages)
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -BeNullOrEmpty
        $session = Assert-FaultApplied $server 'PackHandshakeMessages'
        $session.FaultsApplied[0].Records | Should -BeLessThan 4
    }

    It '40 empty handshake records: openssl gives up after 32, gnutls-cli at once' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -EmptyRecords 40)
        Invoke-SClientText -Port $server.Port | Should -Match 'record too small'
        (& $gnutls $server.Port) | Should -Match 'An unexpected TLS packet was received'
        $sessions = Assert-FaultApplied $server 'EmptyRecords' -Count 2
        $sessions[0].FaultsApplied[0].Records | Should -Be 40
    }

    It 'one empty handshake record: openssl tolerates it, gnutls-cli does not' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -EmptyRecords 1)
        Invoke-SClientText -Port $server.Port | Should -Match 'Protocol\s*: TLSv1.2'
        (& $gnutls $server.Port) | Should -Match 'Received packet with illegal length: 0'
        $null = Assert-FaultApplied $server 'EmptyRecords' -Count 2
    }

    It 'empty handshake records under TLS 1.3 keys are refused by openssl' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -EmptyRecords 1)
        Invoke-SClientText -Port $server.Port | Should -Match 'bad length'
        $session = Assert-FaultApplied $server 'EmptyRecords'
        $session.FaultsApplied[0].Detail | Should -Be '1 empty Handshake record, encrypted'
    }

    It 'empty application-data records after the handshake are legal (Python)' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -EmptyRecords 5 -RecordType ApplicationData -After HandshakeComplete)
        $client = Invoke-PythonTlsClient -Port $server.Port
        $client.Error | Should -BeNullOrEmpty
        $client.Read | Should -BeGreaterThan 0
        $null = Assert-FaultApplied $server 'EmptyRecords'
    }

    It 'an unexpected ChangeCipherSpec (openssl, Python, curl, gnutls-cli)' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -ChangeCipherSpec -After ServerHello)
        Invoke-SClientText -Port $server.Port | Should -Match 'unexpected message'
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'UNEXPECTED_MESSAGE'
        (& $curl $server.Port).StandardError | Should -Match 'unexpected message'
        (& $gnutls $server.Port) | Should -Match 'An unexpected TLS packet was received'
        $sessions = Assert-FaultApplied $server 'ChangeCipherSpec' -Count 4
        $sessions.Alert.Description | Should -Be (@('unexpected_message') * 4)
    }

    It 'a plaintext ChangeCipherSpec after a TLS 1.3 handshake (Python)' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -ChangeCipherSpec -Plaintext -After HandshakeComplete)
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'UNEXPECTED_MESSAGE|BAD_RECORD_TYPE'
        $session = Assert-FaultApplied $server 'ChangeCipherSpec'
        $session.FaultsApplied[0].Detail | Should -Be '1 ChangeCipherSpec record, in plaintext'
    }

    It 'a record over 2^14 bytes before the ServerHello (openssl, gnutls-cli, Python, curl)' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -OversizedRecord)
        Invoke-SClientText -Port $server.Port | Should -Match 'data length too long'
        (& $gnutls $server.Port) | Should -Match 'A TLS record packet with invalid length was received'
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'DATA_LENGTH_TOO_LONG'
        (& $curl $server.Port).StandardError | Should -Match 'data length too long'
        $sessions = Assert-FaultApplied $server 'OversizedRecord' -Count 4
        $sessions[0].FaultsApplied[0].Bytes | Should -Be (5 + 16385)
    }

    It 'an encrypted record over 2^14 bytes after the client''s request (curl, TLS <Version>)' -ForEach @(
        @{ Version = '1.2'; Protocol = 'Tls12' }
        @{ Version = '1.3'; Protocol = 'Tls13' }
    ) {
        $server = Start-TlsServer -Port 0 -Www -Protocol $Protocol -Fault (New-TlsFault -OversizedRecord -After ApplicationData)
        $fetch = & $curl $server.Port
        $fetch.ExitCode | Should -Be 56
        $fetch.StandardError | Should -Match 'data length too long'
        $session = Assert-FaultApplied $server 'OversizedRecord'
        $session.Alert.Description | Should -Be 'record_overflow'
        $session.Alert.Direction | Should -Be 'Received'
    }

    It 'a wrong record version after the ServerHello (openssl, gnutls-cli, Python)' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -RecordVersion 0x0301 -After ServerHello)
        Invoke-SClientText -Port $server.Port | Should -Match 'wrong version number'
        (& $gnutls $server.Port) | Should -Match 'A packet with illegal or unsupported version was received'
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'WRONG_VERSION_NUMBER'
        $null = Assert-FaultApplied $server 'RecordVersion' -Count 3
    }

    It 'a record version no TLS peer sends, on every TLS 1.3 record (openssl)' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -RecordVersion 0x0200)
        Invoke-SClientText -Port $server.Port | Should -Match 'wrong version number'
        $session = Assert-FaultApplied $server 'RecordVersion'
        $session.FaultsApplied[0].At | Should -Be 'throughout'
    }

    It 'the right record version written by the fault, under TLS 1.3 keys, still decrypts (Python)' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -RecordVersion TLSv1.2 -After ServerHello)
        $client = Invoke-PythonTlsClient -Port $server.Port
        $client.Error | Should -BeNullOrEmpty
        $client.Read | Should -BeGreaterThan 0
        $session = Assert-FaultApplied $server 'RecordVersion'
        $session.FaultsApplied[0].Records | Should -BeGreaterThan 3
    }
}

Describe 'Handshake content' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    It 'a bad signature in TLS <Version> (openssl, Python, gnutls-cli)' -ForEach @(
        @{ Version = '1.2'; Protocol = 'Tls12'; At = 'in ServerKeyExchange' }
        @{ Version = '1.3'; Protocol = 'Tls13'; At = 'in CertificateVerify' }
    ) {
        $server = Start-TlsServer -Port 0 -Protocol $Protocol -Fault (New-TlsFault -CorruptSignature)
        Invoke-SClientText -Port $server.Port | Should -Match 'bad signature'
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'BAD_SIGNATURE'
        (& $gnutls $server.Port) | Should -Match 'Public key signature verification has failed'
        $sessions = Assert-FaultApplied $server 'CorruptSignature' -Count 3
        $sessions[0].FaultsApplied[0].At | Should -Be $At
    }

    It 'a bad signature where the key exchange signs nothing: the handshake completes and the fault is skipped' {
        $directory = Join-Path ([System.IO.Path]::GetTempPath()) "tlsserver-faults-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $null = New-Item -ItemType Directory -Path $directory
        try {
            New-TestCertificate -Directory $directory -Name rsa -KeyType Rsa
            $server = Start-TlsServer -Port 0 -CertificatePath "$directory/rsa.crt" -KeyPath "$directory/rsa.key" -Protocol Tls12 -Fault (New-TlsFault -CorruptSignature)
            Invoke-SClientText -Port $server.Port -Option '-cipher', 'AES128-GCM-SHA256' | Should -Match 'Cipher is AES128-GCM-SHA256'
            $session = Wait-OneEndedTlsSession $server
            $session.FaultsApplied | Should -BeNullOrEmpty
            $session.FaultsSkipped.Outcome | Should -Be 'NotApplicable'
            $session.FaultsSkipped.Detail | Should -Match 'RSA key exchange'
        }
        finally {
            Remove-Item -LiteralPath $directory -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'a wrong Finished in TLS <Version> (openssl, gnutls-cli)' -ForEach @(
        @{ Version = '1.2'; Protocol = 'Tls12' }
        @{ Version = '1.3'; Protocol = 'Tls13' }
    ) {
        $server = Start-TlsServer -Port 0 -Protocol $Protocol -Fault (New-TlsFault -CorruptFinished)
        Invoke-SClientText -Port $server.Port | Should -Match 'digest check failed'
        (& $gnutls $server.Port) | Should -Match 'An error was encountered at the TLS Finished packet calculation'
        $null = Assert-FaultApplied $server 'CorruptFinished' -Count 2
    }

    It 'an ALPN protocol the client did not offer (openssl, Python, curl, gnutls-cli)' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -SendAlpn bogus)
        Invoke-SClientText -Port $server.Port | Should -Match 'unsolicited extension'
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'UNSOLICITED_EXTENSION'
        (& $curl $server.Port).StandardError | Should -Match 'bad extension|unsolicited extension'
        (& $gnutls $server.Port) | Should -Match 'An illegal TLS extension was received|illegal parameter'
        $null = Assert-FaultApplied $server 'SendAlpn' -Count 4
    }

    It 'an ALPN protocol the client did offer is not a fault: skipped' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -SendAlpn bogus)
        Invoke-SClientText -Port $server.Port -Option '-alpn', 'bogus' | Should -Match 'New, TLSv1.3'
        $session = Wait-OneEndedTlsSession $server
        $session.FaultsSkipped.Detail | Should -Be "the client offered 'bogus'"
    }

    It 'an unsolicited server_name in TLS <Version> (openssl -noservername)' -ForEach @(
        @{ Version = '1.2'; Protocol = 'Tls12' }
        @{ Version = '1.3'; Protocol = 'Tls13' }
    ) {
        $server = Start-TlsServer -Port 0 -Protocol $Protocol -Fault (New-TlsFault -UnsolicitedExtension server_name)
        Invoke-SClientText -Port $server.Port -Option '-noservername' | Should -Match 'unsolicited extension'
        $null = Assert-FaultApplied $server 'UnsolicitedExtension'
        Invoke-SClientText -Port $server.Port -Option '-servername', 'localhost' | Should -Match 'New, TLSv1.[23]'
        (Wait-EndedTlsSession $server -Count 2)[1].FaultsSkipped.Detail | Should -Be 'the client offered server_name'
    }

    It 'a duplicate extension: openssl and Python refuse it, gnutls-cli accepts it (TLS <Version>, <Extension>)' -ForEach @(
        @{ Version = '1.2'; Protocol = 'Tls12'; Extension = 'extended_master_secret'; Maximum = 'TLSv1_2' }
        @{ Version = '1.3'; Protocol = 'Tls13'; Extension = 'supported_versions'; Maximum = 'TLSv1_3' }
    ) {
        $server = Start-TlsServer -Port 0 -Www -Protocol $Protocol -Fault (New-TlsFault -DuplicateExtension $Extension)
        Invoke-SClientText -Port $server.Port | Should -Match 'bad extension'
        (Invoke-PythonTlsClient -Port $server.Port -MaximumVersion $Maximum).Error | Should -Match 'BAD_EXTENSION'
        (& $gnutls $server.Port) | Should -Match 'Handshake was completed'
        $null = Assert-FaultApplied $server 'DuplicateExtension' -Count 3
    }

    It 'key_share in EncryptedExtensions (openssl, gnutls-cli)' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -MisplacedExtension key_share)
        Invoke-SClientText -Port $server.Port | Should -Match 'bad extension'
        (& $gnutls $server.Port) | Should -Match '\*\*\* Fatal error'
        $sessions = Assert-FaultApplied $server 'MisplacedExtension' -Count 2
        $sessions[0].FaultsApplied[0].Bytes | Should -BeGreaterThan 30 -Because 'the data is the ServerHello''s key share'
    }

    It 'a HelloRetryRequest the server did not need: the client retries with the group asked for' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -HelloRetryRequest)
        $output = Invoke-SClientText -Port $server.Port -Option '-msg', '-groups', 'X25519:P-256'
        ([regex]::Matches($output, '>>> TLS 1.3, Handshake \[length [0-9a-f]+\], ClientHello')).Count | Should -Be 2
        $session = Assert-FaultApplied $server 'HelloRetryRequest'
        $session.NamedGroup | Should -Be 'secp256r1'
        $session.FaultsApplied[0].Detail | Should -Be 'HelloRetryRequest for secp256r1'
        (& $gnutls $server.Port) | Should -Match 'HTTP/1.1|Handshake was completed'
    }

    It 'a HelloRetryRequest for a group the client did not offer (openssl, Python, curl, gnutls-cli)' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -HelloRetryRequest -Group brainpoolP256r1tls13)
        Invoke-SClientText -Port $server.Port -Option '-groups', 'X25519:P-256' | Should -Match 'bad key share'
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'BAD_KEY_SHARE'
        (& $curl $server.Port).StandardError | Should -Match 'bad key share'
        (& $gnutls $server.Port) | Should -Match 'An illegal parameter has been received'
        $sessions = Assert-FaultApplied $server 'HelloRetryRequest' -Count 4
        $sessions.Alert.Description | Should -Be (@('illegal_parameter') * 4)
    }

    It 'a HelloRetryRequest for the group the client already shared changes nothing, which openssl refuses' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -HelloRetryRequest -Group X25519)
        Invoke-SClientText -Port $server.Port | Should -Match 'bad key share'
        $null = Assert-FaultApplied $server 'HelloRetryRequest'
    }

    It 'the downgrade sentinel in a TLS 1.2 ServerHello (openssl, Python, curl, gnutls-cli)' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -DowngradeSentinel)
        Invoke-SClientText -Port $server.Port | Should -Match 'inappropriate fallback'
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'INAPPROPRIATE_FALLBACK'
        (& $curl $server.Port).StandardError | Should -Match 'inappropriate fallback'
        (& $gnutls $server.Port) | Should -Match 'Detected downgrade to TLS 1.2 from TLS 1.3'
        $null = Assert-FaultApplied $server 'DowngradeSentinel' -Count 4
        Invoke-SClientText -Port $server.Port -Option '-tls1_2' | Should -Match 'Protocol\s*: TLSv1.2' -Because 'a client that offers only TLS 1.2 has nothing to detect'
    }

    It 'the downgrade sentinel has no place in a TLS 1.3 handshake: skipped' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -DowngradeSentinel)
        Invoke-SClientText -Port $server.Port | Should -Match 'New, TLSv1.3'
        (Wait-OneEndedTlsSession $server).FaultsSkipped.Outcome | Should -Be 'NotApplicable'
    }

    Context 'a certificate chain of three' {
        BeforeAll {
            $pki = Join-Path ([System.IO.Path]::GetTempPath()) "tlsserver-faults-pki-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
            $null = New-Item -ItemType Directory -Path $pki
            $issuing = New-TlsCertificate -Type CA -Subject 'CN=TlsServer Faults Issuing' -Signer (New-TlsCertificate -Type CA -Subject 'CN=TlsServer Faults Root' -Path "$pki/root.pem") -PathLength 0 -Path "$pki/issuing.pem"
            $null = New-TlsCertificate -Type Server -DnsName localhost -IPAddress 127.0.0.1 -Signer $issuing -Path "$pki/leaf.pem" -KeyPath "$pki/leaf.key"
            $serverParameters = @{ Port = 0; Protocol = 'Tls13'; CertificatePath = "$pki/leaf.pem"; KeyPath = "$pki/leaf.key"; ChainPath = "$pki/issuing.pem" }
            $verify = @('-CAfile', "$pki/root.pem", '-verify_return_error')
        }

        AfterAll {
            Remove-Item -LiteralPath $pki -Recurse -Force -ErrorAction SilentlyContinue
        }

        It 'without the fault the chain verifies' {
            $server = Start-TlsServer @serverParameters
            Invoke-SClientText -Port $server.Port -Option $verify | Should -Match 'Verify return code: 0 \(ok\)'
        }

        It 'without the intermediate it does not (openssl, Python with the root, curl)' {
            $server = Start-TlsServer @serverParameters -Fault (New-TlsFault -CertificateChain NoIntermediate)
            Invoke-SClientText -Port $server.Port -Option $verify | Should -Match 'unable to get local issuer certificate'
            $curlVerifying = Invoke-ExternalTool -Name curl -TimeoutSec 30 -ArgumentList '-sS', '--max-time', '10', '--cacert', "$pki/root.pem", "https://127.0.0.1:$($server.Port)/"
            $curlVerifying.ExitCode | Should -Be 60
            $curlVerifying.StandardError | Should -Match 'unable to get local issuer certificate'
            $null = Assert-FaultApplied $server 'CertificateChain' -Count 2
        }

        It 'reversed, the first certificate is not the one that signed: openssl fails the signature' {
            $server = Start-TlsServer @serverParameters -Fault (New-TlsFault -CertificateChain Reversed)
            Invoke-SClientText -Port $server.Port | Should -Match 'bad signature|wrong signature type'
            $null = Assert-FaultApplied $server 'CertificateChain'
        }

        It 'with an extra certificate, openssl -showcerts lists one more' {
            $server = Start-TlsServer @serverParameters -Fault (New-TlsFault -CertificateChain ExtraCertificate)
            $output = Invoke-SClientText -Port $server.Port -Option '-showcerts'
            ([regex]::Matches($output, 'BEGIN CERTIFICATE')).Count | Should -Be 3
            $output | Should -Match 'CN ?= ?TlsServer unrelated certificate'
            $null = Assert-FaultApplied $server 'CertificateChain'
        }
    }

    It 'an empty certificate chain (openssl, Python, gnutls-cli)' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -CertificateChain Empty)
        Invoke-SClientText -Port $server.Port | Should -Match 'length mismatch'
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'LENGTH_MISMATCH'
        (& $gnutls $server.Port) | Should -Match 'No certificate was found'
        $null = Assert-FaultApplied $server 'CertificateChain' -Count 3
    }
}

Describe 'Time' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    It 'a stall longer than the client waits (curl, Python), and one it waits out (Python)' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -Stall 3000)
        $fetch = & $curl $server.Port '--max-time', '1'
        $fetch.ExitCode | Should -Be 28
        $fetch.StandardError | Should -Match 'timed out'
        (Invoke-PythonTlsClient -Port $server.Port -TimeoutSec 1).Error | Should -Match 'TimeoutError|timed out'
        $patient = Invoke-PythonTlsClient -Port $server.Port -TimeoutSec 20
        $patient.Error | Should -BeNullOrEmpty
        $patient.Elapsed | Should -BeGreaterOrEqual 2.9
        $null = Assert-FaultApplied $server 'Stall' -Count 3
    }

    It 'a stall before the server''s second TLS 1.2 flight' {
        $server = Start-TlsServer -Port 0 -Www -Protocol Tls12 -Fault (New-TlsFault -Stall 2000 -After ServerHelloDone)
        $client = Invoke-PythonTlsClient -Port $server.Port -TimeoutSec 20
        $client.Error | Should -BeNullOrEmpty
        $client.Elapsed | Should -BeGreaterOrEqual 1.9
        $null = Assert-FaultApplied $server 'Stall'
    }

    It 'a dribble: openssl reads the handshake a byte at a time' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -Dribble -Interval 2)
        $output = Invoke-SClientText -Port $server.Port -Option '-debug'
        $output | Should -Match 'New, TLSv1.3'
        ([regex]::Matches($output, '=> 1 \(0x1\)')).Count | Should -BeGreaterThan 20
        $session = Assert-FaultApplied $server 'Dribble'
        $session.FaultsApplied[0].Bytes | Should -Be $session.BytesSent
    }

    It 'a dribbled answer still arrives whole (Python)' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -Dribble -ChunkSize 64 -Interval 5 -After ApplicationData)
        $client = Invoke-PythonTlsClient -Port $server.Port -TimeoutSec 30
        $client.Error | Should -BeNullOrEmpty
        $client.Read | Should -BeGreaterThan 1000
        $session = Assert-FaultApplied $server 'Dribble'
        $session.FaultsApplied[0].Bytes | Should -BeGreaterThan $client.Read
    }

    It 'no answer at all: curl and Python time out, and nothing was sent' {
        $server = Start-TlsServer -Port 0 -HandshakeTimeoutSec 60 -Fault (New-TlsFault -IgnoreClientHello)
        $fetch = & $curl $server.Port '--max-time', '2'
        $fetch.ExitCode | Should -Be 28
        (Invoke-PythonTlsClient -Port $server.Port -TimeoutSec 2).Error | Should -Match 'TimeoutError|timed out'
        $sessions = Assert-FaultApplied $server 'IgnoreClientHello' -Count 2
        $sessions.BytesSent | Should -Be @(0, 0)
        @($sessions | Where-Object Alert) | Should -BeNullOrEmpty -Because 'the decode_error the server raised at the end was held back too'
        $sessions[0].FaultsApplied[0].Bytes | Should -BeGreaterThan 0
    }
}

Describe 'Post-handshake' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    It 'a KeyUpdate storm: gnutls-cli stops it, Python follows every KeyUpdate' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -KeyUpdateStorm 40)
        (& $gnutls $server.Port) | Should -Match 'Too many handshake packets have been received'
        $client = Invoke-PythonTlsClient -Port $server.Port
        $client.Error | Should -BeNullOrEmpty
        $client.Read | Should -BeGreaterThan 0
        $sessions = Assert-FaultApplied $server 'KeyUpdateStorm' -Count 2
        $sessions.KeyUpdatesSent | Should -Be @(40, 40)
    }

    It 'a KeyUpdate storm has no place in TLS 1.2: skipped' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -KeyUpdateStorm 3)
        Invoke-SClientText -Port $server.Port -Option '-tls1_2' | Should -Match 'Protocol\s*: TLSv1.2'
        $session = Wait-OneEndedTlsSession $server
        $session.FaultsSkipped.Detail | Should -Be 'Tls12 was negotiated; KeyUpdate is TLS 1.3''s'
    }

    It 'a malformed NewSessionTicket in TLS <Version> (Python, openssl)' -ForEach @(
        @{ Version = '1.2'; Protocol = 'Tls12'; Option = '-tls1_2' }
        @{ Version = '1.3'; Protocol = 'Tls13'; Option = '-tls1_3' }
    ) {
        $server = Start-TlsServer -Port 0 -Www -Protocol $Protocol -Fault (New-TlsFault -NewSessionTicket Malformed)
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'LENGTH_MISMATCH'
        # s_client stays connected (-ign_eof) until the ticket arrives after the handshake and it fails.
        $client = Start-SClientPeer -Port $server.Port -Option (@('-ign_eof') + $Option)
        try {
            Wait-PeerExit -Peer $client -TimeoutSec 20 | Should -BeTrue
            Get-PeerOutput -Peer $client | Should -Match 'length mismatch'
        }
        finally {
            $client | Stop-PeerProcess
        }

        $null = Assert-FaultApplied $server 'NewSessionTicket' -Count 2
    }

    It 'a random TLS 1.2 ticket: the client cannot resume with it' {
        $sessionFile = Join-Path ([System.IO.Path]::GetTempPath()) "tlsserver-ticket-$([guid]::NewGuid().ToString('N').Substring(0, 8)).pem"
        try {
            $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -NewSessionTicket RandomTicket)
            Invoke-SClientText -Port $server.Port -Option '-sess_out', $sessionFile | Should -Match 'TLS session ticket lifetime hint'
            Invoke-SClientText -Port $server.Port -Option '-sess_in', $sessionFile | Should -Match '(?m)^New, TLSv1.2'
            $sessions = Assert-FaultApplied $server 'NewSessionTicket' -Count 2
            $sessions.Resumed | Should -Be @($false, $false)

            $control = Start-TlsServer -Port 0 -Protocol Tls12
            Invoke-SClientText -Port $control.Port -Option '-sess_out', $sessionFile | Out-Null
            Invoke-SClientText -Port $control.Port -Option '-sess_in', $sessionFile | Should -Match '(?m)^Reused, TLSv1.2'
        }
        finally {
            Remove-Item -LiteralPath $sessionFile -ErrorAction SilentlyContinue
        }
    }

    It 'a HelloRequest in the middle of a TLS 1.2 handshake: gnutls-cli refuses it, openssl ignores it' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -HelloRequest -Before Certificate)
        (& $gnutls $server.Port) | Should -Match 'An unexpected TLS handshake packet was received'
        Invoke-SClientText -Port $server.Port | Should -Match 'Protocol\s*: TLSv1.2'
        $null = Assert-FaultApplied $server 'HelloRequest' -Count 2
    }

    It 'a HelloRequest after a TLS 1.3 handshake (Python)' {
        $server = Start-TlsServer -Port 0 -Www -Fault (New-TlsFault -HelloRequest -After HandshakeComplete)
        (Invoke-PythonTlsClient -Port $server.Port).Error | Should -Match 'UNEXPECTED_MESSAGE'
        $session = Assert-FaultApplied $server 'HelloRequest'
        $session.FaultsApplied[0].Detail | Should -Be 'HelloRequest, encrypted'
    }
}

Describe 'What the session records' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    It 'a fault whose point the handshake lacks is NotApplicable, one after the connection ended NotReached' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -Before CertificateRequest -SendAlert internal_error), (New-TlsFault -After ApplicationData -Reset)
        Invoke-SClientText -Port $server.Port | Should -Match 'New, TLSv1.3'
        $session = Wait-OneEndedTlsSession $server
        $session.FaultsApplied | Should -BeNullOrEmpty
        $session.FaultsSkipped.Name | Should -Be @('SendAlert', 'Reset')
        $session.FaultsSkipped.Outcome | Should -Be @('NotApplicable', 'NotReached')
        $session.FaultsSkipped[0].Detail | Should -Be 'this Tls13 handshake had no CertificateRequest'
        $session.FaultsSkipped[1].Detail | Should -Be 'the connection ended before the fault''s point (after ApplicationData)'
    }

    It 'each event says where, in which version, after how many bytes' {
        $server = Start-TlsServer -Port 0 -Protocol Tls12 -Fault (New-TlsFault -After ServerHelloDone -SendAlert internal_error)
        $null = Invoke-SClientText -Port $server.Port
        $event = (Assert-FaultApplied $server 'SendAlert').FaultsApplied[0]
        $event.At | Should -Be 'after ServerHelloDone'
        $event.Protocol | Should -Be 'Tls12'
        $event.Offset | Should -BeGreaterThan 500 -Because 'the whole first flight came before the alert'
        $event.Bytes | Should -Be 7
        $event.Records | Should -Be 1
        $event.Outcome | Should -Be 'Applied'
        "$event" | Should -Be 'SendAlert after ServerHelloDone: fatal internal_error, in plaintext'
    }

    It 'writes a session with its fault events whole with ConvertTo-Json at its default depth' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -After ServerHello -SendAlert internal_error), (New-TlsFault -After ApplicationData -Reset)
        $null = Invoke-SClientText -Port $server.Port
        $session = Wait-OneEndedTlsSession $server
        $json = $session | ConvertTo-Json -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $read = $json | ConvertFrom-Json
        $read.FaultsApplied[0].Detail | Should -Be 'fatal internal_error, encrypted'
        $read.FaultsSkipped[0].Outcome | Should -Be 'NotReached'
    }

    It 'shows FaultsApplied and FaultsSkipped in the session''s list view' {
        $server = Start-TlsServer -Port 0 -Fault (New-TlsFault -CorruptFinished), (New-TlsFault -After ApplicationData -Reset)
        $null = Invoke-SClientText -Port $server.Port
        $text = Wait-OneEndedTlsSession $server | Format-List | Out-String -Width 120
        $text | Should -Match 'FaultsApplied\s+: CorruptFinished'
        $text | Should -Match 'FaultsSkipped\s+: Reset \(NotReached\)'
    }
}
