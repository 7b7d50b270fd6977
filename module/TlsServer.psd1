@{
    RootModule           = 'TlsServer.PowerShell.dll'
    # Imported before the root module: it sends the engine and BouncyCastle to a private AssemblyLoadContext.
    NestedModules        = @('TlsServer.PowerShell.Loader.dll')
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5d0b7c1e-3f7a-4c59-9d3e-6a2f1c8b4e71'
    Author               = 'TlsServer contributors'
    Copyright            = '(c) TlsServer contributors. MIT License.'
    Description          = 'A TLS test server inside PowerShell: everything openssl s_server does, as cmdlets that return objects. Pure managed code on BouncyCastle.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('TlsServer.Format.ps1xml')
    CmdletsToExport      = @(
        'Start-TlsServer'
        'Stop-TlsServer'
        'Remove-TlsServer'
        'Get-TlsServer'
        'Get-TlsSession'
        'Wait-TlsSession'
        'Get-TlsCipherSuite'
        'Stop-TlsSession'
        'Invoke-TlsRenegotiation'
        'Send-TlsData'
        'Send-TlsAlert'
        'Get-TlsMessage'
        'Receive-TlsData'
        'New-TlsCertificate'
        'New-TlsCrl'
        'New-TlsFault'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Close-TlsSession')
    PrivateData          = @{
        PSData = @{
            Tags = @('TLS', 'SSL', 'DTLS', 'OpenSSL', 's_server', 'Testing', 'Pester', 'BouncyCastle')
        }
    }
}
