# Every example in docs/en-US runs as written: each "## EXAMPLES" code block in a fresh runspace with the module
# imported, in an empty folder, against the live server it starts. What the documentation's conventions mean to the
# suite (Invoke-DocumentedCode has the details):
# - "# in another terminal: <command>": the suite runs <command> (with sh) once the example's server listens; the
#   example's session count must show that it connected.
# - Port 4433 or 8443 (s_server's habits, where a client in another terminal needs a known port): a free port instead.
# - "Start-TlsServer ... -Wait": stopped as Ctrl+C would, once the client's session has ended; it must have written it.
# - "$expression   # text": the console shows that text.
# - Describe/It: the example is a test file, run with Invoke-Pester; every test in it must pass.
# An example that throws, writes an error, or does not finish in time fails its test.

BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $examples = foreach ($file in Get-ChildItem -Path "$PSScriptRoot/../../docs/en-US" -Filter '*.md' | Sort-Object Name) {
        foreach ($block in Get-MarkdownCodeBlock -Path $file.FullName | Where-Object Section -eq 'EXAMPLES') {
            @{ Cmdlet = $file.BaseName; Title = $block.Title; Code = $block.Code; Line = $block.Line }
        }
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $modules = @((Resolve-Path "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1").Path, (Get-Module Pester).Path)
}

Describe 'Help examples' {
    It 'finds the examples of every help file' -ForEach @(@{ Found = @($examples.Cmdlet | Sort-Object -Unique) }) {
        $Found | Should -Be @(Get-ChildItem "$PSScriptRoot/../../docs/en-US" -Filter '*.md' | ForEach-Object BaseName | Sort-Object)
    }

    It '<Cmdlet> <Title> runs as written' -ForEach $examples {
        $directory = Join-Path ([System.IO.Path]::GetTempPath()) "tlsserver-example-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $null = New-Item -ItemType Directory -Path $directory
        try {
            $pesterFile = if ($Code -match '(?m)^\s*(Describe|It)\s') { Join-Path $directory "$Cmdlet.Tests.ps1" }
            $run = Invoke-DocumentedCode -Code $Code -WorkingDirectory $directory -Module $modules -PesterFile $pesterFile
            $because = "docs/en-US/$Cmdlet.md:$Line wrote:`n$($run.Output)`nclients wrote:`n$($run.Clients -join "`n")"
            Assert-DocumentedCodeRan $run -Because $because
            if ($Code -match '#\s*in another terminal:') {
                @($run.Servers | Get-TlsSession).Count | Should -BeGreaterThan 0 -Because "the client in the other terminal connects. $because"
                if ($Code -match 'Start-TlsServer\b.*-Wait\b') {
                    @($run.Output -split '\r?\n' | Where-Object { $_.Trim() -and $_ -notmatch 'is listening on .* Press Ctrl\+C' }) |
                        Should -Not -BeNullOrEmpty -Because "-Wait writes what happened to the client's session. $because"
                }
            }

            # "$value   # text" (an expression, its value in a comment): the console shows that text.
            $shown = $run.Output -replace '\s+', ' '
            foreach ($match in [regex]::Matches($Code, '(?m)^\s*[\$\(\[][^=\n#]*?\S\s{2,}#\s*(?<value>.+?)\s*$')) {
                $shown.Contains(($match.Groups['value'].Value -replace '\s+', ' ')) | Should -BeTrue -Because "'$($match.Value.Trim())' shows that value. $because"
            }
        }
        finally {
            Remove-Item -LiteralPath $directory -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
