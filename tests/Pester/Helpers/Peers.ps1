# The real clients: openssl s_client, curl, Python's ssl, .NET's SslStream and headless Chromium. Part of
# TestHelpers.psm1.

function Invoke-SClient {
    # Connects with openssl s_client -brief to HostName:Port, sends InputText, closes at the end of the input and
    # returns what s_client reported: Connected, Protocol (TLSv1.3...), CipherSuite (OpenSSL's name), Group, Output
    # (both streams) and StandardOutput (what the server sent).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [int] $Port,

        [string[]] $Option = @(),

        [AllowEmptyString()]
        [string] $InputText = '',

        [string] $HostName = '127.0.0.1'
    )

    $arguments = @('s_client', '-connect', "${HostName}:$Port", '-brief') + $Option
    $result = Invoke-ExternalTool -Name openssl -ArgumentList $arguments -InputText $InputText
    $output = $result.StandardOutput + [Environment]::NewLine + $result.StandardError

    # OpenSSL 3.0 prints "Server Temp Key: X25519, 253 bits" or "...: ECDH, prime256v1, 256 bits", later versions
    # "Peer Temp Key: ..." and, for TLS 1.3, "Negotiated TLS1.3 group: X25519MLKEM768".
    $group = Get-SClientField -Output $output -Name 'Negotiated TLS1.3 group'
    if (-not $group) {
        $temporaryKey = Get-SClientField -Output $output -Name 'Server Temp Key'
        if (-not $temporaryKey) {
            $temporaryKey = Get-SClientField -Output $output -Name 'Peer Temp Key'
        }
        if ($temporaryKey) {
            $parts = @($temporaryKey -split ',\s*')
            $group = if ($parts[0] -eq 'ECDH' -and $parts.Count -gt 1) { $parts[1] } else { $parts[0] }
        }
    }

    [pscustomobject]@{
        ExitCode       = $result.ExitCode
        Connected      = $output -match '(?m)^CONNECTION ESTABLISHED'
        Protocol       = Get-SClientField -Output $output -Name 'Protocol version'
        CipherSuite    = Get-SClientField -Output $output -Name 'Ciphersuite'
        Group          = ConvertTo-GroupName $group
        Output         = $output
        StandardOutput = $result.StandardOutput
    }
}

function Get-SClientField {
    # The value of a "Name: value" line of s_client's -brief summary, or $null.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string] $Output,

        [Parameter(Mandatory)]
        [string] $Name
    )

    $match = [regex]::Match($Output, "(?m)^$([regex]::Escape($Name)): *(.+?)\s*$")
    if ($match.Success) {
        $match.Groups[1].Value
    }
}

function ConvertTo-GroupName {
    # One spelling per key exchange group, so that what openssl prints compares with Session.NamedGroup.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Position = 0)]
        [AllowNull()]
        [AllowEmptyString()]
        [string] $Name
    )

    if ([string]::IsNullOrWhiteSpace($Name)) {
        return $null
    }

    switch ($Name.Trim().ToLowerInvariant()) {
        { $_ -in 'prime256v1', 'p-256', 'secp256r1' } { 'secp256r1'; break }
        { $_ -in 'p-384', 'secp384r1' } { 'secp384r1'; break }
        { $_ -in 'p-521', 'secp521r1' } { 'secp521r1'; break }
        default { $_ }
    }
}

function Invoke-SClientText {
    # Runs openssl s_client with an empty standard input, so it closes after the handshake; returns everything it
    # wrote, standard error included, as one string.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [int] $Port,

        [string[]] $Option = @()
    )

    $result = Invoke-ExternalTool -Name openssl -ArgumentList (@('s_client', '-connect', "127.0.0.1:$Port") + $Option)
    $result.StandardOutput + $result.StandardError
}

function Start-SClientPeer {
    # Starts openssl s_client -connect 127.0.0.1:Port with Option as a peer process (see Start-PeerProcess).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [int] $Port,

        [string[]] $Option = @()
    )

    Start-PeerProcess -Name openssl -ArgumentList (@('s_client', '-connect', "127.0.0.1:$Port") + $Option)
}

function Get-SClientHandshakeKind {
    # New or Reused for each handshake s_client reported in Output, in order.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string] $Output
    )

    [regex]::Matches($Output, '(?m)^(New|Reused), TLSv1\.[23]') | ForEach-Object { $_.Groups[1].Value }
}

function Invoke-CurlRequest {
    # Fetches Url with curl (certificate not checked; Option goes before the URL) and returns the Status it saw,
    # the Body as bytes, the body as Text (UTF-8), its ExitCode and StandardError.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Url,

        [string[]] $Option = @(),

        [int] $TimeoutSec = 60
    )

    $bodyFile = [System.IO.Path]::GetTempFileName()
    try {
        $result = Invoke-ExternalTool -Name curl -ArgumentList (@('-sk', '-o', $bodyFile, '-w', '%{http_code}') + $Option + $Url) -TimeoutSec $TimeoutSec
        $body = [System.IO.File]::ReadAllBytes($bodyFile)
        [pscustomobject]@{
            Status        = [int]('0' + $result.StandardOutput.Trim())
            Body          = $body
            Text          = [System.Text.Encoding]::UTF8.GetString($body)
            ExitCode      = $result.ExitCode
            StandardError = $result.StandardError
        }
    }
    finally {
        Remove-Item -LiteralPath $bodyFile -ErrorAction SilentlyContinue
    }
}

function Invoke-PythonTlsClient {
    # Connects with Python's ssl module to 127.0.0.1:Port (no certificate check), sends an HTTP/1.0 request unless
    # NoRequest, and reads to the end of the stream with suppress_ragged_eofs off, so a close without close_notify is an
    # error. Returns Handshake (the version, or $null), Read (bytes read, also before an error), Error ("<ExceptionType>: <message>", or $null),
    # Elapsed (seconds) and Output (all of it).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [int] $Port,

        [ValidateRange(1, 120)]
        [int] $TimeoutSec = 10,

        [ValidateSet('TLSv1_2', 'TLSv1_3')]
        [string] $MaximumVersion = 'TLSv1_3',

        [switch] $NoRequest
    )

    $script = @'
import socket, ssl, sys, time
port, timeout, maximum, request = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4] == '1'
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
context.maximum_version = getattr(ssl.TLSVersion, maximum)
started = time.monotonic()
read = 0
try:
    with socket.create_connection(('127.0.0.1', port), timeout=timeout) as raw:
        with context.wrap_socket(raw, suppress_ragged_eofs=False) as tls:
            print('handshake', tls.version(), flush=True)
            if request:
                tls.sendall(b'GET / HTTP/1.0\r\n\r\n')
            while True:
                data = tls.recv(65536)
                if not data:
                    break
                read += len(data)
except Exception as e:
    print('error', type(e).__name__ + ':', e)
print('read', read)
print('elapsed %.2f' % (time.monotonic() - started))
'@
    $result = Invoke-ExternalTool -Name python3 -ArgumentList @('-c', $script, $Port, $TimeoutSec, $MaximumVersion, $(if ($NoRequest) { '0' } else { '1' })) -TimeoutSec ($TimeoutSec + 20)
    $output = $result.StandardOutput + $result.StandardError
    $field = { param([string] $Name) [regex]::Match($output, "(?m)^$Name (.+?)\s*$").Groups[1].Value }
    [pscustomobject]@{
        Handshake = $(if (& $field 'handshake') { & $field 'handshake' })
        Read      = [long]('0' + (& $field 'read'))
        Error     = $(if (& $field 'error') { & $field 'error' })
        Elapsed   = [double](& $field 'elapsed')
        Output    = $output
    }
}

function Start-RawTlsClient {
    # Starts a python3 ssl client that completes a TLS 1.2 handshake, writes ESTABLISHED, then reads the raw bytes that
    # arrive under the TLS layer until it has ByteCount of them or TimeoutSec passes, and writes them as hex: a peer
    # process (Start-PeerProcess).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [int] $Port,

        [Parameter(Mandatory)]
        [int] $ByteCount,

        [int] $TimeoutSec = 15
    )

    $script = @'
import socket, ssl, sys, time
port, count, timeout = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
context.maximum_version = ssl.TLSVersion.TLSv1_2
sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
tls = context.wrap_bio(incoming, outgoing, server_hostname="localhost")
while True:
    try:
        tls.do_handshake()
        break
    except ssl.SSLWantReadError:
        sock.sendall(outgoing.read())
        incoming.write(sock.recv(65536))
sock.sendall(outgoing.read())
print("ESTABLISHED", flush=True)
raw, deadline = b"", time.monotonic() + timeout
while len(raw) < count and time.monotonic() < deadline:
    try:
        chunk = sock.recv(count - len(raw))
    except socket.timeout:
        break
    if not chunk:
        break
    raw += chunk
print(raw.hex().upper(), flush=True)
'@

    Start-PeerProcess -Name python3 -ArgumentList '-c', $script, "$Port", "$ByteCount", "$TimeoutSec"
}

function Connect-TlsClient {
    # .NET's SslStream as a client that accepts any certificate and keeps the connection open; reads time out after
    # ReadTimeoutSec. The caller disposes it.
    [CmdletBinding()]
    [OutputType([System.Net.Security.SslStream])]
    param(
        [Parameter(Mandatory)]
        [int] $Port,

        [int] $ReadTimeoutSec = 10
    )

    $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port)
    $ssl = [System.Net.Security.SslStream]::new($tcp.GetStream(), $false, { $true })
    $ssl.AuthenticateAsClient('localhost')
    $ssl.ReadTimeout = $ReadTimeoutSec * 1000
    $ssl
}

function Wait-TcpClose {
    # Reads from a TcpClient until the server closes the connection, for at most TimeoutSec seconds.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [System.Net.Sockets.TcpClient] $Client,

        [int] $TimeoutSec = 15
    )

    $Client.ReceiveTimeout = $TimeoutSec * 1000
    $buffer = [byte[]]::new(4096)
    try {
        while ($Client.GetStream().Read($buffer, 0, $buffer.Length) -gt 0) {
        }
    }
    catch [System.IO.IOException] {
        # Reset by the server, which also closes it, or the time limit passed; the test's own wait decides.
    }
}

function Invoke-Chromium {
    # Runs headless Chromium on Url with a throwaway profile (Option goes before the URL) and returns what
    # Invoke-ExternalTool returns.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Url,

        [string[]] $Option = @()
    )

    $userData = Join-Path ([System.IO.Path]::GetTempPath()) ('tlsserver-chromium-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    try {
        $arguments = @('--headless', '--no-sandbox', '--ignore-certificate-errors', '--disable-background-networking', '--disable-gpu',
            '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-extensions', "--user-data-dir=$userData") + $Option + $Url
        Invoke-ExternalTool -Name chromium -ArgumentList $arguments -TimeoutSec 90
    }
    finally {
        Remove-Item -LiteralPath $userData -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Read-PngImage {
    # Just enough of a PNG file to check a screenshot: its Width, Height and inflated image data (filtered scanlines).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Path
    )

    $bytes = [System.IO.File]::ReadAllBytes($Path)
    [byte[]] $signature = 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A
    if ($bytes.Length -lt 8 -or -not [System.Linq.Enumerable]::SequenceEqual([byte[]]$bytes[0..7], $signature)) {
        throw "$Path is not a PNG file."
    }

    $readInt32 = { param([int] $At) [System.Net.IPAddress]::NetworkToHostOrder([System.BitConverter]::ToInt32($bytes, $At)) }
    $width = 0; $height = 0
    $idat = [System.IO.MemoryStream]::new()
    $offset = 8
    while ($offset + 8 -le $bytes.Length) {
        $length = & $readInt32 $offset
        $type = [System.Text.Encoding]::ASCII.GetString($bytes, $offset + 4, 4)
        if ($type -eq 'IHDR') {
            $width = & $readInt32 ($offset + 8)
            $height = & $readInt32 ($offset + 12)
        }
        elseif ($type -eq 'IDAT') {
            $idat.Write($bytes, $offset + 8, $length)
        }

        $offset += 12 + $length
    }

    $idat.Position = 0
    $inflater = [System.IO.Compression.ZLibStream]::new($idat, [System.IO.Compression.CompressionMode]::Decompress)
    $pixels = [System.IO.MemoryStream]::new()
    try {
        $inflater.CopyTo($pixels)
    }
    finally {
        $inflater.Dispose()
    }

    [pscustomobject]@{ Width = $width; Height = $height; Pixels = $pixels.ToArray() }
}
