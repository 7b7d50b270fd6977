#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the TlsServer module, runs its tests and packages it.

.DESCRIPTION
    The repository's one entry point, run in the pinned pwsh: `dotnet tool restore`, then `dotnet pwsh ./build.ps1`.

    Without switches it builds the solution, which lays the module out in out/TlsServer. -Test then runs every test:
    the xunit projects with `dotnet test`, and the Pester suites in tests/Pester with the Pester version that
    tests/Pester/Pester.csproj pins, restored from NuGet (NUGET_PACKAGES is honoured; no gallery is needed). The last
    line it writes counts both runners: `N passed, N failed`.

    The script stops at the first step that fails and exits with a non-zero code.

.PARAMETER Configuration
    The build configuration: Debug (the default) or Release.

.PARAMETER Test
    Runs every test after the build: xunit, then Pester.

.PARAMETER XUnit
    Runs only the xunit tests after the build.

.PARAMETER Pester
    Runs only the Pester suites after the build.

.PARAMETER PesterPath
    The Pester files or folders to run, instead of all of tests/Pester. Implies -Pester.

.PARAMETER Package
    Writes the module as a NuGet package that PSResourceGet installs, into out/package.

.PARAMETER Clean
    Removes out/ and the bin/ and obj/ folders of every project before the build.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Test

    Builds the module and runs every test.

.EXAMPLE
    dotnet pwsh ./build.ps1 -PesterPath tests/Pester/Lifecycle.Tests.ps1

    Builds the module and runs one Pester file.
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [switch] $Test,

    [switch] $XUnit,

    [switch] $Pester,

    [string[]] $PesterPath,

    [switch] $Package,

    [switch] $Clean
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$repositoryRoot = $PSScriptRoot
$solution = Join-Path $repositoryRoot 'TlsServer.PowerShell.sln'
$outDirectory = Join-Path $repositoryRoot 'out'
$moduleDirectory = Join-Path $outDirectory 'TlsServer'
$resultsDirectory = Join-Path $outDirectory 'test-results'
$pesterProject = Join-Path $repositoryRoot 'tests' 'Pester' 'Pester.csproj'

function Invoke-Dotnet {
    # Runs the dotnet CLI and throws when it fails.
    param([Parameter(Mandatory)] [string[]] $ArgumentList)

    Write-Host "dotnet $($ArgumentList -join ' ')" -ForegroundColor Cyan
    & dotnet @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($ArgumentList[0]) failed with exit code $LASTEXITCODE."
    }
}

function Remove-BuildOutput {
    # Removes out/ and the bin/ and obj/ folders next to every project file.
    $folders = @($outDirectory)
    foreach ($project in Get-ChildItem -Path $repositoryRoot -Filter '*.csproj' -File -Recurse) {
        $folders += Join-Path $project.DirectoryName 'bin'
        $folders += Join-Path $project.DirectoryName 'obj'
    }

    foreach ($folder in $folders | Where-Object { Test-Path -LiteralPath $_ }) {
        Write-Host "Removing $folder" -ForegroundColor Cyan
        Remove-Item -LiteralPath $folder -Recurse -Force
    }
}

function Invoke-XUnit {
    # Runs the xunit projects; returns how many tests passed and failed, read from their TRX files.
    $directory = Join-Path $resultsDirectory 'xunit'
    if (Test-Path -LiteralPath $directory) { Remove-Item -LiteralPath $directory -Recurse -Force }

    Write-Host "dotnet test $solution" -ForegroundColor Cyan
    & dotnet test $solution --configuration $Configuration --no-build --logger trx --results-directory $directory | Out-Host
    $exitCode = $LASTEXITCODE

    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem -Path $directory -Filter '*.trx' -File -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }

    if ($exitCode -ne 0 -and $failed -eq 0) {
        # The runner itself failed (a crashed test host, a build error): count it, so it is never a silent pass.
        $failed = 1
    }

    [pscustomobject]@{ Runner = 'xunit'; Passed = $passed; Failed = $failed }
}

function Get-PesterManifest {
    # Restores the pinned Pester package and returns the path of its module manifest.
    Invoke-Dotnet -ArgumentList 'restore', $pesterProject, '--verbosity', 'quiet'
    $properties = & dotnet msbuild $pesterProject -getProperty:NuGetPackageRoot -getProperty:PesterVersion | ConvertFrom-Json
    $manifest = Join-Path $properties.Properties.NuGetPackageRoot 'pester' $properties.Properties.PesterVersion 'tools' 'Pester.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "Pester $($properties.Properties.PesterVersion) was restored, but $manifest is missing."
    }

    $manifest
}

function Invoke-PesterSuite {
    # Runs the Pester suites in a new pwsh, so the module's assemblies are not left loaded in this one; returns counts.
    $manifest = Get-PesterManifest
    $paths = if ($PesterPath) { @($PesterPath | ForEach-Object { (Resolve-Path -LiteralPath $_).Path }) } else { @(Join-Path $repositoryRoot 'tests' 'Pester') }
    $resultFile = Join-Path $resultsDirectory 'pester.xml'
    $null = New-Item -ItemType Directory -Path $resultsDirectory -Force
    if (Test-Path -LiteralPath $resultFile) { Remove-Item -LiteralPath $resultFile }

    $quote = { param([string] $Text) "'" + $Text.Replace("'", "''") + "'" }
    $command = @(
        "Import-Module -Name $(& $quote $manifest) -Force"
        '$configuration = New-PesterConfiguration'
        "`$configuration.Run.Path = @($(($paths | ForEach-Object { & $quote $_ }) -join ', '))"
        '$configuration.Run.Exit = $true'
        "`$configuration.Output.Verbosity = 'Normal'"
        '$configuration.TestResult.Enabled = $true'
        "`$configuration.TestResult.OutputFormat = 'JUnitXml'"
        "`$configuration.TestResult.OutputPath = $(& $quote $resultFile)"
        'Invoke-Pester -Configuration $configuration'
    ) -join [Environment]::NewLine
    $encodedCommand = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($command))

    # This same pwsh: under the .NET tool it is pwsh.dll run by dotnet.
    $pwsh = [Environment]::ProcessPath
    $pwshArguments = @(if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -ne 'pwsh') { Join-Path $PSHOME 'pwsh.dll' })
    Write-Host "Invoke-Pester $($paths -join ', ')" -ForegroundColor Cyan
    & $pwsh @pwshArguments -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand $encodedCommand | Out-Host
    $exitCode = $LASTEXITCODE

    $passed = 0; $failed = 0
    if (Test-Path -LiteralPath $resultFile) {
        foreach ($suite in ([xml](Get-Content -LiteralPath $resultFile -Raw)).testsuites.testsuite) {
            $failed += [int]$suite.failures + [int]$suite.errors
            $passed += [int]$suite.tests - [int]$suite.failures - [int]$suite.errors - [int]$suite.skipped - [int]$suite.disabled
        }
    }

    if ($exitCode -ne 0 -and $failed -eq 0) {
        $failed = 1
    }

    [pscustomobject]@{ Runner = 'Pester'; Passed = $passed; Failed = $failed }
}

function Write-ModulePackage {
    # Writes out/package/TlsServer.<version>.nupkg from the laid-out module, with PSResourceGet.
    $packageDirectory = Join-Path $outDirectory 'package'
    if (Test-Path -LiteralPath $packageDirectory) { Remove-Item -LiteralPath $packageDirectory -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $packageDirectory
    Compress-PSResource -Path $moduleDirectory -DestinationPath $packageDirectory
    Get-ChildItem -Path $packageDirectory -Filter '*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" -ForegroundColor Green }
}

$exitCode = 0
try {
    if (-not (Get-Command -Name dotnet -CommandType Application -ErrorAction SilentlyContinue)) {
        throw 'The dotnet CLI is not on PATH. Install the .NET SDK from https://dot.net and try again.'
    }

    if ($Clean) {
        Remove-BuildOutput
    }

    Invoke-Dotnet -ArgumentList 'build', $solution, '--configuration', $Configuration
    if (-not (Test-Path -LiteralPath (Join-Path $moduleDirectory 'TlsServer.psd1'))) {
        throw "The build did not lay out the module in $moduleDirectory."
    }

    if ($Package) {
        Write-ModulePackage
    }

    $results = @(
        if ($Test -or $XUnit) { Invoke-XUnit }
        if ($Test -or $Pester -or $PesterPath) { Invoke-PesterSuite }
    )
    if ($results) {
        foreach ($result in $results) {
            Write-Host ('{0}: {1} passed, {2} failed' -f $result.Runner, $result.Passed, $result.Failed)
        }

        $failed = ($results | Measure-Object -Property Failed -Sum).Sum
        if ($failed -gt 0) { $exitCode = 1 }
        # The closing line, over every runner; CI prints it last.
        '{0} passed, {1} failed' -f ($results | Measure-Object -Property Passed -Sum).Sum, $failed
    }
}
catch {
    Write-Host "Build failed: $($_.Exception.Message)" -ForegroundColor Red
    $exitCode = 1
}

exit $exitCode
