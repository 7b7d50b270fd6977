# Running a program on PATH with a time limit: to its end (Invoke-ExternalTool), or as a peer process to type into and
# read from (Start-PeerProcess ... Stop-PeerProcess). Part of TestHelpers.psm1.

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

function New-ToolStartInfo {
    # How the helpers start a program on PATH: no shell, arguments one by one, all three streams redirected; with
    # Environment's variables set (a $null value removes one) and in WorkingDirectory when given.
    [CmdletBinding()]
    [OutputType([System.Diagnostics.ProcessStartInfo])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Name,

        [Parameter(Position = 1)]
        [string[]] $ArgumentList = @(),

        [hashtable] $Environment = @{},

        [string] $WorkingDirectory
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
    foreach ($variable in $Environment.Keys) {
        if ($null -eq $Environment[$variable]) { $null = $startInfo.Environment.Remove($variable) } else { $startInfo.Environment[$variable] = $Environment[$variable] }
    }
    if ($WorkingDirectory) {
        $startInfo.WorkingDirectory = $WorkingDirectory
    }
    $startInfo
}

function Invoke-ExternalTool {
    # Runs a program as a peer process (Start-PeerProcess: Environment, WorkingDirectory), writes InputText to its
    # standard input and closes it, and waits at most TimeoutSec seconds for it to end. Returns the exit code and both
    # output streams.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Name,

        [Parameter(Position = 1)]
        [string[]] $ArgumentList = @(),

        [AllowEmptyString()]
        [string] $InputText = '',

        [hashtable] $Environment = @{},

        [string] $WorkingDirectory,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 30
    )

    $peer = Start-PeerProcess -Name $Name -ArgumentList $ArgumentList -Environment $Environment -WorkingDirectory $WorkingDirectory
    try {
        try {
            $peer.Process.StandardInput.Write($InputText)
            $peer.Process.StandardInput.Close()
        }
        catch [System.IO.IOException] {
            # The program exited before it read its input; its output says why.
        }

        if (-not (Wait-PeerExit -Peer $peer -TimeoutSec $TimeoutSec)) {
            throw "'$Name $($ArgumentList -join ' ')' did not exit within $TimeoutSec seconds; it wrote: $(Get-PeerOutput -Peer $peer)"
        }

        [pscustomobject]@{
            ExitCode       = $peer.Process.ExitCode
            StandardOutput = Get-PeerOutput -Peer $peer -Stream Output
            StandardError  = Get-PeerOutput -Peer $peer -Stream Error
        }
    }
    finally {
        $peer | Stop-PeerProcess
    }
}

function Start-PeerProcess {
    # Starts a program (openssl s_client or ocsp, python3, pwsh...) in the background, with New-ToolStartInfo's
    # Environment and WorkingDirectory, and keeps what it writes as bytes (binary and CR exact), read without blocking:
    # Wait-PeerOutput, Wait-PeerExit and Get-PeerOutput look at it, Send-PeerInput types into it (its standard input
    # stays open), and Stop-PeerProcess ends it.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Name,

        [Parameter(Position = 1)]
        [string[]] $ArgumentList = @(),

        [hashtable] $Environment = @{},

        [string] $WorkingDirectory
    )

    $process = [System.Diagnostics.Process]::Start((New-ToolStartInfo -Name $Name -ArgumentList $ArgumentList -Environment $Environment -WorkingDirectory $WorkingDirectory))
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
    # What a peer process has written so far as text: standard output then standard error, or one of them with
    # -Stream; or with -AsByteStream the bytes of standard output alone.
    [CmdletBinding(DefaultParameterSetName = 'Text')]
    param(
        [Parameter(Mandatory)]
        [object] $Peer,

        [Parameter(ParameterSetName = 'Text')]
        [ValidateSet('All', 'Output', 'Error')]
        [string] $Stream = 'All',

        [Parameter(Mandatory, ParameterSetName = 'Bytes')]
        [switch] $AsByteStream
    )

    Update-PeerOutput -Peer $Peer
    if ($AsByteStream) {
        return , $Peer.Output.Data.ToArray()
    }

    $text = { param($Data) [System.Text.Encoding]::UTF8.GetString($Data.ToArray()) }
    switch ($Stream) {
        'Output' { & $text $Peer.Output.Data }
        'Error' { & $text $Peer.Error.Data }
        default { (& $text $Peer.Output.Data) + (& $text $Peer.Error.Data) }
    }
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

function Wait-PeerActivity {
    # Waits at most Milliseconds for a peer process to write more or to exit, whichever comes first.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [object] $Peer,

        [int] $Milliseconds = 50
    )

    $reads = [System.Threading.Tasks.Task[]]@(@($Peer.Output, $Peer.Error) | Where-Object { -not $_.Ended } | ForEach-Object { $_.Pending })
    if ($reads.Count -gt 0) { $null = [System.Threading.Tasks.Task]::WaitAny($reads, $Milliseconds) } else { $null = $Peer.Process.WaitForExit($Milliseconds) }
}

function Wait-PeerOutput {
    # Waits at most TimeoutSec seconds until a peer process's output (Get-PeerOutput) contains Text, or matches the
    # multi-line regular expression Pattern (returns the match), or until its standard output holds at least ByteCount
    # bytes; throws with the output so far if it does not.
    [CmdletBinding(DefaultParameterSetName = 'Text')]
    param(
        [Parameter(Mandatory)]
        [object] $Peer,

        [Parameter(Mandatory, ParameterSetName = 'Text', Position = 0)]
        [string] $Text,

        [Parameter(Mandatory, ParameterSetName = 'Pattern')]
        [string] $Pattern,

        [Parameter(Mandatory, ParameterSetName = 'Count')]
        [int] $ByteCount,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 15
    )

    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $ended = $Peer.Process.HasExited -and $Peer.Output.Ended -and $Peer.Error.Ended
        switch ($PSCmdlet.ParameterSetName) {
            'Text' { if ((Get-PeerOutput -Peer $Peer).Contains($Text)) { return } }
            'Pattern' {
                $match = [regex]::Match((Get-PeerOutput -Peer $Peer), $Pattern, [System.Text.RegularExpressions.RegexOptions]::Multiline)
                if ($match.Success) { return $match }
            }
            'Count' {
                Update-PeerOutput -Peer $Peer
                if ($Peer.Output.Data.Length -ge $ByteCount) { return }
            }
        }

        if ($ended -or [datetime]::UtcNow -gt $deadline) {
            $what = switch ($PSCmdlet.ParameterSetName) { 'Text' { "'$Text'" } 'Pattern' { "'$Pattern'" } 'Count' { "$ByteCount bytes" } }
            throw "$what did not come from $($Peer.Process.StartInfo.FileName); it wrote: $(Get-PeerOutput -Peer $Peer)"
        }

        Wait-PeerActivity -Peer $Peer
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

        Wait-PeerActivity -Peer $Peer
    }
}

function Stop-PeerProcess {
    # Kills a process from Start-PeerProcess if it still runs, and only that one, then releases it; ignores $null.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [AllowNull()]
        [object] $Peer
    )

    process {
        if ($null -eq $Peer) {
            return
        }

        if (-not $Peer.Process.HasExited) {
            $Peer.Process.Kill($true)
            $null = $Peer.Process.WaitForExit(5000)
        }
        $Peer.Process.Dispose()
    }
}

