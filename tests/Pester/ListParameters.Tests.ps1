# Every parameter that takes a list in s_server takes a PowerShell array and s_server's own separated string, with
# s_server's separator; each form is checked on the wire with openssl s_client.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    New-TestCertificate -Directory $TestDrive -Name rsa
    $rsa = @{ CertificatePath = "$TestDrive/rsa.crt"; KeyPath = "$TestDrive/rsa.key" }

    function Start-ListServer {
        # A TLS server on a free loopback port with the RSA test certificate and the given parameters.
        param([hashtable] $Parameters)
        Start-TlsServer -Address 127.0.0.1 -Port 0 @rsa @Parameters
    }

    function Connect-Once {
        # Runs s_client against the server, returns its output and the session the server recorded.
        param($Server, [string[]] $Option = @(), [switch] $Full)
        $output = if ($Full) { Invoke-SClientText -Port $Server.Port -Option $Option } else { (Invoke-SClient -Port $Server.Port -Option $Option).Output }
        [pscustomobject]@{
            Output  = $output
            Session = Wait-TlsSession -Server $Server -State Closed -TimeoutSec 20
        }
    }
}

Describe 'List parameters' {
    AfterEach {
        Get-TlsServer | Stop-TestServer
    }

    Context '-Alpn' {
        It 'takes <Name>' -ForEach @(
            @{ Name = "s_server's comma-separated string"; Value = 'http/1.1,h2' }
            @{ Name = 'an array'; Value = @('http/1.1', 'h2') }
        ) {
            $server = Start-ListServer @{ Alpn = $Value }
            $result = Connect-Once $server -Option '-alpn', 'h2' -Full
            $result.Output | Should -Match '(?m)^ALPN protocol: h2'
            $result.Session.ApplicationProtocol | Should -Be 'h2'
        }
    }

    Context '-Group' {
        It 'takes <Name>' -ForEach @(
            @{ Name = "s_server's colon-separated string"; Value = 'X25519:P-384' }
            @{ Name = 'an array'; Value = @('X25519', 'P-384') }
        ) {
            $server = Start-ListServer @{ Group = $Value }
            $result = Connect-Once $server -Option '-groups', 'P-384'
            $result.Session.NamedGroup | Should -Be 'secp384r1'
            $server.Groups | Should -HaveCount 2
        }
    }

    Context '-SignatureAlgorithm' {
        It 'takes <Name>' -ForEach @(
            @{ Name = "s_server's colon-separated string"; Value = 'rsa_pss_rsae_sha384:rsa_pss_rsae_sha512' }
            @{ Name = 'an array'; Value = @('rsa_pss_rsae_sha384', 'rsa_pss_rsae_sha512') }
        ) {
            $server = Start-ListServer @{ SignatureAlgorithm = $Value }
            $result = Connect-Once $server
            $result.Output | Should -Match '(?m)^Hash used: SHA384'
            $result.Session.SignatureScheme | Should -Be 'rsa_pss_rsae_sha384'
        }
    }

    Context '-ClientSignatureAlgorithm' {
        It 'takes <Name>' -ForEach @(
            @{ Name = "s_server's colon-separated string"; Value = 'ecdsa_secp384r1_sha384:rsa_pss_rsae_sha512' }
            @{ Name = 'an array'; Value = @('ecdsa_secp384r1_sha384', 'rsa_pss_rsae_sha512') }
        ) {
            $server = Start-ListServer @{ ClientCertificate = 'Request'; ClientSignatureAlgorithm = $Value }
            $result = Connect-Once $server -Full
            $result.Output | Should -Match '(?m)^Requested Signature Algorithms: ECDSA\+SHA384:RSA-PSS\+SHA512\s*$'
        }
    }

    Context '-CipherSuite' {
        It 'takes <Name>' -ForEach @(
            @{ Name = "s_server's colon-separated string"; Value = 'TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256' }
            @{ Name = 'an array'; Value = @('TLS_AES_128_GCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256') }
        ) {
            $server = Start-ListServer @{ CipherSuite = $Value }
            $result = Connect-Once $server -Option '-ciphersuites', 'TLS_CHACHA20_POLY1305_SHA256'
            $result.Session.CipherSuite | Should -Be 'TLS_CHACHA20_POLY1305_SHA256'
        }

        It 'takes both forms in Get-TlsCipherSuite too' {
            (Get-TlsCipherSuite -CipherSuite 'TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256' | Where-Object Protocol -EQ 'TLSv1.3').Name |
                Should -Be @('TLS_AES_128_GCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256')
        }
    }

    Context '-Protocol and -ExcludeProtocol' {
        It 'takes <Name>' -ForEach @(
            @{ Name = "OpenSSL's names in a comma-separated string"; Value = 'TLSv1.2,TLSv1.3' }
            @{ Name = 'its own names in a comma-separated string'; Value = 'Tls12,Tls13' }
            @{ Name = 'an array of both spellings'; Value = @('tlsv1.2', 'Tls13') }
        ) {
            $server = Start-ListServer @{ Protocol = $Value }
            $server.Protocols | Should -Be @('Tls12', 'Tls13')
            (Connect-Once $server -Option '-tls1_2').Session.Protocol | Should -Be 'Tls12'
        }

        It 'leaves out what -ExcludeProtocol names, in <Name>' -ForEach @(
            @{ Name = "OpenSSL's spelling"; Value = 'TLSv1.3' }
            @{ Name = 'a comma-separated string'; Value = 'TLSv1.1,TLSv1.3' }
            @{ Name = 'an array'; Value = @('Tls11', 'TLSv1.3') }
        ) {
            $server = Start-ListServer @{ Protocol = 'Tls12', 'Tls13'; ExcludeProtocol = $Value }
            $server.Protocols | Should -Be @('Tls12')
            (Connect-Once $server).Session.Protocol | Should -Be 'Tls12'
        }

        It "takes OpenSSL's spelling in -MinimumProtocol" {
            $server = Start-ListServer @{ MinimumProtocol = 'TLSv1.3' }
            $server.Protocols | Should -Be @('Tls13')
            (Invoke-SClient -Port $server.Port -Option '-tls1_2').Connected | Should -BeFalse
        }

        It 'refuses a name it does not know with UnknownProtocol, listing both spellings' {
            { Start-ListServer @{ Protocol = 'TLSv1.4' } } |
                Should -Throw -ErrorId 'UnknownProtocol,TlsServer.PowerShell.Commands.StartTlsServerCommand' -ExpectedMessage '*Tls12 (TLSv1.2)*'
            { Start-ListServer @{ MaximumProtocol = 'tls2' } } |
                Should -Throw -ErrorId 'UnknownProtocol,TlsServer.PowerShell.Commands.StartTlsServerCommand'
        }
    }

    Context '-NextProtoNeg' {
        It 'splits its list before the engine refuses NPN, in <Name>' -ForEach @(
            @{ Name = "s_server's comma-separated string"; Value = 'h2,http/1.1' }
            @{ Name = 'an array'; Value = @('h2', 'http/1.1') }
        ) {
            $failure = { Start-ListServer @{ NextProtoNeg = $Value } } | Should -Throw -ErrorId 'NextProtocolNegotiationNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand' -PassThru
            $failure.TargetObject | Should -Be @('h2', 'http/1.1')
        }
    }

    Context 'An empty element' {
        It 'is EmptyListElement for -<Parameter>, and the error shows both forms' -ForEach @(
            @{ Parameter = 'Alpn'; Value = 'h2,,http/1.1'; Forms = "*-Alpn h2, http/1.1*-Alpn 'h2,http/1.1'*" }
            @{ Parameter = 'Group'; Value = 'X25519::P-256'; Forms = "*-Group X25519, P-256*-Group 'X25519:P-256'*" }
            @{ Parameter = 'SignatureAlgorithm'; Value = 'rsa_pss_rsae_sha256:'; Forms = "*separated by ':'*" }
            @{ Parameter = 'ClientSignatureAlgorithm'; Value = ':rsa_pss_rsae_sha256'; Forms = "*separated by ':'*" }
            @{ Parameter = 'CipherSuite'; Value = 'TLS_AES_128_GCM_SHA256::TLS_AES_256_GCM_SHA384'; Forms = "*separated by ':'*" }
            @{ Parameter = 'NextProtoNeg'; Value = 'h2,'; Forms = "*separated by ','*" }
            @{ Parameter = 'Protocol'; Value = 'Tls12,,Tls13'; Forms = "*-Protocol Tls12, Tls13*" }
            @{ Parameter = 'ExcludeProtocol'; Value = ',Tls10'; Forms = "*separated by ','*" }
        ) {
            { Start-ListServer @{ $Parameter = $Value } } |
                Should -Throw -ErrorId 'EmptyListElement,TlsServer.PowerShell.Commands.StartTlsServerCommand' -ExpectedMessage $Forms
        }
    }
}
