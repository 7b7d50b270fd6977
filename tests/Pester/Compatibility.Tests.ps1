# What the server refuses by default, as the RFCs ask, and the switches that allow it as openssl s_server does (or did):
# ALPN without a protocol in common (-AlpnOptional), SHA-1 signatures (@SECLEVEL=0, -SignatureAlgorithm), and resuming a
# TLS 1.2 session made without the extended master secret (-AllowLegacyResumption). Each is driven by a real client.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'ALPN with no protocol in common' {
    AfterEach {
        $server | Stop-TlsServer -ErrorAction SilentlyContinue
    }

    It 'ends the handshake with no_application_protocol by default (RFC 7301 3.2, s_server 3)' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Alpn h2
        Invoke-SClientText -Port $server.Port -Option '-alpn', 'http/1.1' | Should -Match 'no application protocol'
        $session = Wait-TlsSession -Server $server -State Failed -TimeoutSec 20
        $session.Alert.Description | Should -Be 'no_application_protocol'
        $session.Alert.Direction | Should -Be 'Sent'
    }

    It 'goes on without ALPN with -AlpnOptional (s_server 1.1.0)' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Alpn h2 -AlpnOptional
        Invoke-SClientText -Port $server.Port -Option '-alpn', 'http/1.1' | Should -Match 'No ALPN negotiated'
        $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20
        $session.HandshakeCompleted | Should -BeTrue
        $session.ApplicationProtocol | Should -BeNullOrEmpty
    }

    It 'refuses -AlpnOptional together with -AlpnFatal' {
        { Start-TlsServer -Port 0 -Alpn h2 -AlpnFatal -AlpnOptional } |
            Should -Throw -ErrorId 'AlpnFatalWithAlpnOptional,TlsServer.PowerShell.Commands.StartTlsServerCommand'
    }
}

Describe 'SHA-1 signatures in TLS 1.2 (RFC 9155)' {
    BeforeAll {
        # The client offers only ECDSA with SHA-1, which OpenSSL 3 sends only at security level 0.
        $sha1Only = '-tls1_2', '-sigalgs', 'ECDSA+SHA1', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256:@SECLEVEL=0'
    }

    AfterEach {
        $server | Stop-TlsServer -ErrorAction SilentlyContinue
    }

    It 'refuses a client that offers only SHA-1' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Protocol Tls12
        Invoke-SClientText -Port $server.Port -Option $sha1Only | Should -Match 'handshake failure'
        (Wait-TlsSession -Server $server -State Failed -TimeoutSec 20).Alert.Description | Should -Be 'handshake_failure'
    }

    It 'signs with SHA-1 when -Cipher says @SECLEVEL=0' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Protocol Tls12 -Cipher 'ECDHE-ECDSA-AES128-GCM-SHA256:@SECLEVEL=0'
        Invoke-SClientText -Port $server.Port -Option $sha1Only | Should -Match 'Peer signing digest: SHA1'
        (Wait-TlsSession -Server $server -State Closed -TimeoutSec 20).SignatureScheme | Should -Be 'ecdsa_sha1'
    }

    It 'signs with SHA-1 when -SignatureAlgorithm names it' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Protocol Tls12 -SignatureAlgorithm 'ECDSA+SHA256', 'ECDSA+SHA1'
        Invoke-SClientText -Port $server.Port -Option $sha1Only | Should -Match 'Peer signing digest: SHA1'
        (Wait-TlsSession -Server $server -State Closed -TimeoutSec 20).SignatureScheme | Should -Be 'ecdsa_sha1'
    }
}

Describe 'Resuming a TLS 1.2 session made without the extended master secret' {
    BeforeAll {
        # Python's ssl module (OpenSSL 3) with SSL_OP_NO_EXTENDED_MASTER_SECRET: two connections, the second resuming the first.
        $client = @'
import socket, ssl, sys
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
context.options |= 0x1
port = int(sys.argv[1])
first = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=20))
session = first.session
first.close()
try:
    second = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=20), session=session)
    print("reused" if second.session_reused else "new")
    second.close()
except ssl.SSLError as e:
    print("refused:", e)
'@
    }

    AfterEach {
        $server | Stop-TlsServer -ErrorAction SilentlyContinue
    }

    It 'is refused with handshake_failure by default (RFC 7627 5.3)' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Protocol Tls12
        $result = Invoke-ExternalTool -Name python3 -ArgumentList '-c', $client, $server.Port
        $result.StandardOutput | Should -Match 'refused:.*HANDSHAKE_FAILURE'
        $failed = Wait-TlsSession -Server $server -State Failed -TimeoutSec 20
        $failed.Alert.Description | Should -Be 'handshake_failure'
        $failed.Error | Should -Match 'without the extended master secret.*-AllowLegacyResumption'
    }

    It 'resumes with -AllowLegacyResumption, as s_server does' {
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Protocol Tls12 -AllowLegacyResumption
        $result = Invoke-ExternalTool -Name python3 -ArgumentList '-c', $client, $server.Port
        $result.StandardOutput | Should -Match 'reused'
        $sessions = Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 20
        ($sessions | Where-Object Resumed).Count | Should -Be 1
        $sessions | ForEach-Object { $_.ExtendedMasterSecret | Should -BeFalse }
    }
}
