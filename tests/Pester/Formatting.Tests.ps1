# The format views of TlsServer.Format.ps1xml as a new pwsh renders them: servers and protocol messages as tables, the
# ClientHello as a list.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $manifest = (Resolve-Path "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1").Path

    function Invoke-ModuleCommand {
        # Runs Command in a new pwsh with the module imported; returns its exit code, its standard error and the
        # non-empty lines of its standard output.
        param([string] $Command)

        $result = Invoke-Pwsh -ArgumentList '-NonInteractive', '-Command', "Import-Module '$manifest'`n$Command"
        [pscustomobject]@{
            ExitCode = $result.ExitCode
            Error    = $result.StandardError
            Lines    = @($result.StandardOutput -split '\n' | ForEach-Object { $_.TrimEnd() } | Where-Object { $_ })
        }
    }

    # A .NET client's handshake with a -Msg server, in the new pwsh.
    $handshake = @'
$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Msg
$tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port)
$ssl = [System.Net.Security.SslStream]::new($tcp.GetStream(), $false, { $true })
$ssl.AuthenticateAsClient('localhost')
$ssl.Dispose(); $tcp.Dispose()
$null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
'@
}

Describe 'The server view' {
    # A redirected pwsh is 80 columns wide, and the table fits in them.
    It 'renders servers as a table with every column' {
        $result = Invoke-ModuleCommand 'Start-TlsServer -Port 0 -Name table-view -Www'

        $result.ExitCode | Should -Be 0 -Because $result.Error
        $result.Error | Should -BeNullOrEmpty
        $result.Lines[0] | Should -Match '^\s*Id\s+Name\s+State\s+EndPoint\s+Protocols\s+Mode\s+Engine$'
        $result.Lines[2] | Should -Match '^\s*\d+\s+table-view\s+Running\s+\[::\]:\d+\s+Tls12,Tls13\s+Www\s+BouncyCastle$'
    }

    It 'shows the System engine in the table' {
        $result = Invoke-ModuleCommand 'Start-TlsServer -Port 0 -Name system-view -Engine System'

        $result.ExitCode | Should -Be 0 -Because $result.Error
        $result.Error | Should -BeNullOrEmpty
        $result.Lines -match 'system-view\s+Running\s+.*\s+Tls12,Tls13\s+Interactive\s+System' | Should -Not -BeNullOrEmpty -Because ($result.Lines -join "`n")
    }
}

Describe 'The diagnostic views' {
    It 'renders protocol messages as a table' {
        $result = Invoke-ModuleCommand "$handshake`nGet-TlsSession -Server `$server | Get-TlsMessage"

        $result.ExitCode | Should -Be 0 -Because $result.Error
        $result.Error | Should -BeNullOrEmpty
        $result.Lines[0] | Should -Match '^\s*Index\s+Direction\s+Type\s+Length\s+Summary$'
        $result.Lines[2] | Should -Match '^\s*0\s+Received\s+client_hello\s+\d+\s+versions '
        $result.Lines[3] | Should -Match '^\s*1\s+Sent\s+server_hello\s+\d+\s+TLSv1\.'
    }

    It 'renders the ClientHello as a list' {
        $result = Invoke-ModuleCommand "$handshake`n(Get-TlsSession -Server `$server).ClientHello"

        $result.ExitCode | Should -Be 0 -Because $result.Error
        $result.Error | Should -BeNullOrEmpty
        $result.Lines -match '^ServerName\s+: localhost$' | Should -HaveCount 1
        $result.Lines -match '^Ja4\s+: t1[23]d\d{4}' | Should -HaveCount 1
        $result.Lines -match '^Ja3Hash\s+: [0-9a-f]{32}$' | Should -HaveCount 1
    }
}
