# Start-TlsServer parameters that cannot go together stop the same way, from one table: the test reads the table
# (TlsServer.PowerShell.ParameterConflicts.Rows) and tries every row, so a new row is tested without editing this file.
# Rows marked EnforcedBy ParameterSet are pairs of two transports: PowerShell's binder stops them first.

BeforeDiscovery {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    $assembly = (Get-Command Start-TlsServer).ImplementingType.Assembly
    $table = $assembly.GetType('TlsServer.PowerShell.ParameterConflicts', $true)
    $rows = @($table.GetProperty('Rows', [System.Reflection.BindingFlags]'Static, Public, NonPublic').GetValue($null) |
            ForEach-Object { @{ Parameter = $_.Parameter; Other = $_.Other; Reason = $_.Reason; EnforcedBy = "$($_.EnforcedBy)" } })
    $cmdletRows = @($rows | Where-Object { $_.EnforcedBy -eq 'Cmdlet' })
    $parameterSetRows = @($rows | Where-Object { $_.EnforcedBy -eq 'ParameterSet' })
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    New-TestCertificate -Directory $TestDrive -Name server
    $certificate = New-TlsCertificate -Subject 'CN=localhost'
    $password = ConvertTo-SecureString 'secret' -AsPlainText -Force

    # One value for each parameter the table names; the check comes first, so the values need not make a server.
    $samples = @{
        UnixSocket                = "$TestDrive/server.sock"
        Port                      = 0
        Accept                    = '127.0.0.1:0'
        Address                   = '127.0.0.1'
        AddressFamily             = 'IPv4'
        Dtls                      = [switch]$true
        Www                       = [switch]$true
        WwwRoot                   = "$TestDrive"
        HttpRoot                  = "$TestDrive"
        Reverse                   = [switch]$true
        KeyPassword               = $password
        Pass                      = 'pass:secret'
        AdditionalKeyPassword     = $password
        AdditionalPass            = 'pass:secret'
        Certificate               = $certificate
        CertificatePath           = "$TestDrive/server.crt"
        KeyPath                   = "$TestDrive/server.key"
        AdditionalCertificate     = $certificate
        AdditionalCertificatePath = "$TestDrive/server.crt"
        AdditionalKeyPath         = "$TestDrive/server.key"
        ChainPath                 = "$TestDrive/server.crt"
        ServerNameCertificate     = @{ 'a.example' = "$TestDrive/server.crt" }
        NoCertificate             = [switch]$true
        Psk                       = '00ff'
        PskIdentity               = 'client'
        PskTable                  = @{ client = '00ff' }
        NoSessionCache            = [switch]$true
        SessionCacheSize          = 10
        SessionCacheTimeoutSec    = 10
        NoCAFile                  = [switch]$true
        CAFile                    = "$TestDrive/server.crt"
        NoCAPath                  = [switch]$true
        CAPath                    = "$TestDrive"
        StatusFile                = "$TestDrive/server.crt"
        Status                    = [switch]$true
        StatusUrl                 = 'http://127.0.0.1:9/'
        NoDhe                     = [switch]$true
        DhParameterPath           = "$TestDrive/server.crt"
        AlpnFatal                 = [switch]$true
        AlpnOptional              = [switch]$true
    }

    # The two parameters of a row with their sample values, and -Port 0 when neither gives the address.
    function New-ConflictArgument([string] $Parameter, [string] $Other) {
        $samples.ContainsKey($Parameter) | Should -BeTrue -Because "the test needs a sample value for -$Parameter"
        $samples.ContainsKey($Other) | Should -BeTrue -Because "the test needs a sample value for -$Other"
        $given = @{ $Parameter = $samples[$Parameter]; $Other = $samples[$Other] }
        if ('Port', 'Accept', 'UnixSocket' -notcontains $Parameter -and 'Port', 'Accept', 'UnixSocket' -notcontains $Other) {
            # Never the default port 4433, should a conflict go unnoticed.
            $given.Port = 0
        }

        $given
    }
}

Describe 'Parameter conflicts of Start-TlsServer' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    It 'has rows, each naming two real parameters with a reason and what enforces it' -ForEach @{ AllRows = $rows; Split = ($cmdletRows.Count + $parameterSetRows.Count) } {
        $AllRows.Count | Should -BeGreaterThan 20
        $Split | Should -Be $AllRows.Count -Because 'every row is enforced by the cmdlet or by the parameter sets'
        $parameters = (Get-Command Start-TlsServer).Parameters.Keys
        foreach ($row in $AllRows) {
            $parameters | Should -Contain $row.Parameter
            $parameters | Should -Contain $row.Other
            $row.Reason | Should -Not -BeNullOrEmpty
        }
    }

    It 'stops -<Parameter> with -<Other> with ParameterConflict naming both' -ForEach $cmdletRows {
        $given = New-ConflictArgument -Parameter $Parameter -Other $Other

        $failure = { Start-TlsServer @given } | Should -Throw -ErrorId 'ParameterConflict,TlsServer.PowerShell.Commands.StartTlsServerCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -BeLike "*-$Parameter and -$Other cannot go together: $Reason*"
    }

    It 'stops -<Parameter> with -<Other> in the binder, for they share no parameter set' -ForEach $parameterSetRows {
        $given = New-ConflictArgument -Parameter $Parameter -Other $Other
        $sets = (Get-Command Start-TlsServer).ParameterSets | Where-Object { $_.Parameters.Name -contains $Parameter -and $_.Parameters.Name -contains $Other }
        $sets | Should -BeNullOrEmpty

        $failure = { Start-TlsServer @given } | Should -Throw -ErrorId 'AmbiguousParameterSet,TlsServer.PowerShell.Commands.StartTlsServerCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'takes a switch given as $false as not given' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Www -Reverse:$false
        $server.Mode | Should -Be 'Www'
    }
}
