# Helpers shared by the TlsServer Pester suites. Every suite imports the built module and this one:
#
#     BeforeAll {
#         Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
#         Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
#     }
#
# Every external program runs with a time limit, so a client that hangs fails its test instead of the run.

function Test-ExternalTool {
    # True when the program (openssl, curl) is on PATH.
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Name
    )

    $null -ne (Get-Command -Name $Name -CommandType Application -ErrorAction SilentlyContinue)
}

function Invoke-ExternalTool {
    # Runs a program, writes InputText to its standard input and closes it, and waits at most TimeoutSec seconds.
    # Returns the exit code and both output streams.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Name,

        [Parameter(Position = 1)]
        [string[]] $ArgumentList = @(),

        [AllowEmptyString()]
        [string] $InputText = '',

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 30
    )

    $command = @(Get-Command -Name $Name -CommandType Application -ErrorAction Stop)[0]
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($command.Source)
    foreach ($argument in $ArgumentList) {
        $startInfo.ArgumentList.Add($argument)
    }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true

    $process = [System.Diagnostics.Process]::Start($startInfo)
    try {
        $standardOutput = $process.StandardOutput.ReadToEndAsync()
        $standardError = $process.StandardError.ReadToEndAsync()
        try {
            $process.StandardInput.Write($InputText)
            $process.StandardInput.Close()
        }
        catch [System.IO.IOException] {
            # The program exited before it read its input; its output says why.
        }

        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill($true)
            throw "'$Name $($ArgumentList -join ' ')' did not exit within $TimeoutSec seconds."
        }

        # Without a timeout this also waits for the output streams to reach their end.
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode       = $process.ExitCode
            StandardOutput = $standardOutput.GetAwaiter().GetResult()
            StandardError  = $standardError.GetAwaiter().GetResult()
        }
    }
    finally {
        $process.Dispose()
    }
}

function Invoke-OpenSsl {
    # Runs the openssl command line to make test material, and throws if it fails.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string[]] $ArgumentList
    )

    $result = Invoke-ExternalTool -Name openssl -ArgumentList $ArgumentList
    if ($result.ExitCode -ne 0) {
        throw "openssl $($ArgumentList -join ' ') failed with exit code $($result.ExitCode): $($result.StandardError)"
    }
}

function New-TestCertificate {
    # Makes a self-signed certificate for localhost (127.0.0.1 and ::1 too), or for DnsName, and its unencrypted PKCS#8
    # key with openssl: <Directory>/<Name>.crt and <Directory>/<Name>.key.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Directory,

        [Parameter(Mandatory)]
        [string] $Name,

        [ValidateSet('Rsa', 'Ecdsa')]
        [string] $KeyType = 'Rsa',

        [string] $DnsName = 'localhost'
    )

    $keyOptions = if ($KeyType -eq 'Rsa') {
        @('-newkey', 'rsa:2048')
    }
    else {
        @('-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256')
    }

    Invoke-OpenSsl -ArgumentList (@('req', '-x509') + $keyOptions + @(
            '-nodes',
            '-keyout', (Join-Path $Directory "$Name.key"),
            '-out', (Join-Path $Directory "$Name.crt"),
            '-days', '2',
            '-subj', "/CN=$DnsName",
            '-addext', $(if ($DnsName -eq 'localhost') { 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1' } else { "subjectAltName=DNS:$DnsName" })
        ))
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

function Invoke-SClient {
    # Connects with openssl s_client -brief, sends InputText, closes at the end of the input and returns what
    # s_client reported: Connected, Protocol (TLSv1.3...), CipherSuite (OpenSSL's name), Group and Output.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [int] $Port,

        [string[]] $Option = @(),

        [AllowEmptyString()]
        [string] $InputText = ''
    )

    $arguments = @('s_client', '-connect', "127.0.0.1:$Port", '-brief') + $Option
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
        ExitCode    = $result.ExitCode
        Connected   = $output -match '(?m)^CONNECTION ESTABLISHED'
        Protocol    = Get-SClientField -Output $output -Name 'Protocol version'
        CipherSuite = Get-SClientField -Output $output -Name 'Ciphersuite'
        Group       = ConvertTo-GroupName $group
        Output      = $output
    }
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

function Stop-TestServer {
    # Stops the servers that are still running and ignores the ones that have already stopped.
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)]
        [AllowNull()]
        [object[]] $Server
    )

    process {
        foreach ($item in $Server) {
            if ($null -ne $item -and "$($item.State)" -notin 'Stopped', 'Faulted') {
                $item | Stop-TlsServer -ErrorAction SilentlyContinue
            }
        }
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

function Start-SClient {
    # Starts openssl s_client -ign_eof in the background, with redirected streams; the caller kills and disposes it.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [int] $Port,

        [string[]] $Option = @()
    )

    $info = [System.Diagnostics.ProcessStartInfo]::new('openssl')
    foreach ($argument in @('s_client', '-connect', "127.0.0.1:$Port", '-ign_eof') + $Option) {
        $info.ArgumentList.Add($argument)
    }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    [System.Diagnostics.Process]::Start($info)
}

# --- hosted-tests migration (m1)

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

function Get-PwshStartInfo {
    # How to start a new pwsh: the one running these tests (under the .NET tool that is dotnet running pwsh.dll), with
    # -NoProfile, plain-text output and all three streams redirected. With -DefaultInterruptSignal it starts through
    # env --default-signal=INT, so Ctrl+C (SIGINT) reaches it even when this process was started with SIGINT ignored.
    [CmdletBinding()]
    [OutputType([System.Diagnostics.ProcessStartInfo])]
    param(
        [string[]] $ArgumentList = @(),

        [switch] $DefaultInterruptSignal
    )

    $pwsh = [Environment]::ProcessPath
    $arguments = [System.Collections.Generic.List[string]]::new()
    if ($DefaultInterruptSignal) {
        # env replaces itself with pwsh, so the process id stays that of pwsh.
        $arguments.Add('--default-signal=INT')
        $arguments.Add($pwsh)
        $pwsh = (Get-Command -Name env -CommandType Application -ErrorAction Stop)[0].Source
    }
    if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -ne 'pwsh') {
        $arguments.Add((Join-Path $PSHOME 'pwsh.dll'))
    }
    $arguments.Add('-NoProfile')
    $arguments.AddRange([string[]] $ArgumentList)

    $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
    foreach ($argument in $arguments) {
        $info.ArgumentList.Add($argument)
    }
    $info.UseShellExecute = $false
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.Environment['NO_COLOR'] = '1'
    $info.Environment['TERM'] = 'dumb'
    $info
}

function Start-PeerProcess {
    # Starts a program beside the test, with its input open and its output collected as it comes (read with
    # Wait-PeerOutput, Wait-PeerExit); the caller ends it with Stop-PeerProcess.
    [CmdletBinding(DefaultParameterSetName = 'File')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'File', Position = 0)]
        [string] $FilePath,

        [Parameter(ParameterSetName = 'File', Position = 1)]
        [string[]] $ArgumentList = @(),

        [Parameter(Mandatory, ParameterSetName = 'StartInfo')]
        [System.Diagnostics.ProcessStartInfo] $StartInfo
    )

    if ($PSCmdlet.ParameterSetName -eq 'File') {
        $StartInfo = [System.Diagnostics.ProcessStartInfo]::new((Get-Command -Name $FilePath -CommandType Application -ErrorAction Stop)[0].Source)
        foreach ($argument in $ArgumentList) {
            $StartInfo.ArgumentList.Add($argument)
        }
        $StartInfo.UseShellExecute = $false
        $StartInfo.RedirectStandardInput = $true
        $StartInfo.RedirectStandardOutput = $true
        $StartInfo.RedirectStandardError = $true
    }

    $process = [System.Diagnostics.Process]::Start($StartInfo)
    $streams = foreach ($reader in $process.StandardOutput, $process.StandardError) {
        $buffer = [char[]]::new(8192)
        [pscustomobject]@{ Reader = $reader; Buffer = $buffer; Text = [System.Text.StringBuilder]::new(); Pending = $reader.ReadAsync($buffer, 0, $buffer.Length) }
    }
    [pscustomobject]@{
        Process = $process
        Id      = $process.Id
        Streams = $streams
        All     = [System.Text.StringBuilder]::new()
    }
}

function Update-PeerOutput {
    # Takes in what the peer has written so far; true while one of its output streams is still open.
    [CmdletBinding()]
    [OutputType([bool])]
    param([Parameter(Mandatory)] [object] $Peer)

    $open = $false
    foreach ($stream in $Peer.Streams) {
        while ($stream.Pending -and $stream.Pending.IsCompleted) {
            $count = if ($stream.Pending.IsCompletedSuccessfully) { $stream.Pending.Result } else { 0 }
            if ($count -le 0) {
                $stream.Pending = $null
                break
            }
            $text = [string]::new($stream.Buffer, 0, $count)
            $null = $stream.Text.Append($text)
            $null = $Peer.All.Append($text)
            $stream.Pending = $stream.Reader.ReadAsync($stream.Buffer, 0, $stream.Buffer.Length)
        }
        if ($stream.Pending) {
            $open = $true
        }
    }
    $open
}

function Get-PeerOutput {
    # What the peer wrote so far: both streams in the order read (default), or only standard output or error.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [object] $Peer,

        [ValidateSet('All', 'StandardOutput', 'StandardError')]
        [string] $Stream = 'All'
    )

    $null = Update-PeerOutput -Peer $Peer
    switch ($Stream) {
        'All' { $Peer.All.ToString() }
        'StandardOutput' { $Peer.Streams[0].Text.ToString() }
        'StandardError' { $Peer.Streams[1].Text.ToString() }
    }
}

function Wait-PeerOutput {
    # Waits, at most TimeoutSec seconds, until the peer's output (or only one stream) matches Pattern, and returns the
    # match; throws with what it wrote if it never does.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Peer,

        [Parameter(Mandatory)] [string] $Pattern,

        [ValidateSet('All', 'StandardOutput', 'StandardError')]
        [string] $Stream = 'All',

        [int] $TimeoutSec = 15
    )

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $open = Update-PeerOutput -Peer $Peer
        $match = [regex]::Match((Get-PeerOutput -Peer $Peer -Stream $Stream), $Pattern, 'Multiline')
        if ($match.Success) {
            return $match
        }
        if (-not $open -or [DateTime]::UtcNow -ge $deadline) {
            throw "'$Pattern' did not appear in $TimeoutSec s; the process wrote: $(Get-PeerOutput -Peer $Peer)"
        }
        $pending = [System.Threading.Tasks.Task[]] @($Peer.Streams.Pending | Where-Object { $_ })
        $null = [System.Threading.Tasks.Task]::WaitAny($pending, 200)
    }
}

function Wait-PeerExit {
    # Waits, at most TimeoutSec seconds, for the peer to exit and for the end of its output; returns its exit code.
    # Throws with what it wrote if it does not exit.
    [CmdletBinding()]
    [OutputType([int])]
    param(
        [Parameter(Mandatory)] [object] $Peer,

        [int] $TimeoutSec = 15
    )

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ((Update-PeerOutput -Peer $Peer) -or -not $Peer.Process.HasExited) {
        if ([DateTime]::UtcNow -ge $deadline) {
            throw "$($Peer.Process.StartInfo.FileName) did not exit in $TimeoutSec s; it wrote: $(Get-PeerOutput -Peer $Peer)"
        }
        $pending = [System.Threading.Tasks.Task[]] @($Peer.Streams.Pending | Where-Object { $_ })
        if ($pending) {
            $null = [System.Threading.Tasks.Task]::WaitAny($pending, 200)
        }
        else {
            $null = $Peer.Process.WaitForExit(200)
        }
    }
    $Peer.Process.WaitForExit()
    $Peer.Process.ExitCode
}

function Send-PeerInput {
    # Writes text to the peer's standard input, which stays open unless -Close.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Peer,

        [AllowEmptyString()]
        [string] $Text = '',

        [switch] $Close
    )

    try {
        $Peer.Process.StandardInput.Write($Text)
        $Peer.Process.StandardInput.Flush()
        if ($Close) {
            $Peer.Process.StandardInput.Close()
        }
    }
    catch [System.IO.IOException] {
        # The peer exited before it read its input; its output says why.
    }
}

function Stop-PeerProcess {
    # Kills the peer (and its children) if it is still running, and releases it.
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)]
        [AllowNull()]
        [object] $Peer
    )

    process {
        if ($null -eq $Peer) {
            return
        }
        try {
            if (-not $Peer.Process.HasExited) {
                $Peer.Process.Kill($true)
                $null = $Peer.Process.WaitForExit(5000)
            }
        }
        catch [System.InvalidOperationException] {
            # already gone
        }
        $Peer.Process.Dispose()
    }
}

function Start-SClientPeer {
    # openssl s_client -ign_eof (it stays connected) as a peer: type into it with Send-PeerInput, read it with
    # Wait-PeerOutput.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [int] $Port,

        [string[]] $Option = @()
    )

    Start-PeerProcess -FilePath openssl -ArgumentList (@('s_client', '-connect', "127.0.0.1:$Port", '-ign_eof') + $Option)
}

function Start-Pwsh {
    # A new pwsh running Command, as a peer; see Get-PwshStartInfo.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Command,

        [switch] $DefaultInterruptSignal
    )

    Start-PeerProcess -StartInfo (Get-PwshStartInfo -ArgumentList '-NonInteractive', '-Command', $Command -DefaultInterruptSignal:$DefaultInterruptSignal)
}

function Invoke-Pwsh {
    # Runs a new pwsh with ArgumentList (after -NoProfile), writes InputText to its standard input and closes it, and
    # waits at most TimeoutSec seconds. Returns the exit code and both output streams.
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)]
        [string[]] $ArgumentList = @(),

        [AllowEmptyString()]
        [string] $InputText = '',

        [int] $TimeoutSec = 60
    )

    $peer = Start-PeerProcess -StartInfo (Get-PwshStartInfo -ArgumentList $ArgumentList)
    try {
        Send-PeerInput -Peer $peer -Text $InputText -Close
        $exitCode = Wait-PeerExit -Peer $peer -TimeoutSec $TimeoutSec
        [pscustomobject]@{
            ExitCode       = $exitCode
            StandardOutput = Get-PeerOutput -Peer $peer -Stream StandardOutput
            StandardError  = Get-PeerOutput -Peer $peer -Stream StandardError
        }
    }
    finally {
        Stop-PeerProcess -Peer $peer
    }
}

function Get-ListeningPort {
    # The TCP ports a process listens on, read from /proc (Linux): for a server in another process that prints no banner.
    [CmdletBinding()]
    [OutputType([int])]
    param([Parameter(Mandatory)] [int] $ProcessId)

    $inodes = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($descriptor in Get-ChildItem -Path "/proc/$ProcessId/fd" -ErrorAction SilentlyContinue) {
        if ("$($descriptor.LinkTarget)" -match '^socket:\[(\d+)\]$') {
            $null = $inodes.Add($Matches[1])
        }
    }

    foreach ($table in '/proc/net/tcp', '/proc/net/tcp6') {
        foreach ($line in Get-Content -Path $table | Select-Object -Skip 1) {
            $fields = -split $line
            # State 0A is LISTEN.
            if ($fields.Count -gt 9 -and $fields[3] -eq '0A' -and $inodes.Contains($fields[9])) {
                [Convert]::ToInt32($fields[1].Split(':')[1], 16)
            }
        }
    }
}

function Wait-ListeningPort {
    # Waits, at most TimeoutSec seconds, until a process listens on exactly one TCP port, and returns it.
    [CmdletBinding()]
    [OutputType([int])]
    param(
        [Parameter(Mandatory)] [int] $ProcessId,

        [int] $TimeoutSec = 60
    )

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $ports = @(Get-ListeningPort -ProcessId $ProcessId)
        if ($ports.Count -eq 1) {
            return $ports[0]
        }
        if ([DateTime]::UtcNow -ge $deadline) {
            throw "Process $ProcessId did not listen on one port within $TimeoutSec s (ports: $($ports -join ', '))."
        }
        Start-Sleep -Milliseconds 100
    }
}

function Invoke-Curl {
    # Fetches a URL with curl (certificate not checked; Option goes before the URL); returns the HTTP status curl saw
    # and the body as text.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Url,

        [string[]] $Option = @()
    )

    $body = [System.IO.Path]::GetTempFileName()
    try {
        $result = Invoke-ExternalTool -Name curl -ArgumentList (@('-sk', '--max-time', '60', '-o', $body, '-w', '%{http_code}') + $Option + $Url) -TimeoutSec 90
        [pscustomobject]@{
            Status = [int]$result.StandardOutput.Trim()
            Body   = [System.IO.File]::ReadAllText($body)
            Error  = $result.StandardError
        }
    }
    finally {
        Remove-Item -LiteralPath $body -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function *
