# Start-TlsServer, Get-TlsServer and Stop-TlsServer: what a started server looks like, finding servers by name
# and id, stopping them every documented way, and the errors for bad settings and bad credentials.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the test with an encrypted PEM key is skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $openSslMissing = -not (Test-ExternalTool openssl)
}

Describe 'Start-TlsServer' {
    Context 'on port 0 with the default settings' {
        BeforeAll {
            $server = Start-TlsServer -Port 0
        }

        AfterAll {
            $server | Stop-TestServer
        }

        It 'returns a TlsServer.Engine.Server' {
            $server.GetType().FullName | Should -Be 'TlsServer.Engine.Server'
        }

        It 'is Running' {
            $server.State | Should -Be 'Running'
        }

        It 'reports the port the system picked' {
            $server.Port | Should -BeGreaterThan 0
            $server.Port | Should -BeLessOrEqual 65535
        }

        It 'is named TlsServer followed by its id' {
            $server.Name | Should -Be "TlsServer$($server.Id)"
        }

        It 'allows Tls12 and Tls13' {
            $server.Protocols | Should -Be @('Tls12', 'Tls13')
        }

        It 'is in interactive mode' {
            $server.Mode | Should -Be 'Interactive'
        }

        It 'serves an ephemeral certificate for localhost without exposing its private key' {
            $server.Certificate.Subject | Should -Be 'CN=localhost'
            $server.Certificate.HasPrivateKey | Should -BeFalse
        }

        It 'uses the documented defaults for the other settings' {
            $server.HandshakeTimeout.TotalSeconds | Should -Be 10
            $server.SessionHistoryLimit | Should -Be 1000
            $server.MaxConnections | Should -BeNullOrEmpty
        }

        It 'starts with empty statistics' {
            $server.Statistics.ConnectionsAccepted | Should -Be 0
            $server.Statistics.ActiveConnections | Should -Be 0
        }
    }

    Context 'with -Www, -Name, -Protocol and limits' {
        BeforeAll {
            $name = "pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))-www"
            $server = Start-TlsServer -Port 0 -Www -Name $name -Protocol Tls13 -HandshakeTimeoutSec 5 -MaxConnections 3 -SessionHistoryLimit 20
        }

        AfterAll {
            $server | Stop-TestServer
        }

        It 'uses the given name' {
            $server.Name | Should -Be $name
        }

        It 'serves the status page' {
            $server.Mode | Should -Be 'Www'
        }

        It 'allows only the given protocol' {
            $server.Protocols | Should -Be @('Tls13')
        }

        It 'keeps the given limits' {
            $server.HandshakeTimeout.TotalSeconds | Should -Be 5
            $server.MaxConnections | Should -Be 3
            $server.SessionHistoryLimit | Should -Be 20
        }
    }

    Context 'with certificate files' {
        BeforeAll {
            $prefix = "pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
            $password = 'right password'

            # Certificates made with .NET, so that these tests need no external tool.
            $rsa = [System.Security.Cryptography.RSA]::Create(2048)
            $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new(
                'CN=localhost',
                $rsa,
                [System.Security.Cryptography.HashAlgorithmName]::SHA256,
                [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
            $certificate = $request.CreateSelfSigned([datetimeoffset]::UtcNow.AddMinutes(-5), [datetimeoffset]::UtcNow.AddDays(2))

            $certificatePath = Join-Path $TestDrive 'server.crt'
            $keyPath = Join-Path $TestDrive 'server.key'
            $otherKeyPath = Join-Path $TestDrive 'other.key'
            $pfxPath = Join-Path $TestDrive 'server.pfx'
            Set-Content -LiteralPath $certificatePath -Value $certificate.ExportCertificatePem()
            Set-Content -LiteralPath $keyPath -Value $rsa.ExportPkcs8PrivateKeyPem()
            Set-Content -LiteralPath $otherKeyPath -Value ([System.Security.Cryptography.RSA]::Create(2048)).ExportPkcs8PrivateKeyPem()
            [System.IO.File]::WriteAllBytes($pfxPath, $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, $password))

            $encryptedKeyPath = Join-Path $TestDrive 'server-encrypted.key'
            if (-not $openSslMissing) {
                Invoke-OpenSsl -ArgumentList 'pkcs8', '-topk8', '-in', $keyPath, '-v2', 'aes-256-cbc', '-passout', "pass:$password", '-out', $encryptedKeyPath
            }

            $started = [System.Collections.Generic.List[object]]::new()
        }

        AfterAll {
            $started | Stop-TestServer
            Get-TlsServer -Name "$prefix-*" | Stop-TestServer
        }

        It 'serves a PEM certificate with its PEM key' {
            $server = Start-TlsServer -Port 0 -Name "$prefix-pem" -CertificatePath $certificatePath -KeyPath $keyPath
            $started.Add($server)

            $server.State | Should -Be 'Running'
            $server.Certificate.Thumbprint | Should -Be $certificate.Thumbprint
        }

        It 'serves a PFX file opened with -Pass' {
            $server = Start-TlsServer -Port 0 -Name "$prefix-pfx-pass" -CertificatePath $pfxPath -Pass "pass:$password"
            $started.Add($server)

            $server.Certificate.Thumbprint | Should -Be $certificate.Thumbprint
        }

        It 'serves a PFX file opened with -KeyPassword' {
            $securePassword = ConvertTo-SecureString -String $password -AsPlainText -Force
            $server = Start-TlsServer -Port 0 -Name "$prefix-pfx-secure" -CertificatePath $pfxPath -KeyPassword $securePassword
            $started.Add($server)

            $server.Certificate.Thumbprint | Should -Be $certificate.Thumbprint
        }

        It 'reports a missing certificate file as CertificateFileNotFound' {
            { Start-TlsServer -Port 0 -Name "$prefix-failed" -CertificatePath (Join-Path $TestDrive 'missing.crt') } |
                Should -Throw -ErrorId 'CertificateFileNotFound,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'reports a missing key file as KeyFileNotFound' {
            { Start-TlsServer -Port 0 -Name "$prefix-failed" -CertificatePath $certificatePath -KeyPath (Join-Path $TestDrive 'missing.key') } |
                Should -Throw -ErrorId 'KeyFileNotFound,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'reports a wrong PFX password as KeyPasswordIncorrect' {
            { Start-TlsServer -Port 0 -Name "$prefix-failed" -CertificatePath $pfxPath -Pass 'pass:wrong password' } |
                Should -Throw -ErrorId 'KeyPasswordIncorrect,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'reports a wrong password for an encrypted PEM key as KeyPasswordIncorrect' -Skip:$openSslMissing {
            { Start-TlsServer -Port 0 -Name "$prefix-failed" -CertificatePath $certificatePath -KeyPath $encryptedKeyPath -Pass 'pass:wrong password' } |
                Should -Throw -ErrorId 'KeyPasswordIncorrect,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'reports an encrypted PEM key without a password as KeyPasswordRequired' -Skip:$openSslMissing {
            { Start-TlsServer -Port 0 -Name "$prefix-failed" -CertificatePath $certificatePath -KeyPath $encryptedKeyPath } |
                Should -Throw -ErrorId 'KeyPasswordRequired,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'reports a key that does not belong to the certificate as KeyMismatch' {
            { Start-TlsServer -Port 0 -Name "$prefix-failed" -CertificatePath $certificatePath -KeyPath $otherKeyPath } |
                Should -Throw -ErrorId 'KeyMismatch,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'refuses -KeyPassword and -Pass together with ParameterConflict' {
            $securePassword = ConvertTo-SecureString -String $password -AsPlainText -Force
            { Start-TlsServer -Port 0 -Name "$prefix-failed" -CertificatePath $pfxPath -KeyPassword $securePassword -Pass "pass:$password" } |
                Should -Throw -ErrorId 'ParameterConflict,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'leaves no server behind when it fails' {
            Get-TlsServer -Name "$prefix-failed" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
    }

    Context 'with settings it cannot serve' {
        BeforeAll {
            $prefix = "pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
            $occupant = Start-TlsServer -Port 0 -Address 127.0.0.1 -Name "$prefix-occupant"
        }

        AfterAll {
            $occupant | Stop-TestServer
            Get-TlsServer -Name "$prefix-*" | Stop-TestServer
        }

        It 'refuses Ssl3 with ProtocolNotSupported' {
            { Start-TlsServer -Port 0 -Name "$prefix-failed" -Protocol Ssl3 } |
                Should -Throw -ErrorId 'ProtocolNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'refuses Ssl3 also next to other versions' {
            { Start-TlsServer -Port 0 -Name "$prefix-failed" -Protocol Ssl3, Tls12 } |
                Should -Throw -ErrorId 'ProtocolNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'refuses a port that is in use with PortInUse' {
            { Start-TlsServer -Port $occupant.Port -Address 127.0.0.1 -Name "$prefix-failed" } |
                Should -Throw -ErrorId 'PortInUse,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'refuses a port outside 0 to 65535 before it starts anything' {
            { Start-TlsServer -Port 65536 -Name "$prefix-failed" } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }

        It 'leaves the occupying server running' {
            $occupant.State | Should -Be 'Running'
        }

        It 'leaves no server behind when it fails' {
            Get-TlsServer -Name "$prefix-failed" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
    }
}

Describe 'Get-TlsServer' {
    BeforeAll {
        $prefix = "pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $alpha = Start-TlsServer -Port 0 -Name "$prefix-alpha"
        $beta = Start-TlsServer -Port 0 -Name "$prefix-beta"
        $gamma = Start-TlsServer -Port 0 -Name "$prefix-other-gamma"
    }

    AfterAll {
        $alpha, $beta, $gamma | Stop-TestServer
    }

    It 'lists every server of the process without parameters' {
        $ids = (Get-TlsServer).Id
        $ids | Should -Contain $alpha.Id
        $ids | Should -Contain $beta.Id
        $ids | Should -Contain $gamma.Id
    }

    It 'gets a server by its exact name' {
        $found = Get-TlsServer -Name "$prefix-alpha"
        $found | Should -HaveCount 1
        $found.Id | Should -Be $alpha.Id
    }

    It 'matches -Name wildcards' {
        (Get-TlsServer -Name "$prefix-*").Name | Should -Be @("$prefix-alpha", "$prefix-beta", "$prefix-other-gamma")
        (Get-TlsServer -Name "$prefix-?eta").Name | Should -Be "$prefix-beta"
    }

    It 'matches names without regard to case' {
        (Get-TlsServer -Name "$prefix-ALPHA").Id | Should -Be $alpha.Id
    }

    It 'takes several names, positionally too' {
        Get-TlsServer "$prefix-alpha", "$prefix-beta" | Should -HaveCount 2
    }

    It 'returns a server once when several names match it' {
        Get-TlsServer -Name "$prefix-alpha", "$prefix-a*" | Should -HaveCount 1
    }

    It 'gets servers by -Id' {
        (Get-TlsServer -Id $beta.Id).Name | Should -Be "$prefix-beta"
        Get-TlsServer -Id $alpha.Id, $gamma.Id | Should -HaveCount 2
    }

    It 'returns the same server object that Start-TlsServer returned' {
        [object]::ReferenceEquals((Get-TlsServer -Id $alpha.Id), $alpha) | Should -BeTrue
    }

    It 'writes ServerNotFound for a name that matches no server' {
        { Get-TlsServer -Name "$prefix-missing" -ErrorAction Stop } |
            Should -Throw -ErrorId 'ServerNotFound,TlsServer.PowerShell.Commands.GetTlsServerCommand'
    }

    It 'writes no error for a wildcard that matches no server' {
        { Get-TlsServer -Name "$prefix-missing-*" -ErrorAction Stop } | Should -Not -Throw
        Get-TlsServer -Name "$prefix-missing-*" | Should -BeNullOrEmpty
    }

    It 'writes ServerNotFound for an id that matches no server' {
        { Get-TlsServer -Id ([int]::MaxValue) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ServerNotFound,TlsServer.PowerShell.Commands.GetTlsServerCommand'
    }
}

Describe 'Stop-TlsServer' {
    BeforeAll {
        $prefix = "pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    }

    AfterAll {
        Get-TlsServer -Name "$prefix-*" | Stop-TestServer
    }

    It 'stops the server given with -Server and writes nothing' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-by-object"

        $output = Stop-TlsServer -Server $server

        $output | Should -BeNullOrEmpty
        $server.State | Should -Be 'Stopped'
        $server.EndTime | Should -Not -BeNullOrEmpty
    }

    It 'takes the server positionally' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-positional"

        Stop-TlsServer $server

        $server.State | Should -Be 'Stopped'
    }

    It 'stops the servers piped from Get-TlsServer, and -PassThru writes them' {
        $first = Start-TlsServer -Port 0 -Name "$prefix-pipe-1"
        $second = Start-TlsServer -Port 0 -Name "$prefix-pipe-2"

        $stopped = Get-TlsServer -Name "$prefix-pipe-*" | Stop-TlsServer -PassThru

        $stopped | Should -HaveCount 2
        $stopped.Id | Should -Be @($first.Id, $second.Id)
        $stopped.State | Should -Be @('Stopped', 'Stopped')
    }

    It 'stops servers by -Id' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-by-id"

        Stop-TlsServer -Id $server.Id

        $server.State | Should -Be 'Stopped'
    }

    It 'stops objects with an Id property piped to it' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-by-property"

        [pscustomobject]@{ Id = $server.Id } | Stop-TlsServer

        $server.State | Should -Be 'Stopped'
    }

    It 'stops servers by -Name with wildcards' {
        $first = Start-TlsServer -Port 0 -Name "$prefix-wild-1"
        $second = Start-TlsServer -Port 0 -Name "$prefix-wild-2"

        Stop-TlsServer -Name "$prefix-wild-*"

        $first.State | Should -Be 'Stopped'
        $second.State | Should -Be 'Stopped'
    }

    It 'leaves the server running with -WhatIf' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-whatif"

        $server | Stop-TlsServer -WhatIf

        $server.State | Should -Be 'Running'
        $server | Stop-TlsServer
    }

    It 'keeps a stopped server listed by Get-TlsServer' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-listed"
        $server | Stop-TlsServer

        (Get-TlsServer -Id $server.Id).State | Should -Be 'Stopped'
    }

    It 'stops accepting connections' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Name "$prefix-closed-port"
        $server | Stop-TlsServer

        { [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port).Dispose() } | Should -Throw
    }

    It 'stops a server that has already stopped without an error' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-twice"
        $server | Stop-TlsServer

        { $server | Stop-TlsServer -ErrorAction Stop } | Should -Not -Throw
        $server.State | Should -Be 'Stopped'
    }

    It 'stops the running servers among stopped ones and passes all through' {
        $stopped = Start-TlsServer -Port 0 -Name "$prefix-mixed-1"
        $running = Start-TlsServer -Port 0 -Name "$prefix-mixed-2"
        $stopped | Stop-TlsServer

        $result = $stopped, $running | Stop-TlsServer -PassThru -ErrorVariable stopErrors

        $result.Id | Should -Be @($stopped.Id, $running.Id)
        $running.State | Should -Be 'Stopped'
        $stopErrors | Should -HaveCount 0
    }

    It 'writes ServerNotFound for an id that matches no server' {
        { Stop-TlsServer -Id ([int]::MaxValue) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ServerNotFound,TlsServer.PowerShell.Commands.StopTlsServerCommand'
    }

    It 'writes ServerNotFound for a name that matches no server' {
        { Stop-TlsServer -Name "$prefix-missing" -ErrorAction Stop } |
            Should -Throw -ErrorId 'ServerNotFound,TlsServer.PowerShell.Commands.StopTlsServerCommand'
    }
}

Describe 'A started server' {
    BeforeAll {
        $prefix = "pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    }

    AfterAll {
        Get-TlsServer -Name "$prefix-*" | Stop-TestServer
    }

    It 'is a running TlsServer.Engine.Server on the bound port, with its name, both protocols and interactive mode' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-lifecycle1"

        $server.GetType().FullName | Should -BeExactly 'TlsServer.Engine.Server'
        "$($server.State)" | Should -BeExactly 'Running'
        $server.Port | Should -BeGreaterOrEqual 1
        $server.Port | Should -BeLessOrEqual 65535
        $server.Name | Should -BeExactly "$prefix-lifecycle1"
        @($server.Protocols | ForEach-Object { "$_" }) | Should -BeExactly @('Tls12', 'Tls13')
        "$($server.Mode)" | Should -BeExactly 'Interactive'
    }

    It 'makes an ephemeral certificate for localhost, 127.0.0.1 and ::1 without a private key' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-ephemeral"

        $san = @($server.Certificate.Extensions | Where-Object { $_.Oid.Value -eq '2.5.29.17' } | ForEach-Object { $_.Format($false) })
        $san | Should -HaveCount 1
        $san[0] | Should -BeLikeExactly '*localhost*'
        $san[0] | Should -BeLikeExactly '*127.0.0.1*'
        $san[0].Replace('::1', '0:0:0:0:0:0:0:1') | Should -BeLikeExactly '*0:0:0:0:0:0:0:1*'
        $server.Certificate.HasPrivateKey | Should -BeFalse
    }
}

Describe 'Finding and stopping servers' {
    BeforeAll {
        $prefix = "pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    }

    AfterAll {
        Get-TlsServer -Name "$prefix-*" | Stop-TestServer
    }

    It 'filters Get-TlsServer by name with wildcards and by id, and a missing name is ObjectNotFound' {
        $null = Start-TlsServer -Port 0 -Name "$prefix-filter-alpha"
        $beta = Start-TlsServer -Port 0 -Name "$prefix-filter-beta"

        (Get-TlsServer -Name "$prefix-filter-*").Name | Should -BeExactly @("$prefix-filter-alpha", "$prefix-filter-beta")
        (Get-TlsServer -Id $beta.Id).Name | Should -BeExactly "$prefix-filter-beta"
        $failure = { Get-TlsServer -Name "$prefix-no-such-server" -ErrorAction Stop } |
            Should -Throw -ErrorId 'ServerNotFound,TlsServer.PowerShell.Commands.GetTlsServerCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'stops the servers of the pipeline, and -PassThru returns them stopped' {
        $null = Start-TlsServer -Port 0 -Name "$prefix-pipe-1"
        $null = Start-TlsServer -Port 0 -Name "$prefix-pipe-2"

        $stopped = @(Get-TlsServer -Name "$prefix-pipe-*" | Stop-TlsServer -PassThru)

        $stopped | Should -HaveCount 2
        $stopped | ForEach-Object { "$($_.State)" } | Should -BeExactly @('Stopped', 'Stopped')
    }

    It 'leaves a stopped server as it is when asked to stop it again' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-stopped"
        $server | Stop-TlsServer
        $ended = $server.EndTime

        $server | Stop-TlsServer -ErrorAction Stop
        $server.State | Should -Be 'Stopped'
        $server.EndTime | Should -Be $ended
    }

    It 'leaves a server running when stopping it with -WhatIf' {
        $server = Start-TlsServer -Port 0 -Name "$prefix-what-if"

        $server | Stop-TlsServer -WhatIf

        "$($server.State)" | Should -BeExactly 'Running'
    }

    It 'stops one server by -Name and another by -Id' {
        $byName = Start-TlsServer -Port 0 -Name "$prefix-by-name"
        $byId = Start-TlsServer -Port 0 -Name "$prefix-by-id"

        Stop-TlsServer -Name "$prefix-by-name"
        Stop-TlsServer -Id $byId.Id

        @("$($byName.State)", "$($byId.State)") | Should -BeExactly @('Stopped', 'Stopped')
    }
}

Describe 'Settings refused before anything starts' {
    BeforeAll {
        $started = [System.Collections.Generic.List[object]]::new()
    }

    AfterAll {
        $started | Stop-TestServer
    }

    It 'refuses a port in use with PortInUse, a ResourceUnavailable that says so' {
        $occupant = Start-TlsServer -Port 0 -Address 127.0.0.1
        $started.Add($occupant)

        $failure = { Start-TlsServer -Port $occupant.Port -Address 127.0.0.1 } |
            Should -Throw -ErrorId 'PortInUse,TlsServer.PowerShell.Commands.StartTlsServerCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $failure.Exception.Message | Should -BeLikeExactly '*already in use*'
    }

    It 'refuses Start-TlsServer <Arguments> with <ErrorId> and starts nothing' -ForEach @(
        @{ Arguments = '-Port 70000'; ErrorId = 'ParameterArgumentValidationError' }
        @{ Arguments = '-Port -1'; ErrorId = 'ParameterArgumentValidationError' }
        @{ Arguments = '-Protocol Tls99'; ErrorId = 'UnknownProtocol' }
    ) {
        $before = @((Get-TlsServer).Id)

        $failure = { & ([scriptblock]::Create("Start-TlsServer $Arguments")) } |
            Should -Throw -ErrorId "$ErrorId,TlsServer.PowerShell.Commands.StartTlsServerCommand" -PassThru
        "$($failure.CategoryInfo.Category)" | Should -BeIn @('InvalidArgument', 'InvalidData')
        @((Get-TlsServer).Id | Where-Object { $_ -notin $before }) | Should -BeNullOrEmpty
    }

    It 'refuses Ssl3 as NotImplemented, naming BouncyCastle' {
        $failure = { Start-TlsServer -Port 0 -Protocol Ssl3 } |
            Should -Throw -ErrorId 'ProtocolNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'NotImplemented'
        $failure.Exception.Message | Should -BeLikeExactly '*BouncyCastle*'
    }
}

Describe 'Start-TlsServer mode switches' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'mode'
        $null = New-Item -ItemType Directory -Path $folder
        $started = [System.Collections.Generic.List[object]]::new()
    }

    AfterAll {
        $started | Stop-TestServer
    }

    It 'selects <Mode> with "<Options>"' -ForEach @(
        @{ Options = ''; Mode = 'Interactive' }
        @{ Options = '-Www'; Mode = 'Www' }
        @{ Options = '-Reverse'; Mode = 'Reverse' }
        @{ Options = '-WwwRoot $folder'; Mode = 'WwwRoot' }
        @{ Options = '-HttpRoot $folder'; Mode = 'HttpRoot' }
    ) {
        $server = & ([scriptblock]::Create("Start-TlsServer -Port 0 $Options"))
        $started.Add($server)

        @($server) | Should -HaveCount 1
        "$($server.Mode)" | Should -BeExactly $Mode
        $server.DocumentRoot | Should -Be $(if ($Mode -like '*Root') { $folder } else { $null })
    }

    It 'resolves a relative root against the current location' {
        $null = New-Item -ItemType Directory -Path (Join-Path $folder 'site')
        Push-Location -LiteralPath $folder
        try {
            $server = Start-TlsServer -Port 0 -WwwRoot ./site
            $started.Add($server)
        }
        finally {
            Pop-Location
        }

        [System.IO.Path]::TrimEndingDirectorySeparator($server.DocumentRoot) | Should -BeExactly (Join-Path $folder 'site')
    }

    It 'reports -Crlf on the server' {
        $withCrlf = Start-TlsServer -Port 0 -Crlf
        $started.Add($withCrlf)
        $without = Start-TlsServer -Port 0
        $started.Add($without)

        $withCrlf.Crlf | Should -BeTrue
        $without.Crlf | Should -BeFalse
    }

    It 'refuses two modes together ("<Options>") as ParameterConflict and starts nothing' -ForEach @(
        @{ Options = '-Www -Reverse' }
        @{ Options = '-WwwRoot $folder -HttpRoot $folder' }
        @{ Options = '-Www -WwwRoot $folder' }
    ) {
        $before = @((Get-TlsServer).Id)

        $failure = { & ([scriptblock]::Create("Start-TlsServer -Port 0 $Options")) } |
            Should -Throw -ErrorId 'ParameterConflict,TlsServer.PowerShell.Commands.StartTlsServerCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @((Get-TlsServer).Id | Where-Object { $_ -notin $before }) | Should -BeNullOrEmpty
    }

    It 'refuses a root that is a file with DocumentRootNotFound' {
        $file = Join-Path $folder 'file.txt'
        Set-Content -LiteralPath $file -Value 'x'

        { Start-TlsServer -Port 0 -HttpRoot $file } |
            Should -Throw -ErrorId 'DocumentRootNotFound,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}
