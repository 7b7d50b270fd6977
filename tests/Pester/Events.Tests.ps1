# The server's .NET events, received with Register-ObjectEvent and Wait-Event as a script would: handshakes, alerts in
# both directions, decrypted data and ended sessions, while openssl s_client connects.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    function Register-ServerEvent {
        # Subscribes to the server's events; each one's source identifier is "<prefix>.<event name>".
        param($Server, [string] $Prefix, [string[]] $EventName)

        foreach ($name in $EventName) {
            $null = Register-ObjectEvent -InputObject $Server -EventName $name -SourceIdentifier "$Prefix.$name"
        }
    }

    function Receive-ServerEvent {
        # The arguments of the first event with this source identifier, waited for at most 10 s.
        param([string] $SourceIdentifier)

        $received = Wait-Event -SourceIdentifier $SourceIdentifier -Timeout 10
        $received | Should -Not -BeNullOrEmpty -Because "$SourceIdentifier must arrive within 10 s"
        @($received)[0].SourceEventArgs
    }
}

Describe 'Server events' {
    BeforeEach {
        $prefix = "pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $server = Start-TlsServer -Port 0
    }

    AfterEach {
        Get-EventSubscriber | Where-Object { $_.SourceIdentifier -like "$prefix.*" } | Unregister-Event
        Get-Event | Where-Object { $_.SourceIdentifier -like "$prefix.*" } | Remove-Event
        $server | Stop-TestServer
    }

    It 'raises HandshakeCompleted with the negotiated session' {
        Register-ServerEvent -Server $server -Prefix $prefix -EventName HandshakeCompleted

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_3'

        $arguments = Receive-ServerEvent "$prefix.HandshakeCompleted"
        "$($arguments.Kind)" | Should -BeExactly 'HandshakeCompleted'
        "$($arguments.Session.Protocol)" | Should -BeExactly 'Tls13'
        $arguments.Session.HandshakeCompleted | Should -BeTrue
    }

    It 'raises AlertReceived and AlertSent for the close_notify of each side' {
        Register-ServerEvent -Server $server -Prefix $prefix -EventName AlertReceived, AlertSent

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_3'

        $received = (Receive-ServerEvent "$prefix.AlertReceived").Alert
        $sent = (Receive-ServerEvent "$prefix.AlertSent").Alert
        $received.Description | Should -BeExactly 'close_notify'
        "$($received.Direction)" | Should -BeExactly 'Received'
        $sent.Description | Should -BeExactly 'close_notify'
        "$($sent.Direction)" | Should -BeExactly 'Sent'
    }

    It 'raises DataReceived with the decrypted bytes' {
        Register-ServerEvent -Server $server -Prefix $prefix -EventName DataReceived

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_3' -InputText "hello events`n"

        $data = (Receive-ServerEvent "$prefix.DataReceived").Data
        $data | Should -BeOfType [byte]
        [System.Text.Encoding]::ASCII.GetString([byte[]] $data) | Should -BeExactly "hello events`n"
    }

    It 'raises SessionEnded when the connection closes' {
        Register-ServerEvent -Server $server -Prefix $prefix -EventName SessionEnded

        $null = Invoke-SClient -Port $server.Port -Option '-tls1_2'

        "$((Receive-ServerEvent "$prefix.SessionEnded").Session.State)" | Should -BeExactly 'Closed'
    }
}
