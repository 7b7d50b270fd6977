# The documentation's code: its fenced blocks, and a runner that runs them as a user pastes them. Part of
# TestHelpers.psm1.

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
    $clients = [System.Collections.Generic.List[object]]::new()
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
                    $clients.Add((Start-PeerProcess -Name sh -ArgumentList '-c', "exec $command" -WorkingDirectory $WorkingDirectory))
                }
            }
        }

        if ($foreground) {
            # Ctrl+C in the other terminal once the session is established, then Ctrl+C here once every session ended;
            # with no client, Ctrl+C as soon as the server listens.
            $sessions = { @(& $newServers | Get-TlsSession) }
            while (-not $invocation.IsCompleted -and [DateTime]::UtcNow -lt $deadline -and
                (@(& $newServers | Where-Object State -eq 'Running').Count -eq 0 -or
                @(& $sessions).Count -lt $clients.Count -or @(& $sessions | Where-Object State -eq 'Handshaking'))) {
                Start-Sleep -Milliseconds 100
            }
            $clients | Where-Object { -not $_.Process.HasExited } | ForEach-Object { $_.Process.Kill($true) }
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
            if (-not $client.Process.HasExited) { $client.Process.Kill($true) }
            $null = Wait-PeerExit -Peer $client -TimeoutSec 10
        }
        $result.Clients = @($clients | ForEach-Object { Get-PeerOutput -Peer $_ })
        $clients | Stop-PeerProcess
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

function Assert-DocumentedCodeRan {
    # Fails the test unless the code Invoke-DocumentedCode ran finished in time, without an exception or an error record.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [object] $Run,

        [string] $Because = $Run.Output
    )

    $Run.TimedOut | Should -BeFalse -Because $Because
    $Run.Exception | Should -BeNullOrEmpty -Because $Because
    $Run.Errors | Should -BeNullOrEmpty -Because $Because
}
