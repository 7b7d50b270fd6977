# Servers and sessions are named by object, name or id, on the command line and through the pipeline by property
# name, as Stop-Process takes processes; stopped servers stop quietly and Remove-TlsServer forgets them.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    function New-ServerName {
        # A name no other test uses.
        "pipe-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    }

    function Connect-Client {
        # A server of the given name, an s_client connected to it in the background, and the established session.
        param([string] $Name, [string[]] $Option = @(), [hashtable] $Parameters = @{})
        $server = Start-TlsServer -Name $Name -Address 127.0.0.1 -Port 0 @Parameters
        $client = Start-SClientPeer -Port $server.Port -Option (@('-ign_eof') + $Option)
        $session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20
        $server, $client, $session
    }
}

Describe 'Servers through the pipeline' {
    BeforeEach {
        $name = New-ServerName
        $server = Start-TlsServer -Name $name -Address 127.0.0.1 -Port 0
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'stops the server whose Id an object carries' {
        [pscustomobject]@{ Id = $server.Id } | Stop-TlsServer
        $server.State | Should -Be 'Stopped'
    }

    It 'stops the server whose Name <Kind> carries' -ForEach @(
        @{ Kind = 'a hashtable'; Make = { param($n) @{ Name = $n } } }
        @{ Kind = 'an object'; Make = { param($n) [pscustomobject]@{ Name = $n } } }
    ) {
        & $Make $name | Stop-TlsServer
        $server.State | Should -Be 'Stopped'
    }

    It 'stops a server object piped to it, and a server given by <Kind>' -ForEach @(
        @{ Kind = 'name'; Value = { $server.Name } }
        @{ Kind = 'id'; Value = { $server.Id } }
        @{ Kind = 'object'; Value = { $server } }
    ) {
        $second = Start-TlsServer -Name (New-ServerName) -Address 127.0.0.1 -Port 0
        $second | Stop-TlsServer
        $second.State | Should -Be 'Stopped'
        Stop-TlsServer -Server (& $Value)
        $server.State | Should -Be 'Stopped'
    }

    It 'refuses an object that names no server' {
        { @{ Colour = 'blue' } | Stop-TlsServer -ErrorAction Stop } | Should -Throw -ErrorId 'InputObjectNotBound,TlsServer.PowerShell.Commands.StopTlsServerCommand'
        $server.State | Should -Be 'Running'
    }

    It 'stops a stopped server without an error, and passes it through' {
        $server | Stop-TlsServer
        $passed = $server | Stop-TlsServer -PassThru -ErrorVariable stopErrors
        $stopErrors | Should -HaveCount 0
        $passed.Id | Should -Be $server.Id
        { Get-TlsServer | Stop-TlsServer -ErrorAction Stop } | Should -Not -Throw
    }

    It 'gives the server of a session piped to Get-TlsServer, not the server with the session id' {
        $others = 1..2 | ForEach-Object { Start-TlsServer -Name (New-ServerName) -Address 127.0.0.1 -Port 0 }
        try {
            $null = Invoke-SClient -Port $others[1].Port
            $session = Wait-TlsSession -Server $others[1] -State Closed -TimeoutSec 20
            ($session | Get-TlsServer).Id | Should -Be $others[1].Id
            $session.Server.Id | Should -Be $others[1].Id
            $session.Server.Name | Should -Be $others[1].Name
        }
        finally {
            $others | Stop-TestServer
        }
    }
}

Describe 'Remove-TlsServer' {
    It 'stops a running server with close_notify and forgets it' {
        $server, $client, $session = Connect-Client -Name (New-ServerName)
        try {
            $server | Remove-TlsServer
            $server.State | Should -Be 'Stopped'
            Wait-PeerExit -Peer $client -TimeoutSec 20 | Should -BeTrue
            { Get-TlsServer -Id $server.Id -ErrorAction Stop } | Should -Throw -ErrorId 'ServerNotFound,TlsServer.PowerShell.Commands.GetTlsServerCommand'
            Get-TlsServer | Where-Object Id -EQ $server.Id | Should -BeNullOrEmpty
        }
        finally {
            $client | Stop-PeerProcess
        }
    }

    It 'forgets stopped servers, by name and by a pipeline of servers' {
        $names = 1..3 | ForEach-Object { New-ServerName }
        $servers = $names | ForEach-Object { Start-TlsServer -Name $_ -Address 127.0.0.1 -Port 0 }
        $servers | Stop-TlsServer
        Remove-TlsServer -Name $names[0]
        $servers[1..2] | Remove-TlsServer
        Get-TlsServer | Where-Object Name -In $names | Should -BeNullOrEmpty
    }

    It 'keeps the server with -WhatIf' {
        $server = Start-TlsServer -Name (New-ServerName) -Address 127.0.0.1 -Port 0
        $server | Remove-TlsServer -WhatIf
        $server.State | Should -Be 'Running'
        (Get-TlsServer -Id $server.Id).Name | Should -Be $server.Name
        $server | Remove-TlsServer
    }

    It 'makes the sessions of a removed server ServerNotFound' {
        $server = Start-TlsServer -Name (New-ServerName) -Address 127.0.0.1 -Port 0
        $null = Invoke-SClient -Port $server.Port
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20
        $server | Remove-TlsServer
        { $session | Receive-TlsData -ErrorAction Stop } | Should -Throw -ErrorId 'ServerNotFound,TlsServer.PowerShell.Commands.ReceiveTlsDataCommand'
    }
}

Describe 'Sessions by server and id' {
    BeforeEach {
        $name = New-ServerName
    }

    AfterEach {
        $client | Stop-PeerProcess
        Get-TlsServer -Name $name -ErrorAction SilentlyContinue | Stop-TestServer
    }

    It 'lists the sessions of a server given by <Kind>' -ForEach @(
        @{ Kind = 'name'; Value = { $name } }
        @{ Kind = 'id'; Value = { (Get-TlsServer -Name $name).Id } }
    ) {
        $server, $client, $session = Connect-Client -Name $name
        (Get-TlsSession -Server (& $Value)).Id | Should -Be $session.Id
    }

    It 'gives the session as it is now for a session piped to Get-TlsSession' {
        $server, $client, $session = Connect-Client -Name $name
        $client.Process.Kill()
        $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20
        $session.State | Should -Be 'Established'
        ($session | Get-TlsSession).State | Should -BeIn 'Closed', 'Failed'
    }

    It 'waits for any of several states, on a server given by name' {
        $server = Start-TlsServer -Name $name -Address 127.0.0.1 -Port 0
        $null = Invoke-SClient -Port $server.Port
        $sessions = Wait-TlsSession -Server $name -State Handshaking, Closed -TimeoutSec 20
        $sessions.State | Should -Contain 'Closed'
    }

    It 'ends a session with Stop-TlsSession -Server -Id, and s_client sees close_notify' {
        $server, $client, $session = Connect-Client -Name $name
        Stop-TlsSession -Server $name -Id $session.Id
        Wait-PeerExit -Peer $client -TimeoutSec 20 | Should -BeTrue
        (Get-TlsSession -Server $server -Id $session.Id).Alert.Description | Should -Be 'close_notify'
    }

    It 'sends to, and reads from, a session named by an object with Server and Id' {
        $server, $client, $session = Connect-Client -Name $name
        $reference = [pscustomobject]@{ Server = $name; Id = $session.Id }
        Send-PeerInput -Peer $client -Text "from the client`n"
        $reference | Receive-TlsData -Wait -TimeoutSec 20 | Should -Match 'from the client'
        $reference | Send-TlsData -Text "from the server`n"
        Wait-PeerOutput -Peer $client 'from the server' -TimeoutSec 20
        Get-PeerOutput -Peer $client -Stream Output | Should -Match 'from the server'
    }

    It 'updates keys with Invoke-TlsRenegotiation -Server -Id' {
        $server, $client, $session = Connect-Client -Name $name
        $result = [pscustomobject]@{ Server = $server; Id = $session.Id } | Invoke-TlsRenegotiation
        $result.Method | Should -Be 'KeyUpdate'
        $result.Server.Name | Should -Be $name
        (Get-TlsSession -Server $name -Id $session.Id).KeyUpdatesSent | Should -Be 1
    }

    It 'sends an alert with Send-TlsAlert -Server -Id, and s_client reports it' {
        $server, $client, $session = Connect-Client -Name $name
        $after = Send-TlsAlert -Server $name -Id $session.Id -Description internal_error -PassThru
        $after.State | Should -Be 'Failed'
        Wait-PeerExit -Peer $client -TimeoutSec 20 | Should -BeTrue
        Get-PeerOutput -Peer $client -Stream Error | Should -Match 'SSL alert number 80'
    }

    It 'lists the messages of a session with Get-TlsMessage -Server -Id' {
        $server, $client, $session = Connect-Client -Name $name -Parameters @{ Msg = $true }
        (Get-TlsMessage -Server $name -Id $session.Id -HandshakeType client_hello).Direction | Should -Be 'Received'
    }

    It 'writes SessionNotFound for an id the server does not have, and goes on' {
        $server, $client, $session = Connect-Client -Name $name -Parameters @{ Msg = $true }
        $results = Get-TlsMessage -Server $name -Id 999, $session.Id -ErrorVariable lookupErrors -ErrorAction SilentlyContinue
        $lookupErrors[0].FullyQualifiedErrorId | Should -Be 'SessionNotFound,TlsServer.PowerShell.Commands.GetTlsMessageCommand'
        $results | Should -Not -BeNullOrEmpty
        { Stop-TlsSession -Server $name -Id 999 -ErrorAction Stop } | Should -Throw -ErrorId 'SessionNotFound,TlsServer.PowerShell.Commands.StopTlsSessionCommand'
    }
}
