# The hostile document root and request targets of TestData/hostile-paths. Part of TestHelpers.psm1.

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

    foreach ($file in Get-ChildItem -Path (Join-Path $PSScriptRoot .. TestData hostile-paths) -Filter '*.txt' | Sort-Object Name) {
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
