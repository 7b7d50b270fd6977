# The server's limits hold, and the statistic that shows each one was hit moves.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'ConnectionLimit' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -ConnectionLimit 1
        $first = Connect-TlsClient -Port $server.Port
        $null = Wait-TlsSession -Server $server -State Established -TimeoutSec 10
        $refused = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port)
        $refused.ReceiveTimeout = 10000
        # The server closes the connection beyond the limit before any TLS: the read ends (0) or is reset.
        $refusedRead = try { $refused.GetStream().Read([byte[]]::new(16), 0, 16) } catch [System.IO.IOException] { 0 }
    }

    AfterAll {
        $refused.Dispose()
        $first.Dispose()
        $server | Stop-TestServer
    }

    It 'refuses connections beyond the limit and counts them' {
        $server.Statistics.ConnectionsRefused | Should -Be 1
        $server.Statistics.ConnectionsAccepted | Should -Be 1
    }

    It 'closes the connection beyond the limit without a byte, and the first connection goes on' {
        $refusedRead | Should -Be 0
        { $first.Write([System.Text.Encoding]::ASCII.GetBytes('still here')); $first.Flush() } | Should -Not -Throw
    }
}

Describe 'IdleTimeoutSec' {
    BeforeAll {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -IdleTimeoutSec 1
        $client = Connect-TlsClient -Port $server.Port
        $read = $client.Read([byte[]]::new(16), 0, 16)
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
    }

    AfterAll {
        $client.Dispose()
        $server | Stop-TestServer
    }

    It 'closes a silent connection with close_notify' {
        # SslStream reads 0 bytes only after a close_notify; a bare TCP close would throw instead.
        $read | Should -Be 0
        "$($session.State)" | Should -Be 'Closed'
    }

    It 'counts the idle timeout and names it in the session' {
        $server.Statistics.IdleTimeouts | Should -Be 1
        (Get-TlsSession -Server $server).Error | Should -Match 'idle timeout'
    }
}

Describe 'ReceiveBufferLimit' {
    It 'stops reading when the buffer is full instead of dropping data' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -ReceiveBufferLimit 4096
        $client = Connect-TlsClient -Port $server.Port
        try {
            $client.WriteTimeout = 3000
            $chunk = [byte[]]::new(64 * 1024)
            [long] $written = 0
            $thrown = $null
            try {
                for ($i = 0; $i -lt 1024; $i++) {
                    $client.Write($chunk, 0, $chunk.Length)
                    $written += $chunk.Length
                }
            }
            catch {
                $thrown = $_.Exception
            }

            $thrown | Should -Not -BeNullOrEmpty -Because 'the client could write 64 MiB to a server that stopped reading'
            @($thrown, $thrown.InnerException) | Where-Object { $_ -is [System.IO.IOException] } | Should -Not -BeNullOrEmpty -Because "$thrown"
            $written | Should -BeLessThan (1024L * $chunk.Length)
            $session = Get-TlsSession -Server $server
            $session.BytesReceived | Should -BeLessThan $written
            "$($session.State)" | Should -Be 'Established'
        }
        finally {
            $client.Dispose()
            $server | Stop-TestServer
        }
    }
}

Describe 'MaxHandshakeMessageSize' {
    It 'refuses values below 1024 bytes' {
        { Start-TlsServer -Port 0 -MaxHandshakeMessageSize 100 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }

    It 'refuses values above 16 MiB' {
        { Start-TlsServer -Port 0 -MaxHandshakeMessageSize (16MB + 1) } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'ServerLimits' {
    # The cmdlet's ranges and the engine's checks read the same constants: each numeric parameter has a nested class
    # of TlsServer.Engine.ServerLimits named after it, and its [ValidateRange] is that class's Min and Max.
    BeforeDiscovery {
        Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
        $ranged = @((Get-Command Start-TlsServer).Parameters.Values |
                Where-Object { $_.Name -notin [System.Management.Automation.Cmdlet]::CommonParameters } |
                Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] } } |
                ForEach-Object { @{ Name = $_.Name } })
    }

    BeforeAll {
        # The engine lives in the module's own load context: reach it through a type a parameter uses.
        $engine = (Get-Command Start-TlsServer).Parameters['Engine'].ParameterType.Assembly
    }

    It 'has <Count> ranged parameters to check' -ForEach @{ Count = $ranged.Count } {
        $Count | Should -BeGreaterThan 15
    }

    It 'bounds -<Name> with ServerLimits.<Name>' -ForEach $ranged {
        $range = (Get-Command Start-TlsServer).Parameters[$Name].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
        $limits = $engine.GetType("TlsServer.Engine.ServerLimits+$Name")

        $limits | Should -Not -BeNullOrEmpty -Because "ServerLimits has no class $Name"
        $range.MinRange | Should -Be $limits.GetField('Min').GetRawConstantValue()
        $range.MaxRange | Should -Be $limits.GetField('Max').GetRawConstantValue()
    }
}
