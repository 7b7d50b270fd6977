#Requires -Version 7.2
<#
.SYNOPSIS
    Builds the TlsServer module and runs its tests.

.DESCRIPTION
    Without switches, runs `dotnet build TlsServer.PowerShell.sln -c <Configuration>`, which lays the module out in
    out/TlsServer. -Clean removes out/ and every project's bin/ and obj/ first; -Test then runs the xUnit tests with
    `dotnet test`, and -Pester runs the Pester suites in tests/Pester against out/TlsServer.

    The script stops at the first step that fails and exits with a non-zero code.

.PARAMETER Configuration
    The build configuration: Debug (the default) or Release.

.PARAMETER Test
    Runs `dotnet test TlsServer.PowerShell.sln` after the build.

.PARAMETER Pester
    Runs the Pester suites in tests/Pester after the build, in a new pwsh process so that the module's assemblies
    are not left loaded in this session. Needs the Pester 5 module; without it a warning says how to install it
    and the suites are skipped.

.PARAMETER Clean
    Removes out/ and the bin/ and obj/ folders of every project before the build.

.EXAMPLE
    ./build.ps1

    Builds the Debug configuration into out/TlsServer.

.EXAMPLE
    ./build.ps1 -Configuration Release -Clean -Test -Pester

    Cleans, builds the Release configuration and runs both test suites.
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [switch] $Test,

    [switch] $Pester,

    [switch] $Clean
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$repositoryRoot = $PSScriptRoot
$solution = Join-Path $repositoryRoot 'TlsServer.PowerShell.sln'
$moduleDirectory = Join-Path $repositoryRoot 'out' 'TlsServer'
$pesterDirectory = Join-Path $repositoryRoot 'tests' 'Pester'

function Invoke-Dotnet {
    # Runs the dotnet CLI and throws when it fails.
    param(
        [Parameter(Mandatory)]
        [string[]] $ArgumentList
    )

    Write-Host "dotnet $($ArgumentList -join ' ')" -ForegroundColor Cyan
    & dotnet @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($ArgumentList[0]) failed with exit code $LASTEXITCODE."
    }
}

function Remove-BuildOutput {
    # Removes out/ and the bin/ and obj/ folders next to every project file.
    $folders = @(Join-Path $repositoryRoot 'out')
    foreach ($project in Get-ChildItem -Path $repositoryRoot -Filter '*.csproj' -File -Recurse) {
        $folders += Join-Path $project.DirectoryName 'bin'
        $folders += Join-Path $project.DirectoryName 'obj'
    }

    foreach ($folder in $folders) {
        if (Test-Path -LiteralPath $folder) {
            Write-Host "Removing $folder" -ForegroundColor Cyan
            Remove-Item -LiteralPath $folder -Recurse -Force
        }
    }
}

function Invoke-PesterSuite {
    # Runs tests/Pester with Pester 5 in a new pwsh process, or warns and skips when Pester 5 is missing.
    $pesterModule = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version.Major -eq 5 } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if (-not $pesterModule) {
        Write-Warning ('The Pester 5 module is not installed, so the Pester tests are skipped. Install it with: ' +
            'Install-Module -Name Pester -MinimumVersion 5.0 -MaximumVersion 5.99 -Scope CurrentUser -Force -SkipPublisherCheck')
        return
    }

    # The pwsh running this script, or the one on PATH when the script runs in another host.
    $pwsh = [Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -ne 'pwsh') {
        $pwsh = (Get-Command -Name pwsh -CommandType Application | Select-Object -First 1).Source
    }

    $quote = { param([string] $Text) "'" + $Text.Replace("'", "''") + "'" }
    $command = @(
        "Import-Module -Name $(& $quote $pesterModule.Path) -Force"
        '$configuration = New-PesterConfiguration'
        "`$configuration.Run.Path = $(& $quote $pesterDirectory)"
        '$configuration.Run.Exit = $true'
        "`$configuration.Output.Verbosity = 'Detailed'"
        'Invoke-Pester -Configuration $configuration'
    ) -join [Environment]::NewLine
    $encodedCommand = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($command))

    Write-Host "Invoke-Pester $pesterDirectory (Pester $($pesterModule.Version))" -ForegroundColor Cyan
    & $pwsh -NoProfile -NonInteractive -EncodedCommand $encodedCommand | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw "The Pester tests failed (exit code $LASTEXITCODE)."
    }
}

try {
    if (-not (Get-Command -Name dotnet -CommandType Application -ErrorAction SilentlyContinue)) {
        throw 'The dotnet CLI is not on PATH. Install the .NET SDK from https://dot.net and try again.'
    }

    if ($Clean) {
        Remove-BuildOutput
    }

    Invoke-Dotnet -ArgumentList 'build', $solution, '--configuration', $Configuration
    $manifest = Join-Path $moduleDirectory 'TlsServer.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "The build did not lay out the module: $manifest is missing."
    }

    if ($Test) {
        Invoke-Dotnet -ArgumentList 'test', $solution, '--configuration', $Configuration, '--no-build'
    }

    if ($Pester) {
        Invoke-PesterSuite
    }
}
catch {
    Write-Host "Build failed: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}

Write-Host "Done. The module is in $moduleDirectory" -ForegroundColor Green
exit 0
