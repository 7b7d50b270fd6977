# A new pwsh, run to its end or in the background, and what PowerShell's tab completion offers. Part of
# TestHelpers.psm1.

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

function Invoke-Pwsh {
    # Runs a new pwsh (see Get-PwshCommand) with ArgumentList after -NoProfile, or with -NonInteractive and Command,
    # through Invoke-ExternalTool (Environment, WorkingDirectory, InputText, TimeoutSec). Returns the ExitCode,
    # StandardOutput and StandardError, and Output (both), all without terminal control.
    [CmdletBinding(DefaultParameterSetName = 'ArgumentList')]
    param(
        [Parameter(ParameterSetName = 'ArgumentList', Position = 0)]
        [string[]] $ArgumentList = @(),

        [Parameter(Mandatory, ParameterSetName = 'Command')]
        [string] $Command,

        [AllowEmptyString()]
        [string] $InputText = '',

        [hashtable] $Environment = @{},

        [string] $WorkingDirectory = $PWD.Path,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 120
    )

    if ($PSCmdlet.ParameterSetName -eq 'Command') {
        $ArgumentList = '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Command))
    }

    $pwsh = Get-PwshCommand
    $result = Invoke-ExternalTool -Name $pwsh.Name -ArgumentList ($pwsh.ArgumentList + $ArgumentList) -InputText $InputText `
        -Environment $Environment -WorkingDirectory $WorkingDirectory -TimeoutSec $TimeoutSec
    $standardOutput = Remove-TerminalControl $result.StandardOutput
    $standardError = Remove-TerminalControl $result.StandardError
    [pscustomobject]@{
        ExitCode       = $result.ExitCode
        StandardOutput = $standardOutput
        StandardError  = $standardError
        Output         = $standardOutput + $standardError
    }
}

function Start-Pwsh {
    # A new pwsh -NonInteractive -Command Command as a peer process (Wait-PeerOutput, Stop-PeerProcess); see
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

    Remove-TerminalControl (Get-PeerOutput -Peer $Peer -Stream Output)
}

function New-IsolatedHome {
    # Makes a home folder under Path for new pwsh processes and returns the environment that points them at it (for
    # Invoke-Pwsh): PSResourceGet's repository list and install path follow HOME, PowerShell's CurrentUser module
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
