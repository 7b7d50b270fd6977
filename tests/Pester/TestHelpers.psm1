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
            # A person presses Ctrl+C after seeing the ended sessions: SessionEnded reaches -Wait on the engine's
            # delivery task, and the table waits a moment to size its columns, so wait (at most 10 s) until the console
            # shows more than the banner and has stopped changing.
            $settled = [DateTime]::UtcNow.AddSeconds(10)
            $shown = -1
            while ($clients.Count -gt 0 -and -not $invocation.IsCompleted -and [DateTime]::UtcNow -lt $deadline -and [DateTime]::UtcNow -lt $settled -and
                -not ($output.Count -gt 1 -and $output.Count -eq $shown)) {
                $shown = $output.Count
                Start-Sleep -Milliseconds 500
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

# --- interop-tests migration (m2)

function New-TestCredentialSet {
    # Makes localhost certificates and keys with openssl, in every form the server reads, in Directory: rsa.crt/.key
    # (PKCS#8), rsa-pkcs1.key, rsa-encrypted.key (PKCS#8, AES-256), rsa.pfx, rsa-combined.pem, ec.crt/.key,
    # ec-sec1.key, ec-legacy-encrypted.key, ec.der and ec-key.der. The encrypted files use Password.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Directory,

        [string] $Password = 's3cret pass'
    )

    $null = New-Item -ItemType Directory -Path $Directory -Force
    $p = { param($Name) Join-Path $Directory $Name }
    New-TestCertificate -Directory $Directory -Name rsa -KeyType Rsa
    New-TestCertificate -Directory $Directory -Name ec -KeyType Ecdsa
    Invoke-OpenSsl 'rsa', '-in', (& $p rsa.key), '-traditional', '-out', (& $p rsa-pkcs1.key)
    Invoke-OpenSsl 'ec', '-in', (& $p ec.key), '-out', (& $p ec-sec1.key)
    Invoke-OpenSsl 'pkcs8', '-topk8', '-in', (& $p rsa.key), '-v2', 'aes-256-cbc', '-passout', "pass:$Password", '-out', (& $p rsa-encrypted.key)
    Invoke-OpenSsl 'ec', '-in', (& $p ec.key), '-aes256', '-passout', "pass:$Password", '-out', (& $p ec-legacy-encrypted.key)
    Invoke-OpenSsl 'pkcs12', '-export', '-in', (& $p rsa.crt), '-inkey', (& $p rsa.key), '-passout', "pass:$Password", '-out', (& $p rsa.pfx)
    Invoke-OpenSsl 'x509', '-in', (& $p ec.crt), '-outform', 'DER', '-out', (& $p ec.der)
    Invoke-OpenSsl 'pkey', '-in', (& $p ec.key), '-outform', 'DER', '-out', (& $p ec-key.der)
    Set-Content -LiteralPath (& $p rsa-combined.pem) -NoNewline -Value ((Get-Content -Raw (& $p rsa.crt)) + (Get-Content -Raw (& $p rsa.key)))
}

function New-TestPki {
    # Makes a test PKI in Directory with New-TlsCertificate and New-TlsCrl, as a user would: ca.pem (CN=TlsServer Test
    # Root) with ca.crl, int.pem (an intermediate), other-ca.pem (a root nobody trusts) and client certificates with
    # their keys: good (with an e-mail address), expired, revoked, wrong-eku (ServerAuth only), unknown (signed by
    # other-ca), rsa2048 and issued (signed by the intermediate).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Directory
    )

    $d = $Directory
    $null = New-Item -ItemType Directory -Path $d -Force
    $ca = New-TlsCertificate -Type CA -Subject 'CN=TlsServer Test Root' -Path "$d/ca.pem"
    $int = New-TlsCertificate -Type CA -Subject 'CN=TlsServer Test Issuing' -Signer $ca -PathLength 0 -Path "$d/int.pem"
    $other = New-TlsCertificate -Type CA -Subject 'CN=Unknown Root' -Path "$d/other-ca.pem"
    $null = New-TlsCertificate -Type Client -Subject 'CN=good' -Email good@example.test -Signer $ca -Path "$d/good.pem" -KeyPath "$d/good.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=expired' -Signer $ca -NotAfter ([datetime]::UtcNow.AddDays(-1)) -Path "$d/expired.pem" -KeyPath "$d/expired.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=revoked' -Signer $ca -Revoked -Path "$d/revoked.pem" -KeyPath "$d/revoked.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=server-only' -Signer $ca -ExtendedKeyUsage ServerAuth -Path "$d/wrong-eku.pem" -KeyPath "$d/wrong-eku.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=stranger' -Signer $other -Path "$d/unknown.pem" -KeyPath "$d/unknown.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=rsa2048' -KeyAlgorithm Rsa2048 -Signer $ca -Path "$d/rsa2048.pem" -KeyPath "$d/rsa2048.key"
    $null = New-TlsCertificate -Type Client -Subject 'CN=issued' -Signer $int -Path "$d/issued.pem" -KeyPath "$d/issued.key"
    $null = New-TlsCrl -Signer $ca -Path "$d/ca.crl"
}

function New-OpenSslPolicyPki {
    # Makes, with openssl x509 and openssl ca, a PKI New-TlsCertificate cannot express, in Directory: root.pem;
    # intermediates with certificatePolicies, policyMappings and policyConstraints and a client under each (any, map,
    # req, reqok, each with <name>-chain.pem); cross-leaf, whose chain runs through a cross-certificate of the root to
    # oldroot; crl-good and crl-revoked under the root; and the root's CRLs base.crl, delta.crl (revoking
    # crl-revoked), expired.crl, future.crl, current.crl and badsig.crl (one signature bit flipped).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Directory
    )

    $null = New-Item -ItemType Directory -Path $Directory -Force
    $p = { param($Name) Join-Path $Directory $Name }
    Set-Content -LiteralPath (& $p ext.cnf) -Value @'
[ca_any]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
certificatePolicies=2.5.29.32.0
[ca_map]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
certificatePolicies=1.2.3.1
policyMappings=critical,1.2.3.1:1.2.3.4
[ca_req]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
certificatePolicies=1.2.3.1
policyConstraints=critical,requireExplicitPolicy:0
[ca_plain]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
[leaf_1234]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
certificatePolicies=1.2.3.4
[leaf_1231]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
certificatePolicies=1.2.3.1
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
'@
    Set-Content -LiteralPath (& $p ca.cnf) -Value @"
[ca]
default_ca = root
[root]
database = $(& $p index.txt)
crlnumber = $(& $p crlnumber)
certificate = $(& $p root.pem)
private_key = $(& $p root.key)
default_md = sha256
default_crl_days = 1
[base]
authorityKeyIdentifier = keyid
freshestCRL = URI:http://127.0.0.1/delta.crl
[delta]
authorityKeyIdentifier = keyid
2.5.29.27 = critical,ASN1:INTEGER:1
"@
    Set-Content -LiteralPath (& $p index.txt) -Value '' -NoNewline
    Set-Content -LiteralPath (& $p crlnumber) -Value '01'

    $newKey = { param($Name) Invoke-OpenSsl 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', (& $p "$Name.key") }
    $request = { param($Name, $Subject, $Key) Invoke-OpenSsl 'req', '-new', '-key', (& $p $Key), '-subj', $Subject, '-out', (& $p "$Name.csr") }
    $sign = {
        param($Name, $Request, $Issuer, $Section)
        $serial = '0x' + [Convert]::ToHexString([guid]::NewGuid().ToByteArray()[0..7])
        Invoke-OpenSsl 'x509', '-req', '-in', (& $p "$Request.csr"), '-CA', (& $p "$Issuer.pem"), '-CAkey', (& $p "$Issuer.key"),
            '-set_serial', $serial, '-days', '2', '-extfile', (& $p ext.cnf), '-extensions', $Section, '-out', (& $p "$Name.pem")
    }
    $issue = { param($Name, $Subject, $Issuer, $Section) & $newKey $Name; & $request $Name $Subject "$Name.key"; & $sign $Name $Name $Issuer $Section }
    $selfSigned = {
        param($Name, $Subject)
        & $newKey $Name
        Invoke-OpenSsl 'req', '-x509', '-new', '-key', (& $p "$Name.key"), '-subj', $Subject, '-days', '2', '-out', (& $p "$Name.pem"),
            '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'
    }
    $ca = { param([string[]] $Arguments) Invoke-OpenSsl (@('ca', '-config', (& $p ca.cnf), '-batch') + $Arguments) }
    $time = { param([datetime] $At) $At.ToString('yyyyMMddHHmmss', [cultureinfo]::InvariantCulture) + 'Z' }

    & $selfSigned root '/CN=OpenSsl Policy Root'
    & $selfSigned oldroot '/CN=OpenSsl Old Root'
    foreach ($client in @(
            @{ Name = 'any'; Section = 'ca_any'; Leaf = 'leaf_1234' }, @{ Name = 'map'; Section = 'ca_map'; Leaf = 'leaf_1234' },
            @{ Name = 'req'; Section = 'ca_req'; Leaf = 'leaf_1234' }, @{ Name = 'reqok'; Section = 'ca_req'; Leaf = 'leaf_1231' })) {
        $intermediate = "int-$($client.Section)"
        if (-not (Test-Path -LiteralPath (& $p "$intermediate.pem"))) {
            & $issue $intermediate "/CN=OpenSsl $($client.Section)" root $client.Section
        }

        & $issue $client.Name "/CN=$($client.Name)" $intermediate $client.Leaf
        Copy-Item -LiteralPath (& $p "$intermediate.pem") -Destination (& $p "$($client.Name)-chain.pem")
    }

    # The root's subject and key, certified by a root nobody trusts: a chain builder that looked at the client's
    # certificates first would end at oldroot.
    & $request root-again '/CN=OpenSsl Policy Root' root.key
    & $sign cross root-again oldroot ca_plain
    & $issue cross-leaf '/CN=cross-leaf' int-ca_any leaf
    Set-Content -LiteralPath (& $p cross-leaf-chain.pem) -NoNewline -Value ((Get-Content -Raw (& $p int-ca_any.pem)) + (Get-Content -Raw (& $p cross.pem)) + (Get-Content -Raw (& $p oldroot.pem)))

    & $issue crl-good '/CN=crl-good' root leaf
    & $issue crl-revoked '/CN=crl-revoked' root leaf
    $now = [datetime]::UtcNow
    & $ca '-gencrl', '-crlexts', 'base', '-out', (& $p base.crl)
    & $ca '-revoke', (& $p crl-revoked.pem)
    # Older than the base, so OpenSSL without use_deltas does not take it for a complete CRL.
    & $ca '-gencrl', '-crlexts', 'delta', '-crl_lastupdate', (& $time $now.AddHours(-2)), '-out', (& $p delta.crl)
    & $ca '-gencrl', '-crl_lastupdate', (& $time $now.AddDays(-2)), '-crl_nextupdate', (& $time $now.AddDays(-1)), '-out', (& $p expired.crl)
    & $ca '-gencrl', '-crl_lastupdate', (& $time $now.AddDays(1)), '-crl_nextupdate', (& $time $now.AddDays(2)), '-out', (& $p future.crl)
    & $ca '-gencrl', '-out', (& $p current.crl)
    Set-Content -LiteralPath (& $p badsig.crl) -Value (ConvertTo-FlippedPem -Path (& $p current.crl) -Label 'X509 CRL')
}

function ConvertTo-FlippedPem {
    # The PEM object in Path with the last bit of its DER flipped (the end of its signature), under the given label.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string] $Path,

        [Parameter(Mandatory)]
        [string] $Label
    )

    $der = [Convert]::FromBase64String(((Get-Content -Raw -LiteralPath $Path) -replace '-----[^-]+-----|\s', ''))
    $der[-1] = $der[-1] -bxor 1
    "-----BEGIN $Label-----`n" + [Convert]::ToBase64String($der, [Base64FormattingOptions]::InsertLineBreaks) + "`n-----END $Label-----`n"
}

function Get-OpenSslVerifyCode {
    # openssl verify's verdict on a client of New-OpenSslPolicyPki, trusting root.pem only: its first error code, 0 for
    # OK. Flags are openssl verify's; the file after each -CRLfile is a name in the PKI's Directory.
    [CmdletBinding()]
    [OutputType([int])]
    param(
        [Parameter(Mandatory)]
        [string] $Directory,

        [Parameter(Mandatory)]
        [string] $Client,

        [string[]] $Flag = @()
    )

    $arguments = @('verify', '-CAfile', (Join-Path $Directory root.pem))
    $chain = Join-Path $Directory "$Client-chain.pem"
    if (Test-Path -LiteralPath $chain) { $arguments += '-untrusted', $chain }
    for ($i = 0; $i -lt $Flag.Count; $i++) {
        $arguments += if ($i -gt 0 -and $Flag[$i - 1] -eq '-CRLfile') { Join-Path $Directory $Flag[$i] } else { $Flag[$i] }
    }
    $arguments += Join-Path $Directory "$Client.pem"

    $result = Invoke-ExternalTool -Name openssl -ArgumentList $arguments
    $output = $result.StandardOutput + $result.StandardError
    $match = [regex]::Match($output, 'error (\d+) at \d+ depth lookup')
    if ($match.Success) { return [int]$match.Groups[1].Value }
    if ($result.ExitCode -eq 0 -and $output.Contains(': OK')) { return 0 }
    throw "openssl verify gave no verdict: $output"
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

function Start-PeerProcess {
    # Starts a peer program (openssl s_client, ...) like Start-BackgroundTool, but keeps what it writes as bytes
    # (binary and CR exact) and reads without blocking; Wait-PeerOutput, Wait-PeerExit and Get-PeerOutput look at
    # it, Send-PeerInput types into it, and Stop-BackgroundTool ends it.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Name,

        [Parameter(Position = 1)]
        [string[]] $ArgumentList = @()
    )

    $process = [System.Diagnostics.Process]::Start((New-ToolStartInfo -Name $Name -ArgumentList $ArgumentList))
    $reader = {
        param([System.IO.Stream] $Stream)
        $buffer = [byte[]]::new(65536)
        @{ Stream = $Stream; Buffer = $buffer; Pending = $Stream.ReadAsync($buffer, 0, $buffer.Length); Data = [System.IO.MemoryStream]::new(); Ended = $false }
    }
    [pscustomobject]@{
        Process = $process
        Output  = & $reader $process.StandardOutput.BaseStream
        Error   = & $reader $process.StandardError.BaseStream
    }
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

function Update-PeerOutput {
    # Moves what a peer process wrote since the last look into its buffers, without waiting.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [object] $Peer
    )

    foreach ($stream in $Peer.Output, $Peer.Error) {
        while (-not $stream.Ended -and $stream.Pending.IsCompleted) {
            $count = if ($stream.Pending.IsCompletedSuccessfully) { $stream.Pending.Result } else { 0 }
            if ($count -le 0) {
                $stream.Ended = $true
                break
            }

            $stream.Data.Write($stream.Buffer, 0, $count)
            $stream.Pending = $stream.Stream.ReadAsync($stream.Buffer, 0, $stream.Buffer.Length)
        }
    }
}

function Get-PeerOutput {
    # What a peer process has written so far: standard output and standard error as one string, or with
    # -AsByteStream the bytes of standard output alone.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [object] $Peer,

        [switch] $AsByteStream
    )

    Update-PeerOutput -Peer $Peer
    if ($AsByteStream) {
        return , $Peer.Output.Data.ToArray()
    }

    [System.Text.Encoding]::UTF8.GetString($Peer.Output.Data.ToArray()) + [System.Text.Encoding]::UTF8.GetString($Peer.Error.Data.ToArray())
}

function Send-PeerInput {
    # Writes text to a peer process's standard input, which stays open.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [object] $Peer,

        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string] $Text
    )

    $Peer.Process.StandardInput.Write($Text)
    $Peer.Process.StandardInput.Flush()
}

function Wait-PeerOutput {
    # Waits at most TimeoutSec seconds until a peer process's output contains Text, or until its standard output
    # holds at least ByteCount bytes; throws with the output so far if it does not.
    [CmdletBinding(DefaultParameterSetName = 'Text')]
    param(
        [Parameter(Mandatory)]
        [object] $Peer,

        [Parameter(Mandatory, ParameterSetName = 'Text', Position = 0)]
        [string] $Text,

        [Parameter(Mandatory, ParameterSetName = 'Count')]
        [int] $ByteCount,

        [int] $TimeoutSec = 15
    )

    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $ended = $Peer.Process.HasExited -and $Peer.Output.Ended -and $Peer.Error.Ended
        $found = if ($PSCmdlet.ParameterSetName -eq 'Text') {
            (Get-PeerOutput -Peer $Peer).Contains($Text)
        }
        else {
            Update-PeerOutput -Peer $Peer
            $Peer.Output.Data.Length -ge $ByteCount
        }

        if ($found) { return }
        if ($ended -or [datetime]::UtcNow -gt $deadline) {
            $what = if ($PSCmdlet.ParameterSetName -eq 'Text') { "'$Text'" } else { "$ByteCount bytes" }
            throw "$what did not come from $($Peer.Process.StartInfo.FileName); it wrote: $(Get-PeerOutput -Peer $Peer)"
        }

        Start-Sleep -Milliseconds 50
    }
}

function Wait-PeerExit {
    # Waits at most TimeoutSec seconds for a peer process to exit and its output to reach its end; returns whether
    # it did.
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)]
        [object] $Peer,

        [int] $TimeoutSec = 15
    )

    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        Update-PeerOutput -Peer $Peer
        if ($Peer.Process.HasExited -and $Peer.Output.Ended -and $Peer.Error.Ended) { return $true }
        if ([datetime]::UtcNow -gt $deadline) { return $false }
        Start-Sleep -Milliseconds 50
    }
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

function Get-CompletionText {
    # The completions PowerShell offers at the end of Line, as tab completion shows them.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string] $Line
    )

    (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
}

function New-HostileRoot {
    # Makes the document root of TestData/hostile-paths/README.md in Directory: root/ beside outside/ (whose files hold
    # the canary text that no response may contain), with links that leave the root and links that stay inside.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Directory
    )

    $outside = Join-Path $Directory outside
    $root = Join-Path $Directory root
    $null = New-Item -ItemType Directory -Path $outside, (Join-Path $root sub) -Force
    Set-Content -LiteralPath (Join-Path $outside secret.txt) -Value (Get-HostileCanary) -NoNewline
    Set-Content -LiteralPath (Join-Path $outside index.html) -Value (Get-HostileCanary) -NoNewline
    Set-Content -LiteralPath (Join-Path $root index.html) -Value '<h1>root</h1>' -NoNewline
    # A complete HTTP response, so it serves under -WwwRoot and -HttpRoot alike.
    Set-Content -LiteralPath (Join-Path $root public.txt) -NoNewline -Value "HTTP/1.1 200 OK`r`nContent-Type: text/plain`r`nContent-Length: 6`r`nConnection: close`r`n`r`npublic"
    Set-Content -LiteralPath (Join-Path $root sub/page.html) -Value '<p>page</p>' -NoNewline
    foreach ($link in @(
            @('sub/up', '..'), @('inside-link.txt', 'public.txt'), @('link-out', '../outside'), @('secret-link.txt', '../outside/secret.txt'),
            @('abs-link', $outside), @('etc-link', '/etc'), @('tricky', 'sub/up/../outside'), @('loop-a', 'loop-b'), @('loop-b', 'loop-a'))) {
        [System.IO.File]::CreateSymbolicLink((Join-Path $root $link[0]), $link[1]) | Out-Null
    }
}

function Get-HostileCanary {
    # The text of the files outside a hostile root.
    'CANARY-outside-the-root'
}

function Get-HostilePath {
    # Every request target of TestData/hostile-paths/*.txt with the status it must get and the file it came from.
    [CmdletBinding()]
    param()

    foreach ($file in Get-ChildItem -Path (Join-Path $PSScriptRoot TestData hostile-paths) -Filter '*.txt' | Sort-Object Name) {
        foreach ($line in Get-Content -LiteralPath $file.FullName) {
            if ($line.Length -gt 0 -and -not $line.StartsWith('#')) {
                [pscustomobject]@{ File = $file.Name; Status = [int]$line.Substring(0, 3); Target = $line.Substring(4) }
            }
        }
    }
}

function Test-HostilePath {
    # Sends each hostile request target to the server with curl exactly as written and returns a line for every
    # answer that is wrong: another status than expected, or the canary in the body.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [int] $Port
    )

    foreach ($path in Get-HostilePath) {
        $response = Invoke-CurlRequest -Url "https://127.0.0.1:$Port/" -Option '--path-as-is', '--request-target', $path.Target
        if ($response.Status -ne $path.Status -or $response.Text.Contains((Get-HostileCanary))) {
            "$($path.File): $($path.Target) -> $($response.Status) (expected $($path.Status)): $($response.Text.Trim()) $($response.StandardError.Trim())"
        }
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

Export-ModuleMember -Function *

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

function Get-PwshCommand {
    # The program and leading arguments that start a new pwsh: the one running these tests (under the .NET tool,
    # dotnet running pwsh.dll), with -NoProfile. With -DefaultInterruptSignal it goes through env --default-signal=INT
    # (Linux), so that Ctrl+C (SIGINT) reaches pwsh even when this process was started with SIGINT ignored; env
    # replaces itself with pwsh, so the process id is that of pwsh.
    [CmdletBinding()]
    param([switch] $DefaultInterruptSignal)

    $pwsh = [Environment]::ProcessPath
    $arguments = @(
        if ($DefaultInterruptSignal) { '--default-signal=INT'; $pwsh }
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -ne 'pwsh') { Join-Path $PSHOME 'pwsh.dll' }
        '-NoProfile'
    )
    [pscustomobject]@{
        Name         = if ($DefaultInterruptSignal) { 'env' } else { $pwsh }
        ArgumentList = [string[]] $arguments
    }
}

function Remove-TerminalControl {
    # Text without the ANSI escape sequences (colours, keypad mode) that pwsh writes even to a redirected stream.
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory, Position = 0)] [AllowEmptyString()] [string] $Text)

    $Text -replace '\x1b\[[0-9;?]*[A-Za-z]', ''
}

function Start-Pwsh {
    # A new pwsh -NonInteractive -Command Command as a peer process (Wait-PeerOutput, Stop-BackgroundTool); see
    # Get-PwshCommand.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Command,

        [switch] $DefaultInterruptSignal
    )

    $pwsh = Get-PwshCommand -DefaultInterruptSignal:$DefaultInterruptSignal
    Start-PeerProcess -Name $pwsh.Name -ArgumentList ($pwsh.ArgumentList + @('-NonInteractive', '-Command', $Command))
}

function Get-PwshStandardOutput {
    # What a pwsh peer wrote to standard output so far, without terminal control sequences.
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $Peer)

    Remove-TerminalControl ([System.Text.Encoding]::UTF8.GetString((Get-PeerOutput -Peer $Peer -AsByteStream)))
}

function Invoke-Pwsh {
    # Runs a new pwsh with ArgumentList (after -NoProfile), writes InputText to its standard input and closes it, and
    # waits at most TimeoutSec seconds. Returns the exit code and both output streams, without terminal control.
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)]
        [string[]] $ArgumentList = @(),

        [AllowEmptyString()]
        [string] $InputText = '',

        [int] $TimeoutSec = 60
    )

    $pwsh = Get-PwshCommand
    $peer = Start-PeerProcess -Name $pwsh.Name -ArgumentList ($pwsh.ArgumentList + $ArgumentList)
    try {
        try {
            $peer.Process.StandardInput.Write($InputText)
            $peer.Process.StandardInput.Close()
        }
        catch [System.IO.IOException] {
            # pwsh exited before it read its input; its output says why.
        }

        if (-not (Wait-PeerExit -Peer $peer -TimeoutSec $TimeoutSec)) {
            throw "pwsh $($ArgumentList -join ' ') did not exit within $TimeoutSec s; it wrote: $(Get-PeerOutput -Peer $peer)"
        }

        # Get-PeerOutput is standard output, then standard error.
        $standardOutput = [System.Text.Encoding]::UTF8.GetString((Get-PeerOutput -Peer $peer -AsByteStream))
        [pscustomobject]@{
            ExitCode       = $peer.Process.ExitCode
            StandardOutput = Remove-TerminalControl $standardOutput
            StandardError  = Remove-TerminalControl (Get-PeerOutput -Peer $peer).Substring($standardOutput.Length)
        }
    }
    finally {
        $peer | Stop-BackgroundTool
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

function Start-RawTlsClient {
    # Starts a python3 ssl client that completes a TLS 1.2 handshake, writes ESTABLISHED, then reads the raw bytes that
    # arrive under the TLS layer until it has ByteCount of them or TimeoutSec passes, and writes them as hex. The caller
    # waits for it to exit, reads StandardOutput and disposes it.
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

    $info = [System.Diagnostics.ProcessStartInfo]::new('python3')
    foreach ($argument in @('-c', $script, "$Port", "$ByteCount", "$TimeoutSec")) {
        $info.ArgumentList.Add($argument)
    }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    [System.Diagnostics.Process]::Start($info)
}

Export-ModuleMember -Function *

# --- faults (issue 17)

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

Export-ModuleMember -Function *
