# README.md's PowerShell code runs as written when pasted into pwsh: the tour against the server it starts, the install
# steps against a package in a local folder (in a new pwsh with its own home folder), and the Pester example as a real
# nested Invoke-Pester run, with a stand-in for ./my-client (curl). Each block runs in a fresh runspace or process.

BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $blocks = @(Get-MarkdownCodeBlock -Path "$PSScriptRoot/../../README.md" | Where-Object Language -eq 'powershell')
    $tested = 'A short tour', 'Install the module', 'In a Pester test', 'Testing your client''s error handling'
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $repositoryRoot = (Resolve-Path "$PSScriptRoot/../..").Path
    $blocks = @(Get-MarkdownCodeBlock -Path "$repositoryRoot/README.md" | Where-Object Language -eq 'powershell')
    $codeOf = { param([string] $Section) @($blocks | Where-Object Section -eq $Section)[0].Code }
    $quote = { param([string] $Text) "'" + $Text.Replace("'", "''") + "'" }
    # A folder laid out as the Pester examples say: out/TlsServer, tests/, and ./my-client, a shell script of ClientScript.
    $newExampleFolder = {
        param([string] $Name, [string] $ClientScript)
        $path = & $newFolder $Name
        $null = New-Item -ItemType Directory -Path (Join-Path $path 'out')
        Copy-Item -Path "$repositoryRoot/out/TlsServer" -Destination (Join-Path $path 'out' 'TlsServer') -Recurse -Force
        $null = New-Item -ItemType Directory -Path (Join-Path $path 'tests')
        & $setClient $path $ClientScript
        $path
    }
    $setClient = {
        param([string] $Folder, [string] $ClientScript)
        $client = Join-Path $Folder 'my-client'
        Set-Content -LiteralPath $client -Value "#!/bin/sh`n$ClientScript"
        [System.IO.File]::SetUnixFileMode($client, 'UserRead, UserWrite, UserExecute')
    }
    $newFolder = {
        param([string] $Name)
        $path = Join-Path ([System.IO.Path]::GetTempPath()) "tlsserver-readme-$Name-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        (New-Item -ItemType Directory -Path $path).FullName
    }
}

Describe 'README.md' {
    It 'has its PowerShell code in the sections this suite runs: <Section>' -ForEach @($blocks | ForEach-Object { @{ Section = $_.Section; Tested = $tested } }) {
        $Section | Should -BeIn $Tested
    }

    Context 'the tour' {
        BeforeAll {
            $run = Invoke-DocumentedCode -Code (& $codeOf 'A short tour') -WorkingDirectory $repositoryRoot
            $because = "the tour wrote:`n$($run.Output)"
        }

        It 'runs without an error' {
            Assert-DocumentedCodeRan $run -Because $because
        }

        It 'shows the status page to curl and completes the TLS 1.2 handshake of s_client' {
            $run.Output | Should -Match 'TlsServer status' -Because $because
            $run.Output | Should -Match 'CONNECTION ESTABLISHED' -Because $because
            $run.Output | Should -Match 'Protocol version: TLSv1.2' -Because $because
        }

        It 'records both sessions and stops the server' {
            $run.Servers.Count | Should -Be 1
            $run.Servers[0].State | Should -Be 'Stopped' -Because 'the tour ends with Stop-TlsServer'
            @($run.Servers[0] | Get-TlsSession | Where-Object HandshakeCompleted).Count | Should -Be 2
        }
    }

    Context 'the install steps' {
        BeforeAll {
            # A folder like the repository after build.ps1 -Package: out/package holds the module's .nupkg.
            $folder = & $newFolder 'install'
            $isolated = New-IsolatedHome -Path (Join-Path $folder 'home')
            $package = Join-Path $folder 'out' 'package'
            $null = New-Item -ItemType Directory -Path $package
            $compress = Invoke-Pwsh -Environment $isolated -Command "Compress-PSResource -Path $(& $quote "$repositoryRoot/out/TlsServer") -DestinationPath $(& $quote $package)"

            $install = Invoke-Pwsh -Environment $isolated -WorkingDirectory $folder -Command (
                "`$ErrorActionPreference = 'Stop'`n" + (& $codeOf 'Install the module') + "`n" +
                '"module base $((Get-Module TlsServer).ModuleBase)"; (Get-Command -Module TlsServer).Count')
        }

        AfterAll {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
        }

        It 'installs the package and imports the module by name' {
            $compress.ExitCode | Should -Be 0 -Because $compress.Output
            $install.ExitCode | Should -Be 0 -Because $install.Output
            $install.Output | Should -Match "module base $([regex]::Escape($isolated.HOME))"
            $manifest = Import-PowerShellDataFile "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1"
            $commands = $manifest.CmdletsToExport.Count + $manifest.AliasesToExport.Count
            $install.Output | Should -Match "(?m)^$commands\s*`$" -Because "the manifest exports $commands cmdlets and aliases: $($install.Output)"
        }
    }

    Context 'the Pester example' {
        BeforeAll {
            # The stand-in client: one HTTPS request that gives up after 5 seconds, failing (curl exits 28).
            $folder = & $newExampleFolder 'pester' 'exec curl --silent --insecure --max-time 5 --output /dev/null "$1"'
            $modules = @((Get-Module Pester).Path)
            $code = & $codeOf 'In a Pester test'

            $run = Invoke-DocumentedCode -Code $code -WorkingDirectory $folder -Module $modules -PesterFile (Join-Path $folder 'tests' 'MyClient.Tests.ps1')

            # The same test against an interactive-mode server: the client waits out its time-out, and the test fails.
            $interactive = Invoke-DocumentedCode -Code ($code -replace ' -Www', '') -WorkingDirectory $folder -Module $modules -PesterFile (Join-Path $folder 'tests' 'Interactive.Tests.ps1')
        }

        AfterAll {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
        }

        It 'passes as a nested Invoke-Pester run' {
            Assert-DocumentedCodeRan $run
            $run.Output | Should -Match '\[\+\] negotiates TLS 1.3 with x25519'
        }

        It 'does not wait for the client to time out' {
            # Pester's detailed output gives the test's duration: "[+] negotiates ... 812ms (790ms|22ms)".
            $duration = [regex]::Match(($run.Output -replace '\s+', ' '), 'negotiates TLS 1.3 with x25519 (?<value>[\d.]+)(?<unit>ms|s) ')
            $duration.Success | Should -BeTrue -Because $run.Output
            $seconds = [double]$duration.Groups['value'].Value / $(if ($duration.Groups['unit'].Value -eq 'ms') { 1000 } else { 1 })
            $seconds | Should -BeLessThan 5 -Because "the stand-in client gives up after 5 s; $($run.Output)"
        }

        It 'fails without -Www, where the client waits out its time-out' {
            $interactive.Exception | Should -Not -BeNullOrEmpty -Because $interactive.Output
            $interactive.Output | Should -Match 'Expected 0, but got 28'
        }
    }

    Context 'the error-handling suite' {
        BeforeAll {
            # The stand-in client: curl with its errors shown (the example's Expect patterns are curl's words).
            $folder = & $newExampleFolder 'errors' 'exec curl --silent --show-error --insecure --max-time 5 --output /dev/null "$1"'
            $modules = @((Get-Module Pester).Path)
            $code = & $codeOf "Testing your client's error handling"
            $run = Invoke-DocumentedCode -Code $code -WorkingDirectory $folder -Module $modules -PesterFile (Join-Path $folder 'tests' 'MyClient.Errors.Tests.ps1') -TimeoutSec 180

            # A client that hides every error (it always exits 0): the suite must catch it.
            & $setClient $folder "curl --silent --insecure --max-time 5 --output /dev/null `"`$1`"`nexit 0"
            $careless = Invoke-DocumentedCode -Code $code -WorkingDirectory $folder -Module $modules -PesterFile (Join-Path $folder 'tests' 'Careless.Tests.ps1') -TimeoutSec 180
        }

        AfterAll {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
        }

        It 'passes as a nested Invoke-Pester run, every case' {
            Assert-DocumentedCodeRan $run
            ([regex]::Matches($run.Output, '\[\+\] fails with its own error, or succeeds where TLS allows it')).Count | Should -Be 7 -Because $run.Output
        }

        It 'fails for a client that hides its errors, and only where a fault should have failed it' {
            $careless.Exception | Should -Not -BeNullOrEmpty -Because $careless.Output
            ([regex]::Matches($careless.Output, '\[-\] fails with its own error')).Count | Should -Be 6 -Because $careless.Output
            $careless.Exception.Message | Should -Match 'Pester: Failed, 1 passed, 6 failed'
        }
    }
}
