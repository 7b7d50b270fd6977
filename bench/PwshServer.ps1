<#
.SYNOPSIS
    bench/run.sh --host pwsh: the module as a user runs it, Start-TlsServer in a `pwsh -File` script.

.DESCRIPTION
    Imports the module laid out by bench/run.sh, starts one server and writes "PORT n". It then blocks on standard
    input, as a script blocks on its own work; when standard input ends it writes the server's statistics (the same
    STATS line as TlsBench server) and stops the server. Nothing here tunes the runtime: pwsh's defaults apply.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $CertificatePath,
    [Parameter(Mandatory)] [string] $KeyPath,
    [switch] $Www,
    [string] $WwwRoot,
    [switch] $Reverse,
    [int] $ConnectionLimit = 10000
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# The process's RSS before the module is loaded: pwsh's own share of the idle figure.
[GC]::Collect()
$baseRss = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
Import-Module $ModulePath

$parameters = @{
    Name                = 'bench'
    Address             = '127.0.0.1'
    Port                = 0
    CertificatePath     = $CertificatePath
    KeyPath             = $KeyPath
    ConnectionLimit     = $ConnectionLimit
    SessionHistoryLimit = 100
}
if ($Www) { $parameters.Www = $true }
if ($WwwRoot) { $parameters.WwwRoot = $WwwRoot }
if ($Reverse) { $parameters.Reverse = $true }
$server = Start-TlsServer @parameters

[Console]::Out.WriteLine("BASE_RSS_KIB $([long]($baseRss / 1024))")
[Console]::Out.WriteLine("PORT $($server.Port)")
[Console]::Out.Flush()

while ($null -ne [Console]::In.ReadLine()) { }

$statistics = $server.Statistics
$allocated = [GC]::GetTotalAllocatedBytes($false)
$collections = "gc0=$([GC]::CollectionCount(0)) gc1=$([GC]::CollectionCount(1)) gc2=$([GC]::CollectionCount(2))"
$jitted = "jitted_methods=$([Runtime.JitInfo]::GetCompiledMethodCount($false)) jit_ms=$([long][Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds)"
Stop-TlsServer -Server $server
[Console]::Out.WriteLine("STATS accepted=$($statistics.ConnectionsAccepted) completed=$($statistics.HandshakesCompleted) " +
    "failed=$($statistics.HandshakesFailed) timeouts=$($statistics.HandshakeTimeouts) refused=$($statistics.ConnectionsRefused) " +
    "allocated_bytes=$allocated $collections $jitted")
