# The module as users install it: the package that `build.ps1 -Package` writes (Compress-PSResource of out/TlsServer)
# holds the manifest, the assemblies with engine/, the format file and the help; Install-PSResource installs it from a
# local PSResourceGet repository, and a new pwsh imports it by name, starts a server and serves openssl s_client.
#
# The new pwsh processes get their own home folder (New-IsolatedHome): the user's own PSResourceGet settings and
# modules are never read or changed, and no gallery is asked for anything.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $root = Join-Path ([System.IO.Path]::GetTempPath()) "tlsserver-package-$([guid]::NewGuid().ToString('N').Substring(0, 8))"

    $isolated = New-IsolatedHome -Path (Join-Path $root 'home')
    $quote = { param([string] $Text) "'" + $Text.Replace("'", "''") + "'" }
    $repository = Join-Path $root 'repository'
    $null = New-Item -ItemType Directory -Path $repository -Force
    $quotedRepository = & $quote $repository

    # As build.ps1 -Package writes it.
    $compress = Invoke-Pwsh -Environment $isolated -Command "Compress-PSResource -Path $(& $quote (Resolve-Path "$PSScriptRoot/../../out/TlsServer").Path) -DestinationPath $quotedRepository"
    $package = @(Get-ChildItem -Path $repository -Filter 'TlsServer.*.nupkg')
    $manifest = Import-PowerShellDataFile "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1"
}

AfterAll {
    if (Test-Path -LiteralPath $root) {
        # Only the isolated configuration knows the repository; unregister it there, then remove everything.
        $null = Invoke-Pwsh -Environment $isolated -Command 'Unregister-PSResourceRepository -Name TlsServerLocal -ErrorAction SilentlyContinue'
        Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'The module package' {
    It 'is one TlsServer .nupkg of the manifest version' {
        $compress.ExitCode | Should -Be 0 -Because $compress.Output
        $package.Count | Should -Be 1
        $package[0].Name | Should -Be "TlsServer.$($manifest.ModuleVersion).nupkg"
    }

    It 'holds <_>' -ForEach @(
        'TlsServer.psd1'
        'TlsServer.PowerShell.dll'
        'TlsServer.PowerShell.Loader.dll'
        'TlsServer.Format.ps1xml'
        'en-US/TlsServer.PowerShell.dll-Help.xml'
        'engine/TlsServer.Engine.dll'
        'engine/BouncyCastle.Cryptography.dll'
    ) {
        $archive = [System.IO.Compression.ZipFile]::OpenRead($package[0].FullName)
        try {
            $archive.Entries.FullName | Should -Contain $_
        }
        finally {
            $archive.Dispose()
        }
    }

    It 'names no project, license or icon URI (none exists)' {
        $manifest.PrivateData.PSData.Keys | Should -Not -Contain 'ProjectUri'
        $manifest.PrivateData.PSData.Keys | Should -Not -Contain 'LicenseUri'
        $manifest.PrivateData.PSData.Keys | Should -Not -Contain 'IconUri'
    }
}

Describe 'Installed from a local PSResourceGet repository' {
    BeforeAll {
        $install = Invoke-Pwsh -Environment $isolated -Command @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name TlsServerLocal -Uri $quotedRepository -Trusted
Install-PSResource -Name TlsServer -Repository TlsServerLocal -Scope CurrentUser -TrustRepository -Quiet
Get-InstalledPSResource -Name TlsServer -Scope CurrentUser | ForEach-Object { "installed `$(`$_.Name) `$(`$_.Version) in `$(`$_.InstalledLocation)" }
"@

        $use = Invoke-Pwsh -Environment $isolated -Command @'
$ErrorActionPreference = 'Stop'
Import-Module TlsServer
"module base $((Get-Module TlsServer).ModuleBase)"
$server = Start-TlsServer -Port 0 -Protocol Tls13
'' | openssl s_client -connect "127.0.0.1:$($server.Port)" -brief 2>&1 | Out-String | Write-Output
$session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20
"session $($session.State) $($session.Protocol)"
$server | Stop-TlsServer
(Get-Help Start-TlsServer).Synopsis
'@
    }

    It 'installs with Install-PSResource into the CurrentUser module path' {
        $install.ExitCode | Should -Be 0 -Because $install.Output
        $install.Output | Should -Match "installed TlsServer $([regex]::Escape($manifest.ModuleVersion)) in $([regex]::Escape($isolated.HOME))"
    }

    It 'imports by name in a new pwsh, from the installed copy' {
        $use.ExitCode | Should -Be 0 -Because $use.Output
        $use.Output | Should -Match "module base $([regex]::Escape($isolated.HOME))"
    }

    It 'starts a server that openssl s_client completes a TLS 1.3 handshake with' {
        $use.Output | Should -Match 'CONNECTION ESTABLISHED' -Because $use.Output
        $use.Output | Should -Match 'session Closed Tls13' -Because $use.Output
    }

    It 'has its help' {
        $use.Output | Should -Match 'Starts a TLS' -Because $use.Output
    }
}
