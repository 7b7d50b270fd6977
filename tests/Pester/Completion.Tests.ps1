# Tab completion offers the values a parameter takes (ALPN ids, protocol names, live servers and sessions), and never
# file names in their place.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    function Get-Completion {
        # What TabExpansion2 offers at the end of the line, as completion texts.
        param([string] $Line)
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }

    # Files whose names start like the words completed below, so that a file-name fallback would show.
    Push-Location $TestDrive
    'h2-notes.txt', 'zz-file.txt', 'TLSv-file.txt', 'completion-file.txt', '7-file.txt' | ForEach-Object { New-Item -ItemType File -Path $_ | Out-Null }

    $server = Start-TlsServer -Name 'completion-web' -Address 127.0.0.1 -Port 0
    $other = Start-TlsServer -Name 'completion-api' -Address 127.0.0.1 -Port 0
    $null = Invoke-SClient -Port $server.Port
    $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20
}

AfterAll {
    $server, $other | Stop-TestServer
    Pop-Location
}

Describe 'Completion' {
    It 'offers common ALPN ids for -Alpn' {
        $offered = Get-Completion 'Start-TlsServer -Alpn h'
        $offered | Should -Contain 'h2'
        $offered | Should -Contain 'http/1.1'
        $offered | Should -Not -Contain './h2-notes.txt'
    }

    It 'offers the parameters of the transport chosen: <Line>' -ForEach @(
        @{ Line = 'Start-TlsServer -UnixSocket ./s.sock -'; Offered = '-Unlink', '-NonBlockingTest', '-Www'; NotOffered = '-Port', '-Address', '-Dtls', '-Listen' }
        @{ Line = 'Start-TlsServer -Dtls -'; Offered = '-Listen', '-Mtu', '-Port', '-Www'; NotOffered = '-UnixSocket', '-NonBlockingTest', '-MaxSendFragment' }
        @{ Line = 'Start-TlsServer -Port 0 -'; Offered = '-Accept', '-Listen', '-NonBlockingTest', '-Www'; NotOffered = '-UnixSocket', '-Unlink' }
    ) {
        $completions = Get-Completion $Line
        foreach ($name in $Offered) { $completions | Should -Contain $name }
        foreach ($name in $NotOffered) { $completions | Should -Not -Contain $name }
    }

    It "completes the next ALPN id in s_server's comma-separated form" {
        Get-Completion "Start-TlsServer -Alpn 'h2,http/1." | Should -Contain "'h2,http/1.1'"
    }

    It 'offers both spellings of protocol versions' {
        Get-Completion 'Start-TlsServer -Protocol TLSv1.' | Should -Contain 'TLSv1.3'
        Get-Completion 'Start-TlsServer -MinimumProtocol Tls1' | Should -Contain 'Tls13'
        Get-Completion 'Start-TlsServer -ExcludeProtocol TLSv' | Should -Not -Contain './TLSv-file.txt'
    }

    It 'offers server names for -Server of <Command>' -ForEach @(
        @{ Command = 'Get-TlsSession' }
        @{ Command = 'Wait-TlsSession' }
        @{ Command = 'Stop-TlsServer' }
        @{ Command = 'Remove-TlsServer' }
        @{ Command = 'Stop-TlsSession' }
        @{ Command = 'Receive-TlsData' }
    ) {
        Get-Completion "$Command -Server completion-" | Should -Be @('completion-web', 'completion-api')
    }

    It 'offers server names for -Name and server ids for -Id of Get-TlsServer' {
        Get-Completion 'Get-TlsServer -Name completion-w' | Should -Be @('completion-web')
        Get-Completion 'Get-TlsServer -Id ' | Should -Contain "$($server.Id)"
    }

    It 'offers the session ids of the server given' {
        Get-Completion "Stop-TlsSession -Server completion-web -Id " | Should -Be @("$($session.Id)")
        Get-Completion "Stop-TlsSession -Server completion-api -Id " | Should -BeNullOrEmpty
    }

    It 'offers no file names when nothing matches, for <Line>' -ForEach @(
        @{ Line = 'Start-TlsServer -Alpn zz' }
        @{ Line = 'Start-TlsServer -Protocol zz' }
        @{ Line = 'Get-TlsSession -Server zz' }
        @{ Line = 'Stop-TlsServer -Name zz' }
        @{ Line = 'Send-TlsData -Server completion-web -Id 7' }
    ) {
        Get-Completion $Line | Should -BeNullOrEmpty
    }
}
