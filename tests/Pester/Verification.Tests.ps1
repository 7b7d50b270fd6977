# -VerifyOption and the verification of client certificates: each option BouncyCastle honours changes the verdict on
# the chain openssl s_client presents, and the verdict equals what `openssl verify` says with the same flags (the
# oracle); options BouncyCastle cannot honour are refused by name. Certificates come from New-TlsCertificate
# (New-TestPki) and, for what it cannot make (certificate policies, policy mappings and constraints, an unknown
# critical extension, a broken root signature, delta and out-of-time CRLs, a cross-certificate), from openssl.

BeforeDiscovery {
    $openSslMissing = -not (Get-Command openssl -ErrorAction SilentlyContinue)
    if ($openSslMissing) {
        Write-Warning 'openssl is not on PATH: the verification tests that need s_client are skipped.'
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'
}

Describe '-VerifyOption on the chains of a New-TlsCertificate PKI' -Skip:$openSslMissing {
    BeforeAll {
        $pki = "$TestDrive/pki"
        New-TestPki -Directory $pki
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'gives <Client> verify code <Code> with <Option> and -CAFile <CAFile>' -ForEach @(
        @{ Client = 'wrong-eku'; Option = { @{} }; CAFile = 'ca.pem'; Code = 26 }
        @{ Client = 'wrong-eku'; Option = { @{ purpose = 'any' } }; CAFile = 'ca.pem'; Code = 0 }
        @{ Client = 'wrong-eku'; Option = { @{ purpose = 'sslserver' } }; CAFile = 'ca.pem'; Code = 0 }
        @{ Client = 'good'; Option = { @{ verify_name = 'ssl_server' } }; CAFile = 'ca.pem'; Code = 26 }
        @{ Client = 'good'; Option = { @{ attime = [DateTimeOffset]::UtcNow.AddYears(-2).ToUnixTimeSeconds() } }; CAFile = 'ca.pem'; Code = 9 }
        @{ Client = 'good'; Option = { @{ attime = [DateTime]::UtcNow.AddYears(3) } }; CAFile = 'ca.pem'; Code = 10 }
        @{ Client = 'good'; Option = { @{ verify_hostname = 'other.test' } }; CAFile = 'ca.pem'; Code = 62 }
        @{ Client = 'good'; Option = { @{ verify_hostname = 'good' } }; CAFile = 'ca.pem'; Code = 0 }
        @{ Client = 'good'; Option = { @{ verify_email = 'good@example.test' } }; CAFile = 'ca.pem'; Code = 0 }
        @{ Client = 'good'; Option = { @{ verify_email = 'bad@example.test' } }; CAFile = 'ca.pem'; Code = 63 }
        @{ Client = 'good'; Option = { @{ verify_ip = '192.0.2.1' } }; CAFile = 'ca.pem'; Code = 64 }
        @{ Client = 'rsa2048'; Option = { @{ auth_level = 3 } }; CAFile = 'ca.pem'; Code = 66 }
        @{ Client = 'rsa2048'; Option = { @{ auth_level = 2 } }; CAFile = 'ca.pem'; Code = 0 }
        @{ Client = 'good'; Option = { @{ explicit_policy = $true } }; CAFile = 'ca.pem'; Code = 43 }
        @{ Client = 'good'; Option = { @{ check_ss_sig = $true; trusted_first = $true; no_alt_chains = $true; policy_check = $true } }; CAFile = 'ca.pem'; Code = 0 }
        @{ Client = 'issued'; Option = { @{} }; CAFile = 'int.pem'; Code = 20 }
        @{ Client = 'issued'; Option = { @{ partial_chain = $true } }; CAFile = 'int.pem'; Code = 0 }
        @{ Client = 'issued'; Option = { @{ verify_depth = 0 } }; CAFile = 'ca.pem'; Code = 22 }
        @{ Client = 'issued'; Option = { @{ verify_depth = 1 } }; CAFile = 'ca.pem'; Code = 0 }
    ) {
        $server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile "$pki/$CAFile" -VerifyOption (& $Option)

        $result = Invoke-SClient -Port $server.Port -Option '-cert', "$pki/$Client.pem", '-cert_chain', "$pki/int.pem", '-key', "$pki/$Client.key"

        $result.Connected | Should -BeTrue -Because $result.Output
        (Wait-TlsSession -Server $server -State Established -TimeoutSec 15).ClientVerifyResult.ErrorCode | Should -Be $Code
    }

    It 'anchors at the intermediate with partial_chain' {
        $server = Start-TlsServer -Port 0 -ClientCertificate Require -CAFile "$pki/int.pem" -VerifyOption @{ partial_chain = $true } -VerifyReturnError

        $result = Invoke-SClient -Port $server.Port -Option '-cert', "$pki/issued.pem", '-key', "$pki/issued.key"

        $result.Connected | Should -BeTrue -Because $result.Output
        (Wait-TlsSession -Server $server -State Established -TimeoutSec 15).ClientVerifyResult.TrustAnchor.Subject | Should -Be 'CN=TlsServer Test Issuing'
    }
}

Describe '-VerifyOption values the server cannot honour' {
    It 'refuses <Option> by name, as BouncyCastle cannot honour it' -ForEach @(
        @{ Option = 'no_check_time' }, @{ Option = 'x509_strict' }, @{ Option = 'extended_crl' }
        @{ Option = 'suiteB_128' }, @{ Option = 'suiteB_128_only' }, @{ Option = 'suiteB_192' }
    ) {
        $err = { Start-TlsServer -Port 0 -ClientCertificate Request -VerifyOption @{ $Option = $true } -ErrorAction Stop } |
            Should -Throw -ErrorId "VerifyOptionNotSupported,$startCommand" -PassThru

        $err.CategoryInfo.Category | Should -Be 'NotImplemented'
        $err.Exception.Message | Should -BeLike "*'$Option'*"
        $err.Exception.Message | Should -BeLike '*BouncyCastle*'
    }

    It 'refuses <Option> with <ErrorId>' -ForEach @(
        @{ Option = { @{ no_such_option = $true } }; ErrorId = 'VerifyOptionUnknown' }
        @{ Option = { @{ purpose = 'everything' } }; ErrorId = 'VerifyOptionInvalid' }
        @{ Option = { @{ verify_name = 'nobody' } }; ErrorId = 'VerifyOptionInvalid' }
        @{ Option = { @{ auth_level = 9 } }; ErrorId = 'VerifyOptionInvalid' }
        @{ Option = { @{ attime = 'yesterday-ish' } }; ErrorId = 'VerifyOptionInvalid' }
        @{ Option = { @{ verify_ip = 'not an address' } }; ErrorId = 'VerifyOptionInvalid' }
        @{ Option = { @{ policy = 'not.an.oid' } }; ErrorId = 'VerifyOptionInvalid' }
    ) {
        $err = { Start-TlsServer -Port 0 -ClientCertificate Request -VerifyOption (& $Option) -ErrorAction Stop } |
            Should -Throw -ErrorId "$ErrorId,$startCommand" -PassThru

        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Certificate policies, an unknown critical extension and a broken root signature' -Skip:$openSslMissing {
    BeforeAll {
        # A root with anyPolicy; clients 'policy' (policy 1.2.3.4) and 'critical' (the same with an unknown critical
        # extension); and broken-root.pem, the root with one bit of its self-signature flipped: its key still
        # verifies the clients.
        $policy = "$TestDrive/policy"
        $null = New-Item -ItemType Directory -Path $policy
        Invoke-OpenSsl 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', "$policy/root.key",
            '-out', "$policy/root.pem", '-days', '2', '-subj', '/CN=Policy Root', '-addext', 'basicConstraints=critical,CA:TRUE',
            '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-addext', 'certificatePolicies=2.5.29.32.0'
        foreach ($client in @(@{ Name = 'policy'; Extra = '' }, @{ Name = 'critical'; Extra = "1.3.6.1.4.1.55555.1=critical,ASN1:NULL`n" })) {
            $name = $client.Name
            Set-Content -LiteralPath "$policy/$name.ext" -NoNewline -Value ("basicConstraints=critical,CA:FALSE`nkeyUsage=critical,digitalSignature`nextendedKeyUsage=clientAuth`ncertificatePolicies=1.2.3.4`n" + $client.Extra)
            Invoke-OpenSsl 'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', "$policy/$name.key", '-out', "$policy/$name.csr", '-subj', "/CN=$name"
            Invoke-OpenSsl 'x509', '-req', '-in', "$policy/$name.csr", '-CA', "$policy/root.pem", '-CAkey', "$policy/root.key", '-CAcreateserial',
                '-days', '2', '-extfile', "$policy/$name.ext", '-out', "$policy/$name.pem"
        }
        Set-Content -LiteralPath "$policy/broken-root.pem" -Value (ConvertTo-FlippedPem -Path "$policy/root.pem" -Label CERTIFICATE)

        function Get-PolicyVerdict([string] $Client, [hashtable] $VerifyOption, [string] $CAFile) {
            # The established session of s_client presenting the client to a server with the options.
            $script:server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile "$policy/$CAFile" -VerifyOption $VerifyOption
            $result = Invoke-SClient -Port $server.Port -Option '-cert', "$policy/$Client.pem", '-key', "$policy/$Client.key"
            $result.Connected | Should -BeTrue -Because $result.Output
            Wait-TlsSession -Server $server -State Established -TimeoutSec 15
        }
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'gives <Client> verify code <Code> with <Option> and -CAFile <CAFile>' -ForEach @(
        @{ Client = 'policy'; Option = { @{} }; CAFile = 'root.pem'; Code = 0 }
        @{ Client = 'policy'; Option = { @{ policy = '1.2.3.4'; explicit_policy = $true } }; CAFile = 'root.pem'; Code = 0 }
        @{ Client = 'policy'; Option = { @{ policy = '1.2.3.5'; explicit_policy = $true } }; CAFile = 'root.pem'; Code = 43 }
        @{ Client = 'policy'; Option = { @{ policy = '1.2.3.5', '1.2.3.4'; explicit_policy = $true; policy_check = $true } }; CAFile = 'root.pem'; Code = 0 }
        @{ Client = 'critical'; Option = { @{} }; CAFile = 'root.pem'; Code = 34 }
        @{ Client = 'critical'; Option = { @{ ignore_critical = $true } }; CAFile = 'root.pem'; Code = 0 }
        @{ Client = 'policy'; Option = { @{} }; CAFile = 'broken-root.pem'; Code = 0 }
        @{ Client = 'policy'; Option = { @{ check_ss_sig = $true } }; CAFile = 'broken-root.pem'; Code = 7 }
    ) {
        (Get-PolicyVerdict -Client $Client -VerifyOption (& $Option) -CAFile $CAFile).ClientVerifyResult.ErrorCode | Should -Be $Code
    }

    It 'records the valid policies with policy_print' {
        (Get-PolicyVerdict -Client policy -VerifyOption @{ policy_print = $true } -CAFile root.pem).ClientVerifyResult.Policies | Should -Contain '1.2.3.4'
    }
}

Describe 'The verdict against openssl verify as the oracle' -Skip:$openSslMissing {
    BeforeAll {
        $oracle = "$TestDrive/oracle"
        New-OpenSslPolicyPki -Directory $oracle

        function Connect-OracleClient([string] $Client, [hashtable] $Parameter) {
            # Starts $server with the root as -CAFile and the parameters, and connects s_client with the client and its chain.
            $script:server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile "$oracle/root.pem" @Parameter
            $options = @('-cert', "$oracle/$Client.pem", '-key', "$oracle/$Client.key")
            if (Test-Path -LiteralPath "$oracle/$Client-chain.pem") { $options += '-cert_chain', "$oracle/$Client-chain.pem" }
            Invoke-SClient -Port $server.Port -Option $options
        }

        function ConvertTo-ServerParameter([string[]] $Flag) {
            # openssl verify flags as Start-TlsServer parameters: -crl_check is -CrlCheck, -CRLfile is -CrlPath, the
            # rest are -VerifyOption entries.
            $parameter = @{ VerifyOption = @{} }
            $crls = @()
            for ($i = 0; $i -lt $Flag.Count; $i++) {
                switch ($Flag[$i]) {
                    '-crl_check' { $parameter.CrlCheck = $true }
                    '-crl_check_all' { $parameter.CrlCheckAll = $true }
                    '-CRLfile' { $crls += "$oracle/$($Flag[++$i])" }
                    '-policy' { $parameter.VerifyOption.policy = $Flag[++$i] }
                    default { $parameter.VerifyOption[$Flag[$i].TrimStart('-')] = $true }
                }
            }
            if ($crls) { $parameter.CrlPath = $crls }
            $parameter
        }
    }

    AfterEach {
        $server | Stop-TestServer
    }

    It 'gives <Client> with "<Flags>" the verdict of openssl verify, <Expected>' -ForEach @(
        @{ Client = 'any'; Flags = ''; Expected = 0 }
        @{ Client = 'any'; Flags = '-explicit_policy -policy 1.2.3.4'; Expected = 0 }
        @{ Client = 'any'; Flags = '-explicit_policy -policy 1.2.3.4 -inhibit_any'; Expected = 43 }
        @{ Client = 'any'; Flags = '-policy 1.2.3.4 -inhibit_any'; Expected = 0 }
        @{ Client = 'any'; Flags = '-explicit_policy'; Expected = 43 }
        @{ Client = 'map'; Flags = '-explicit_policy -policy 1.2.3.1'; Expected = 0 }
        @{ Client = 'map'; Flags = '-explicit_policy -policy 1.2.3.1 -inhibit_map'; Expected = 43 }
        @{ Client = 'reqok'; Flags = ''; Expected = 0 }
        @{ Client = 'reqok'; Flags = '-policy_check'; Expected = 43 }
        @{ Client = 'reqok'; Flags = '-policy_check -policy 1.2.3.1'; Expected = 0 }
        @{ Client = 'req'; Flags = '-policy_check -policy 1.2.3.4'; Expected = 43 }
        @{ Client = 'crl-revoked'; Flags = '-crl_check -CRLfile base.crl -CRLfile delta.crl'; Expected = 0 }
        @{ Client = 'crl-revoked'; Flags = '-crl_check -use_deltas -CRLfile base.crl -CRLfile delta.crl'; Expected = 23 }
        @{ Client = 'crl-good'; Flags = '-crl_check -use_deltas -CRLfile base.crl -CRLfile delta.crl'; Expected = 0 }
        @{ Client = 'crl-good'; Flags = '-crl_check'; Expected = 3 }
        @{ Client = 'crl-good'; Flags = '-crl_check -CRLfile expired.crl'; Expected = 12 }
        @{ Client = 'crl-good'; Flags = '-crl_check -CRLfile future.crl'; Expected = 11 }
        @{ Client = 'crl-good'; Flags = '-crl_check -CRLfile badsig.crl'; Expected = 8 }
        @{ Client = 'crl-good'; Flags = '-crl_check_all -CRLfile current.crl'; Expected = 0 }
        @{ Client = 'crl-good'; Flags = '-crl_check_all -CRLfile expired.crl'; Expected = 12 }
        @{ Client = 'cross-leaf'; Flags = ''; Expected = 0 }
        @{ Client = 'cross-leaf'; Flags = '-trusted_first'; Expected = 0 }
        @{ Client = 'cross-leaf'; Flags = '-no_alt_chains'; Expected = 0 }
    ) {
        $flag = @($Flags -split ' ' | Where-Object { $_ })
        $verdict = Get-OpenSslVerifyCode -Directory $oracle -Client $Client -Flag $flag
        $verdict | Should -Be $Expected

        $null = Connect-OracleClient -Client $Client -Parameter (ConvertTo-ServerParameter -Flag $flag)

        $result = (Wait-TlsSession -Server $server -State Established -TimeoutSec 15).ClientVerifyResult
        $result.ErrorCode | Should -Be $verdict -Because "$result $($result.Detail)"
        if ($verdict -ne 0) {
            $result.ErrorDepth | Should -Be 0
        }
    }

    It 'sends OpenSSL''s <Alert> for <Crl> (code <Code>) with -VerifyReturnError' -ForEach @(
        @{ Crl = 'expired.crl'; Code = 12; Alert = 'certificate_expired'; ClientSees = 'alert certificate expired' }
        @{ Crl = 'future.crl'; Code = 11; Alert = 'bad_certificate'; ClientSees = 'alert bad certificate' }
        @{ Crl = 'badsig.crl'; Code = 8; Alert = 'decrypt_error'; ClientSees = 'alert decrypt error' }
    ) {
        $result = Connect-OracleClient -Client crl-good -Parameter @{ CrlCheck = $true; CrlPath = "$oracle/$Crl"; VerifyReturnError = $true; Protocol = 'Tls12' }

        $s = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15
        $s.ClientVerifyResult.ErrorCode | Should -Be $Code
        $s.Alert.Description | Should -Be $Alert
        $result.Output | Should -BeLike "*$ClientSees*"
    }

    It 'enforces policyConstraints without policy_check, unlike OpenSSL (the documented difference)' {
        # OpenSSL processes policies only with policy_check (or an option implying it); BouncyCastle always does, so
        # a chain that breaks its own policyConstraints fails here without any option.
        Get-OpenSslVerifyCode -Directory $oracle -Client req | Should -Be 0
        Get-OpenSslVerifyCode -Directory $oracle -Client req -Flag '-policy_check' | Should -Be 43

        $null = Connect-OracleClient -Client req -Parameter @{ VerifyOption = @{} }

        (Wait-TlsSession -Server $server -State Established -TimeoutSec 15).ClientVerifyResult.ErrorCode | Should -Be 43
    }
}
