# Helpers shared by the TlsServer Pester suites. Every suite imports the built module and this one:
#
#     BeforeAll {
#         Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
#         Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
#     }
#
# The helpers live in Helpers/, one file per concern, and load into this module:
# - Processes.ps1: running a program on PATH, to its end (Invoke-ExternalTool) or as a peer process to type into and
#   read from (Start-PeerProcess, Wait-PeerOutput, Stop-PeerProcess).
# - Peers.ps1: the real clients: openssl s_client, curl, Python's ssl, .NET's SslStream, Chromium.
# - Pki.ps1: test certificates, CAs, credential sets and CRLs.
# - Servers.ps1: stopping test servers and waiting for their sessions.
# - Pwsh.ps1: a new pwsh, run to its end or in the background, and tab completion.
# - Ports.ps1: free ports and the ports a process listens on.
# - Docs.ps1: the code blocks of the documentation and a runner for them.
# - HostilePaths.ps1: the hostile document root and request targets of TestData/hostile-paths.
#
# Every external program runs with a time limit, so a client that hangs fails its test instead of the run.

foreach ($helper in Get-ChildItem -Path (Join-Path $PSScriptRoot 'Helpers') -Filter '*.ps1' | Sort-Object Name) {
    . $helper.FullName
}

Export-ModuleMember -Function *
