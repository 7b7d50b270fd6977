# The module as a package: its manifest, tab completion, the help of every cmdlet, its private load context, and its
# use from a new pwsh (a script with -File, commands on standard input, errors and exit codes).

BeforeDiscovery {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    $cmdlets = @((Get-Command -Module TlsServer -CommandType Cmdlet).Name)
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $moduleFolder = (Resolve-Path "$PSScriptRoot/../../out/TlsServer").Path
    $manifest = Join-Path $moduleFolder 'TlsServer.psd1'
    $sourceManifest = Import-PowerShellDataFile -Path "$PSScriptRoot/../../module/TlsServer.psd1"
}

Describe 'The module manifest' {
    It 'exports exactly the cmdlets the assembly has' {
        $commands = (Get-Command -Module TlsServer -CommandType Cmdlet).Name | Sort-Object

        $commands | Should -BeExactly ($sourceManifest.CmdletsToExport | Sort-Object)
    }

    It 'targets PowerShell 7.4 on Core' {
        $sourceManifest.PowerShellVersion | Should -BeExactly '7.4'
        $sourceManifest.CompatiblePSEditions | Should -BeExactly @('Core')
        (Get-Module TlsServer).CompatiblePSEditions -join ',' | Should -BeExactly 'Core'
    }
}

Describe 'Tab completion' {
    It 'completes the values of enum parameters' {
        $line = 'Start-TlsServer -Protocol Tls1'

        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        $completions | Should -BeExactly @('Tls10', 'Tls11', 'Tls12', 'Tls13')
    }

    It 'completes the names of servers' {
        $server = Start-TlsServer -Port 0 -Name 'completion-target'
        try {
            $line = 'Stop-TlsServer -Name completion-t'

            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

            $completions | Should -BeExactly @('completion-target')
        }
        finally {
            $server | Stop-TestServer
        }
    }
}

Describe 'Get-Help <_>' -ForEach $cmdlets {
    BeforeAll {
        $cmdlet = $_
    }

    It 'has a synopsis, a description and examples that use the cmdlet' {
        $help = @(Get-Help $cmdlet -Full)

        $help | Should -HaveCount 1
        $help[0].PSObject.TypeNames[0].Split('#')[0].Split('.')[-1] | Should -BeExactly 'MamlCommandHelpInfo'
        $synopsis = (Get-Help $cmdlet).Synopsis.Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -Be $cmdlet
        @((Get-Help $cmdlet -Full).Description.Text) | Should -Not -BeNullOrEmpty
        $examples = @((Get-Help $cmdlet -Examples).Examples.Example)
        $examples | Should -Not -BeNullOrEmpty
        foreach ($example in $examples) {
            $example.code | Should -BeLike "*$cmdlet*"
        }
    }

    It 'documents exactly the parameters of the cmdlet, each with a description' {
        $actual = (Get-Command $cmdlet).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters } | Sort-Object
        $documented = (Get-Help $cmdlet -Full).Parameters.Parameter.Name | Sort-Object

        $documented | Should -BeExactly $actual
        foreach ($parameter in $documented) {
            (@((Get-Help $cmdlet -Parameter $parameter).Description.Text) -join ' ').Trim() |
                Should -Not -BeNullOrEmpty -Because "$cmdlet -$parameter needs a description"
        }
    }
}

Describe 'The private load context' {
    It 'leaves a different BouncyCastle in the default context alone and serves with its own' {
        $nuGetPackageRoot = (& dotnet msbuild "$PSScriptRoot/Pester.csproj" -getProperty:NuGetPackageRoot).Trim()
        $otherBouncyCastle = Join-Path $nuGetPackageRoot 'bouncycastle.cryptography' '2.4.0' 'lib' 'net6.0' 'BouncyCastle.Cryptography.dll'
        $otherBouncyCastle | Should -Exist

        # A new pwsh, so that the other BouncyCastle is certainly loaded first.
        $result = Invoke-Pwsh -ArgumentList '-NonInteractive', '-Command', @"
`$other = [System.Reflection.Assembly]::LoadFrom('$otherBouncyCastle')
Import-Module '$manifest'
`$server = Start-TlsServer -Port 0 -Address 127.0.0.1
`$client = & openssl s_client -connect "127.0.0.1:`$(`$server.Port)" -brief 2>&1
`$session = Wait-TlsSession -Server `$server -State Closed -TimeoutSec 10
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'BouncyCastle.Cryptography' } | ForEach-Object {
    'BC ' + `$_.Location + ' in ' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name
}
'SESSION ' + `$session.Protocol + ' ' + `$session.State
"@

        $result.ExitCode | Should -Be 0 -Because $result.StandardError
        $result.StandardError | Should -BeNullOrEmpty
        $lines = $result.StandardOutput -split '\r?\n'
        $lines | Should -Contain "BC $otherBouncyCastle in Default"
        $lines | Should -Contain "BC $(Join-Path $moduleFolder 'engine' 'BouncyCastle.Cryptography.dll') in TlsServer.Engine"
        $lines | Should -Contain 'SESSION Tls13 Closed'
    }
}

Describe 'The module in a new pwsh' {
    It 'runs a script with -File, with its arguments and its exit code' {
        $script = Join-Path $TestDrive 'from-file.ps1'
        Set-Content -LiteralPath $script -Value @"
param([string] `$Name, [switch] `$Www)
Import-Module '$manifest'
`$s = Start-TlsServer -Port 0 -Name `$Name -Www:`$Www
"`$(`$s.Name) `$(`$s.Mode)"
`$s | Stop-TlsServer
exit 7
"@

        $result = Invoke-Pwsh -ArgumentList '-File', $script, '-Name', 'from-file', '-Www'

        $result.ExitCode | Should -Be 7 -Because $result.StandardError
        $result.StandardOutput -split '\r?\n' | Should -Contain 'from-file Www'
    }

    It 'runs lines from standard input at its prompt until exit' {
        $result = Invoke-Pwsh -InputText "Import-Module '$manifest'`n`$s = Start-TlsServer -Port 0 -Name prompt-test`n`$s.Name`nexit 5`n'not ' + 'reached'`n"

        $result.ExitCode | Should -Be 5 -Because $result.StandardError
        $result.StandardOutput | Should -Match '(?m)^PS .+> '
        $result.StandardOutput -split '\r?\n' | Should -Contain 'prompt-test'
        $result.StandardOutput + $result.StandardError | Should -Not -Match 'not reached'
    }

    It 'ends a command that fails with exit code 1 and shows its error id without a stack trace' {
        $result = Invoke-Pwsh -ArgumentList '-NonInteractive', '-Command', "Import-Module '$manifest'; `$ErrorView = 'NormalView'; Stop-TlsServer -Name no-such-server"

        $result.ExitCode | Should -Be 1
        $result.StandardError | Should -BeLikeExactly '*ServerNotFound,TlsServer.PowerShell.Commands.StopTlsServerCommand*'
        $result.StandardOutput + $result.StandardError | Should -Not -BeLikeExactly '*   at *'
    }
}
