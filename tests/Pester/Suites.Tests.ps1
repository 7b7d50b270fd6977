# The test scripts themselves: every suite, the shared helpers and build.ps1 parse, and every TlsServer command they
# name exists, so a typo in a branch that rarely runs cannot hide until the day it does.

BeforeDiscovery {
    $root = Resolve-Path "$PSScriptRoot/../.."
    $scripts = @(Get-ChildItem -Path $PSScriptRoot -Include '*.ps1', '*.psm1' -Recurse -File) + (Get-Item "$root/build.ps1") |
        ForEach-Object { @{ Name = [System.IO.Path]::GetRelativePath($root, $_.FullName); Path = $_.FullName } }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    $exported = (Get-Module TlsServer).ExportedCommands.Keys
    $helpers = @(Get-Item "$PSScriptRoot/TestHelpers.psm1") + @(Get-ChildItem -Path "$PSScriptRoot/Helpers" -Filter '*.ps1') |
        ForEach-Object { [System.Management.Automation.Language.Parser]::ParseFile($_.FullName, [ref] $null, [ref] $null) }
}

Describe 'Test script <Name>' -ForEach $scripts {
    It 'parses' {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $null, [ref] $errors)
        $errors | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Message)" } | Should -BeNullOrEmpty
    }

    It 'names only TlsServer commands that exist' {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $null, [ref] $null)
        $defined = foreach ($tree in @($ast) + $helpers) {
            $tree.FindAll({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true).Name
        }
        $named = foreach ($command in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $command.GetCommandName()
            if ($name -clike '*-Tls*' -and $name -notin $defined) { $name }
        }
        $named | Where-Object { $_ -notin $exported } | Should -BeNullOrEmpty
    }
}
