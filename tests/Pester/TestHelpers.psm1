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

function Get-MarkdownCodeBlock {
    # The fenced code blocks of a markdown file, read with Markdig (ConvertFrom-Markdown's Tokens), each with the
    # "## " Section and "### " Title it is under, its Language (the info string), its Code, its Line (1-based) and
    # Remarks: the text of the paragraphs that follow it up to the next heading.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Path
    )

    $text = (Get-Content -LiteralPath $Path -Raw) -replace "`r`n", "`n"
    $document = (ConvertFrom-Markdown -InputObject $text).Tokens
    $source = { param($Block) $text.Substring($Block.Span.Start, $Block.Span.Length) }
    $section = $null
    $title = $null
    $current = $null
    foreach ($block in $document) {
        if ($block -is [Markdig.Syntax.HeadingBlock]) {
            $current = $null
            $heading = ((& $source $block) -replace '^\s*#+\s*', '').Trim()
            if ($block.Level -eq 2) { $section = $heading; $title = $null }
            elseif ($block.Level -eq 3) { $title = $heading }
        }
        elseif ($block -is [Markdig.Syntax.FencedCodeBlock]) {
            $current = [pscustomobject]@{
                Section  = $section
                Title    = $title
                Language = "$($block.Info)"
                Code     = $block.Lines.ToString()
                Line     = $block.Line + 1
                Remarks  = ''
            }
            $current
        }
        elseif ($null -ne $current -and $block -is [Markdig.Syntax.ParagraphBlock]) {
            $current.Remarks = ($current.Remarks + ' ' + ((& $source $block) -replace '\s+', ' ')).Trim()
        }
    }
}

function Get-FreeTcpPort {
    # A loopback TCP port that was free a moment ago, for code that names a fixed port.
    [CmdletBinding()]
    [OutputType([int])]
    param()

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Invoke-DocumentedCode {
    # Runs code from the documentation as a user pastes it into pwsh: in a fresh runspace, in WorkingDirectory, with
    # the modules in Module imported, for at most TimeoutSec seconds. What it returns: Output (the console's text),
    # Errors (error records, other than the standard error of native programs), Exception (what ended it), TimedOut,
    # Clients (what the clients in other terminals wrote) and Servers (the servers it started, stopped by now).
    #
    # The conventions of the documentation:
    # - "# in another terminal: <command>" is a client run by sh once the code has started a server; its standard
    #   input stays open like a terminal's, and it is ended when the code has finished.
    # - The fixed ports 4433 and 8443 become free ports, in the code and in those commands (engineers share machines).
    # - A "Start-TlsServer ... -Wait" runs until Ctrl+C: once each client's session has ended (the client is ended
    #   when its session is established), the pipeline is stopped as Ctrl+C stops it.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Code,

        [Parameter(Mandatory)]
        [string] $WorkingDirectory,

        [string[]] $Module = @(),

        # Saves the code to this file and runs it with Invoke-Pester: it passes when every test in it passes.
        [string] $PesterFile,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 90
    )

    foreach ($fixedPort in 4433, 8443) {
        $Code = $Code -replace "\b$fixedPort\b", (Get-FreeTcpPort)
    }

    $clientCommands = @([regex]::Matches($Code, '(?m)#\s*in another terminal:\s*(?<command>.+?)\s*$') | ForEach-Object { $_.Groups['command'].Value })
    $foreground = $Code -match '(?m)^[^#\n]*Start-TlsServer\b[^#\n]*-Wait\b'
    $script = $Code
    if ($PesterFile) {
        Set-Content -LiteralPath $PesterFile -Value $Code
        $script = "`$run = Invoke-Pester -Path '$($PesterFile.Replace("'", "''"))' -PassThru -Output Detailed`n" +
            'if ($run.Result -ne ''Passed'' -or $run.PassedCount -eq 0) { throw "Pester: $($run.Result), $($run.PassedCount) passed, $($run.FailedCount) failed" }'
    }

    $serversBefore = @(Get-TlsServer | ForEach-Object Id)
    $newServers = { @(Get-TlsServer | Where-Object { $_.Id -notin $serversBefore }) }

    $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    if ($Module) { $state.ImportPSModule($Module) }
    $runspace = [runspacefactory]::CreateRunspace($state)
    $runspace.Open()
    $runspace.SessionStateProxy.Path.SetLocation($WorkingDirectory) | Out-Null
    $powershell = [powershell]::Create()
    $powershell.Runspace = $runspace
    # As a console shows it: the output formatted, with the information stream (Write-Host, -Wait's lines) in its place.
    $null = $powershell.AddScript(". {`n$script`n} 6>&1").AddCommand('Out-String').AddParameter('Stream').AddParameter('Width', 160)
    $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $clients = [System.Collections.Generic.List[System.Diagnostics.Process]]::new()
    $clientReads = @()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $result = [pscustomobject]@{ Output = ''; Errors = @(); Exception = $null; TimedOut = $false; Clients = @(); Servers = @() }
    try {
        $invocation = $powershell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)

        # The other terminals: each client starts once the code has a server listening.
        if ($clientCommands) {
            while (-not $invocation.IsCompleted -and [DateTime]::UtcNow -lt $deadline -and -not @(& $newServers | Where-Object State -eq 'Running')) {
                Start-Sleep -Milliseconds 100
            }

            if (@(& $newServers)) {
                foreach ($command in $clientCommands) {
                    $info = New-ToolStartInfo -Name sh -ArgumentList '-c', "exec $command"
                    $info.WorkingDirectory = $WorkingDirectory
                    $clients.Add([System.Diagnostics.Process]::Start($info))
                }
            }
        }

        $clientReads = @($clients | ForEach-Object { $_.StandardOutput.ReadToEndAsync(); $_.StandardError.ReadToEndAsync() })
        if ($foreground) {
            # Ctrl+C in the other terminal once the session is established, then Ctrl+C here once every session ended;
            # with no client, Ctrl+C as soon as the server listens.
            $sessions = { @(& $newServers | Get-TlsSession) }
            while (-not $invocation.IsCompleted -and [DateTime]::UtcNow -lt $deadline -and
                (@(& $newServers | Where-Object State -eq 'Running').Count -eq 0 -or
                @(& $sessions).Count -lt $clients.Count -or @(& $sessions | Where-Object State -eq 'Handshaking'))) {
                Start-Sleep -Milliseconds 100
            }
            $clients | Where-Object { -not $_.HasExited } | ForEach-Object { $_.Kill($true) }
            while (-not $invocation.IsCompleted -and [DateTime]::UtcNow -lt $deadline -and @(& $sessions | Where-Object State -in 'Handshaking', 'Established')) {
                Start-Sleep -Milliseconds 100
            }
            if (-not $invocation.IsCompleted -and [DateTime]::UtcNow -lt $deadline) {
                $powershell.Stop()
            }
        }

        $remaining = [Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
        if (-not $invocation.AsyncWaitHandle.WaitOne([int]$remaining)) {
            $result.TimedOut = $true
            $stop = $powershell.BeginStop($null, $null)
            $null = $stop.AsyncWaitHandle.WaitOne(10000)
        }

        try {
            $null = $powershell.EndInvoke($invocation)
        }
        catch {
            $inner = $_.Exception.InnerException
            if (-not ($foreground -and $inner -is [System.Management.Automation.PipelineStoppedException])) {
                $result.Exception = $inner
            }
        }
    }
    finally {
        foreach ($client in $clients) {
            if (-not $client.HasExited) { $client.Kill($true) }
            $null = $client.WaitForExit(10000)
        }
        $result.Clients = @(for ($i = 0; $i -lt $clientReads.Count; $i += 2) {
                $clientReads[$i].GetAwaiter().GetResult() + $clientReads[$i + 1].GetAwaiter().GetResult()
            })
        $clients | ForEach-Object Dispose
        $result.Servers = & $newServers
        $result.Servers | Stop-TestServer
        # Native programs' standard error shows on the console too; here it follows the rest of the output.
        $native = @($powershell.Streams.Error | Where-Object { $_.FullyQualifiedErrorId -in 'NativeCommandError', 'NativeCommandErrorMessage' })
        $result.Output = (@($output | ForEach-Object { "$_" }) + @($native | ForEach-Object { "$_" })) -join [Environment]::NewLine
        $result.Errors = @($powershell.Streams.Error | Where-Object { $_.FullyQualifiedErrorId -notin 'NativeCommandError', 'NativeCommandErrorMessage' })
        $powershell.Dispose()
        $runspace.Dispose()
    }

    $result
}

function Invoke-NewPwsh {
    # Runs a command in a new pwsh (this same one: pwsh.dll under dotnet when run as a .NET tool), with Environment's
    # variables set (a $null value removes one), for at most TimeoutSec seconds; returns ExitCode and Output (both
    # streams).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Command,

        [hashtable] $Environment = @{},

        [string] $WorkingDirectory = $PWD.Path,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 120
    )

    $pwsh = [Environment]::ProcessPath
    $arguments = @(
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -ne 'pwsh') { Join-Path $PSHOME 'pwsh.dll' }
        '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Command))
    )
    $info = New-ToolStartInfo -Name $pwsh -ArgumentList $arguments
    $info.WorkingDirectory = $WorkingDirectory
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $info.Environment.Remove($name) } else { $info.Environment[$name] = $Environment[$name] }
    }

    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $process.StandardInput.Close()
        $standardOutput = $process.StandardOutput.ReadToEndAsync()
        $standardError = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill($true)
            throw "pwsh did not exit within $TimeoutSec seconds."
        }
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = $standardOutput.GetAwaiter().GetResult() + $standardError.GetAwaiter().GetResult()
        }
    }
    finally {
        $process.Dispose()
    }
}

function New-IsolatedHome {
    # Makes a home folder under Path for new pwsh processes and returns the environment that points them at it (for
    # Invoke-NewPwsh): PSResourceGet's repository list and install path follow HOME, PowerShell's CurrentUser module
    # path XDG_DATA_HOME; PSModulePath is not inherited. The user's own settings and modules are never read or changed.
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory)]
        [string] $Path
    )

    $environment = @{
        HOME            = $Path
        XDG_DATA_HOME   = Join-Path $Path '.local/share'
        XDG_CONFIG_HOME = Join-Path $Path '.config'
        XDG_CACHE_HOME  = Join-Path $Path '.cache'
        PSModulePath    = $null
    }
    # .NET reports a special folder that does not exist as '', which PSResourceGet would take as the current folder.
    foreach ($folder in $environment.Values | Where-Object { $_ }) {
        $null = New-Item -ItemType Directory -Path $folder -Force
    }
    $environment
}

Export-ModuleMember -Function *
