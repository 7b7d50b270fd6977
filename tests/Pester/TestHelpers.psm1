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

    $process = [System.Diagnostics.Process]::Start((New-ToolStartInfo -Name $Name -ArgumentList $ArgumentList))
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
    # Makes a self-signed certificate for localhost and its unencrypted PKCS#8 key with openssl:
    # <Directory>/<Name>.crt and <Directory>/<Name>.key.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Directory,

        [Parameter(Mandatory)]
        [string] $Name,

        [ValidateSet('Rsa', 'Ecdsa')]
        [string] $KeyType = 'Rsa'
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
            '-subj', '/CN=localhost',
            '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1'
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

# --- negotiation-tests migration (m3)

function Wait-EndedTlsSession {
    # Waits (bounded; a timeout throws) until Count sessions with an Id above After have ended, and returns every
    # session above After, oldest first. After is the server's last session Id before the client ran (0 for a new
    # server), so tests can share a server and still check that their client made exactly one session.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [object] $Server,

        [long] $After = 0,

        [ValidateRange(1, 1000)]
        [int] $Count = 1,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 10
    )

    $endedBefore = @(Get-TlsSession -Server $Server | Where-Object { $_.Id -le $After -and "$($_.State)" -in 'Closed', 'Failed' }).Count
    $null = Wait-TlsSession -Server $Server -State Closed -Count ($endedBefore + $Count) -TimeoutSec $TimeoutSec -ErrorAction Stop
    @(Get-TlsSession -Server $Server | Where-Object { $_.Id -gt $After } | Sort-Object -Property Id)
}

function Wait-OneEndedTlsSession {
    # Waits (bounded) for the one session a client opened after session After to end, and returns it; fails the test
    # unless exactly one session is new.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [object] $Server,

        [long] $After = 0
    )

    $sessions = Wait-EndedTlsSession $Server -After $After
    $sessions | Should -HaveCount 1 -Because ($sessions | ForEach-Object { "session $($_.Id): $($_.State) $($_.Error) $($_.Alert)" })
    $sessions[0]
}

function Get-LastTlsSessionId {
    # The Id of the server's newest session, or 0: the After of Wait-EndedTlsSession.
    [CmdletBinding()]
    [OutputType([long])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [object] $Server
    )

    [long](@(Get-TlsSession -Server $Server | ForEach-Object Id) + 0 | Measure-Object -Maximum).Maximum
}

function New-TestCertificateAuthority {
    # Makes a self-signed P-256 CA with openssl: <Directory>/<Name>.crt and <Directory>/<Name>.key.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Directory,

        [Parameter(Mandatory)]
        [string] $Name,

        [Parameter(Mandatory)]
        [string] $Subject
    )

    Invoke-OpenSsl -ArgumentList @(
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
        '-keyout', (Join-Path $Directory "$Name.key"), '-out', (Join-Path $Directory "$Name.crt"), '-days', '2',
        '-subj', $Subject, '-addext', 'basicConstraints=critical,CA:true',
        '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature')
}

function New-TestIssuedCertificate {
    # Makes a localhost server certificate signed by the CA <Directory>/<Issuer>.crt with openssl: <Name>.crt, its
    # unencrypted key <Name>.key, and <Name>-chain.pem (the certificate, then the CA's). OcspUrl adds an AIA that
    # names an OCSP responder.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Directory,

        [Parameter(Mandatory)]
        [string] $Name,

        [Parameter(Mandatory)]
        [string] $Issuer,

        [ValidateSet('Rsa', 'Ecdsa')]
        [string] $KeyType = 'Rsa',

        [ValidatePattern('^[0-9A-Fa-f]+$')]
        [string] $Serial,

        [string] $OcspUrl
    )

    $path = { param([string] $File) Join-Path $Directory $File }
    $keyOptions = if ($KeyType -eq 'Rsa') { @('-newkey', 'rsa:2048') } else { @('-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256') }
    Invoke-OpenSsl -ArgumentList (@('req', '-new') + $keyOptions + @(
            '-nodes', '-keyout', (& $path "$Name.key"), '-out', (& $path "$Name.csr"), '-subj', '/CN=localhost'))

    $extensions = @('subjectAltName=DNS:localhost,IP:127.0.0.1')
    if ($OcspUrl) { $extensions += "authorityInfoAccess=OCSP;URI:$OcspUrl" }
    Set-Content -LiteralPath (& $path "$Name.ext") -Value $extensions

    $serialOptions = if ($Serial) { @('-set_serial', "0x$Serial") } else { @('-CAcreateserial') }
    Invoke-OpenSsl -ArgumentList (@(
            'x509', '-req', '-in', (& $path "$Name.csr"), '-CA', (& $path "$Issuer.crt"), '-CAkey', (& $path "$Issuer.key"),
            '-days', '2', '-extfile', (& $path "$Name.ext"), '-out', (& $path "$Name.crt")) + $serialOptions)
    Set-Content -LiteralPath (& $path "$Name-chain.pem") -NoNewline -Value (
        (Get-Content -LiteralPath (& $path "$Name.crt") -Raw) + (Get-Content -LiteralPath (& $path "$Issuer.crt") -Raw))
}

function New-ToolStartInfo {
    # How the helpers start a program on PATH: no shell, arguments one by one, all three streams redirected.
    [CmdletBinding()]
    [OutputType([System.Diagnostics.ProcessStartInfo])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Name,

        [Parameter(Position = 1)]
        [string[]] $ArgumentList = @()
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
    $startInfo
}

function Start-BackgroundTool {
    # Starts a program (an OCSP responder, an s_client to type into) with all three streams redirected; read what it
    # writes with Wait-BackgroundToolOutput, type with .Process.StandardInput, and end it with Stop-BackgroundTool.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Name,

        [Parameter(Position = 1)]
        [string[]] $ArgumentList = @()
    )

    $process = [System.Diagnostics.Process]::Start((New-ToolStartInfo -Name $Name -ArgumentList $ArgumentList))
    [pscustomobject]@{
        Process = $process
        Output  = [System.Text.StringBuilder]::new()
        Readers = @($process.StandardOutput, $process.StandardError)
        Reads   = @($process.StandardOutput.ReadLineAsync(), $process.StandardError.ReadLineAsync())
    }
}

function Wait-BackgroundToolOutput {
    # Waits at most TimeoutSec seconds until what the program has written (both streams, line by line) matches the
    # multi-line Pattern, and returns the match; throws with the output if it never does or the program ends first.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [object] $Tool,

        [Parameter(Mandatory, Position = 1)]
        [string] $Pattern,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 15
    )

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        for ($i = 0; $i -lt $Tool.Reads.Count; $i++) {
            while ($null -ne $Tool.Reads[$i] -and $Tool.Reads[$i].IsCompleted) {
                $line = $Tool.Reads[$i].GetAwaiter().GetResult()
                if ($null -eq $line) {
                    $Tool.Reads[$i] = $null
                }
                else {
                    $null = $Tool.Output.AppendLine($line)
                    $Tool.Reads[$i] = $Tool.Readers[$i].ReadLineAsync()
                }
            }
        }

        $match = [regex]::Match($Tool.Output.ToString(), $Pattern, [System.Text.RegularExpressions.RegexOptions]::Multiline)
        if ($match.Success) {
            return $match
        }

        $pending = [System.Threading.Tasks.Task[]]@($Tool.Reads | Where-Object { $null -ne $_ })
        $left = ($deadline - [DateTime]::UtcNow).TotalMilliseconds
        if ($pending.Count -eq 0 -or $left -le 0) {
            throw "'$Pattern' did not appear in what $($Tool.Process.StartInfo.FileName) wrote: $($Tool.Output)"
        }

        $null = [System.Threading.Tasks.Task]::WaitAny($pending, [int][Math]::Min(200, $left))
    }
}

function Stop-BackgroundTool {
    # Kills a program from Start-BackgroundTool if it still runs, and only that one, then releases it.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [AllowNull()]
        [object] $Tool
    )

    process {
        if ($null -eq $Tool) {
            return
        }

        if (-not $Tool.Process.HasExited) {
            $Tool.Process.Kill($true)
            $null = $Tool.Process.WaitForExit(5000)
        }
        $Tool.Process.Dispose()
    }
}

Export-ModuleMember -Function *
