# Start-TlsServer's parameter sets are its three transports: Tcp (the default), UnixSocket and Dtls. Parameters of two
# transports stop in the binder (AmbiguousParameterSet); a transport parameter alone binds its set and still gets the
# cmdlet's own error id. The help's SYNTAX and each parameter's "Parameter Sets:" line are checked against
# Get-Command at build time (TlsServer.HelpBuilder's CmdletCheck), so a drift fails the build.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
    $socket = Join-Path ([System.IO.Path]::GetTempPath()) "tlsserver-sets-$([guid]::NewGuid().ToString('N').Substring(0, 8)).sock"
}

Describe 'The parameter sets of Start-TlsServer' {
    It 'has the sets Tcp (default), UnixSocket and Dtls, with the transport parameters where the help says' {
        $sets = @{}
        foreach ($set in (Get-Command Start-TlsServer).ParameterSets) {
            $sets[$set.Name] = @($set.Parameters.Name)
        }
        $default = @((Get-Command Start-TlsServer).ParameterSets | Where-Object IsDefault).Name

        $default | Should -Be 'Tcp'
        @($sets.Keys | Sort-Object) | Should -Be @('Dtls', 'Tcp', 'UnixSocket')
        $only = @{
            Tcp        = 'Address', 'Port', 'Accept', 'AddressFamily', 'MaxSendFragment', 'ReadBufferSize', 'NonBlockingTest', 'NoMiddleboxCompatibility'
            UnixSocket = 'UnixSocket', 'Unlink', 'MaxSendFragment', 'ReadBufferSize', 'NonBlockingTest', 'NoMiddleboxCompatibility'
            Dtls       = 'Dtls', 'Listen', 'Mtu', 'AssociationLimit', 'Address', 'Port', 'Accept', 'AddressFamily'
        }
        $transport = $only.Values | ForEach-Object { $_ } | Sort-Object -Unique
        foreach ($name in $only.Keys) {
            $present = @($sets[$name] | Where-Object { $_ -in $transport })
            @($present | Sort-Object) | Should -Be @($only[$name] | Sort-Object) -Because "set $name"
        }
        # Everything else (modes, credentials, diagnostics …) is in every set.
        $shared = @($sets.Tcp | Where-Object { $_ -notin $transport })
        $shared | Should -Contain 'Www'
        foreach ($name in 'UnixSocket', 'Dtls') {
            @($sets[$name] | Where-Object { $_ -notin $transport }) | Should -Be $shared
        }
        @((Get-Command Start-TlsServer).Parameters.Values | Where-Object IsMandatory) | Should -BeNullOrEmpty
    }

    It 'shows one syntax block per set in Get-Help, the default first' {
        $syntax = @((Get-Help Start-TlsServer).syntax.syntaxItem)

        $syntax.Count | Should -Be 3
        $syntax[0].parameter.name | Should -Contain 'Port'
        $syntax[0].parameter.name | Should -Not -Contain 'UnixSocket'
        $syntax[1].parameter.name | Should -Contain 'UnixSocket'
        $syntax[2].parameter.name | Should -Contain 'Listen'
    }
}

Describe 'Start-TlsServer binds the transport set the parameters choose' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
        Remove-Item -LiteralPath $socket -Force -ErrorAction SilentlyContinue
    }

    It 'serves <Transport> for <Text>' -ForEach @(
        @{ Text = '-Port 0'; Transport = 'Tcp'; Arguments = { @{ Port = 0 } } }
        @{ Text = '-Address 127.0.0.1 -Port 0'; Transport = 'Tcp'; Arguments = { @{ Address = '127.0.0.1'; Port = 0 } } }
        @{ Text = '-Port 0 -Www'; Transport = 'Tcp'; Arguments = { @{ Port = 0; Www = $true } } }
        @{ Text = '-Port 0 -NonBlockingTest'; Transport = 'Tcp'; Arguments = { @{ Port = 0; NonBlockingTest = $true } } }
        @{ Text = '-Port 0 -Protocol Dtls12 -Listen'; Transport = 'Udp'; Arguments = { @{ Port = 0; Protocol = 'Dtls12'; Listen = $true } } }
        @{ Text = '-Port 0 -Dtls -Www'; Transport = 'Udp'; Arguments = { @{ Port = 0; Dtls = $true; Www = $true } } }
        @{ Text = '-UnixSocket path -Reverse'; Transport = 'Unix'; Arguments = { @{ UnixSocket = $socket; Reverse = $true } } }
        @{ Text = '-UnixSocket path -ReadBufferSize 64'; Transport = 'Unix'; Arguments = { @{ UnixSocket = $socket; ReadBufferSize = 64 } } }
    ) {
        $given = & $Arguments

        $server = Start-TlsServer @given

        "$($server.Transport)" | Should -Be $Transport
    }

    It 'keeps the cmdlet''s error <ErrorId> for <Text>, which the binder lets through' -ForEach @(
        @{ Text = '-Listen'; ErrorId = 'ListenNeedsDtls'; Arguments = { @{ Listen = $true } } }
        @{ Text = '-Port 0 -Listen -Www'; ErrorId = 'ListenNeedsDtls'; Arguments = { @{ Port = 0; Listen = $true; Www = $true } } }
        @{ Text = '-Dtls:$false -Mtu 500'; ErrorId = 'DtlsOptionsWithoutDtls'; Arguments = { @{ Port = 0; Dtls = $false; Mtu = 500 } } }
        @{ Text = '-AssociationLimit 5'; ErrorId = 'DtlsOptionsWithoutDtls'; Arguments = { @{ Port = 0; AssociationLimit = 5 } } }
        @{ Text = '-Unlink'; ErrorId = 'UnlinkNeedsUnixSocket'; Arguments = { @{ Unlink = $true } } }
        @{ Text = '-Protocol Dtls12 -NonBlockingTest'; ErrorId = 'StreamOptionsWithDtls'; Arguments = { @{ Port = 0; Protocol = 'Dtls12'; NonBlockingTest = $true } } }
        @{ Text = '-Protocol Dtls12 -UnixSocket path'; ErrorId = 'UnixSocketDtls'; Arguments = { @{ Protocol = 'Dtls12'; UnixSocket = $socket } } }
    ) {
        $given = & $Arguments

        { Start-TlsServer @given } | Should -Throw -ErrorId "$ErrorId,$startCommand"
    }

    It 'stops <Text> in the binder with AmbiguousParameterSet' -ForEach @(
        @{ Text = '-Dtls -UnixSocket path'; Arguments = { @{ Dtls = $true; UnixSocket = $socket } } }
        @{ Text = '-UnixSocket path -Address 127.0.0.1'; Arguments = { @{ UnixSocket = $socket; Address = '127.0.0.1' } } }
        @{ Text = '-UnixSocket path -Port 0'; Arguments = { @{ UnixSocket = $socket; Port = 0 } } }
        @{ Text = '-UnixSocket path -Accept 0'; Arguments = { @{ UnixSocket = $socket; Accept = '0' } } }
        @{ Text = '-UnixSocket path -AddressFamily IPv4'; Arguments = { @{ UnixSocket = $socket; AddressFamily = 'IPv4' } } }
        @{ Text = '-UnixSocket path -Mtu 500'; Arguments = { @{ UnixSocket = $socket; Mtu = 500 } } }
        @{ Text = '-Dtls -NonBlockingTest'; Arguments = { @{ Port = 0; Dtls = $true; NonBlockingTest = $true } } }
        @{ Text = '-Dtls -MaxSendFragment 512'; Arguments = { @{ Port = 0; Dtls = $true; MaxSendFragment = 512 } } }
        @{ Text = '-Dtls -ReadBufferSize 64'; Arguments = { @{ Port = 0; Dtls = $true; ReadBufferSize = 64 } } }
        @{ Text = '-Dtls -NoMiddlebox'; Arguments = { @{ Port = 0; Dtls = $true; NoMiddlebox = $true } } }
        @{ Text = '-Listen -NonBlockingTest'; Arguments = { @{ Port = 0; Listen = $true; NonBlockingTest = $true } } }
    ) {
        $given = & $Arguments

        $failure = { Start-TlsServer @given } | Should -Throw -ErrorId "AmbiguousParameterSet,$startCommand" -PassThru

        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-TlsServer | Where-Object State -eq 'Running' | Should -BeNullOrEmpty
    }
}
