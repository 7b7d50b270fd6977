# Start-TlsServer -ServerInfoPath against openssl s_client -serverinfo, which prints each extension it gets back as
# PEM.
BeforeAll {
    Import-Module "$PSScriptRoot/../../out/TlsServer/TlsServer.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force

    $startCommand = 'TlsServer.PowerShell.Commands.StartTlsServerCommand'

    function New-ServerInfoExtension([int] $Type, [string] $Text) {
        # An extension as a serverinfo file holds it: type, length, data.
        $data = [System.Text.Encoding]::ASCII.GetBytes($Text)
        [byte[]] (@(($Type -shr 8), ($Type -band 0xff), ($data.Length -shr 8), ($data.Length -band 0xff)) + $data)
    }

    function ConvertTo-Pem([string] $Label, [byte[]] $Data) {
        # One PEM block.
        "-----BEGIN $Label-----`n$([Convert]::ToBase64String($Data, 'InsertLineBreaks'))`n-----END $Label-----`n"
    }
}

Describe 'Serverinfo extensions' {
    AfterEach {
        $server | Stop-TestServer
    }

    It 'echoes each extension to a client that sends its type' {
        $first = New-ServerInfoExtension 1000 'first serverinfo extension'
        $second = New-ServerInfoExtension 1001 'second'
        Set-Content -LiteralPath "$TestDrive/serverinfo.pem" -NoNewline -Value (
            (ConvertTo-Pem 'SERVERINFO FOR first' $first) + (ConvertTo-Pem 'SERVERINFO FOR second' $second))
        $server = Start-TlsServer -Port 0 -ServerInfoPath "$TestDrive/serverinfo.pem"

        $output = Invoke-SClientText -Port $server.Port -Option '-tls1_2', '-serverinfo', '1000'

        $output | Should -Match 'SERVERINFO FOR EXTENSION 1000'
        $echoed = [regex]::Match($output, '-----BEGIN SERVERINFO FOR EXTENSION 1000-----(.*?)-----END SERVERINFO FOR EXTENSION 1000-----', 'Singleline')
        $echoed.Success | Should -BeTrue -Because $output
        $echoed.Groups[1].Value -replace '\s', '' | Should -BeExactly ([Convert]::ToBase64String($first))
        $output | Should -Not -Match 'SERVERINFO FOR EXTENSION 1001'
    }

    It 'sends nothing to a client that does not ask' {
        Set-Content -LiteralPath "$TestDrive/one.pem" -NoNewline -Value (ConvertTo-Pem 'SERVERINFO FOR first' (New-ServerInfoExtension 1000 'data'))
        $server = Start-TlsServer -Port 0 -ServerInfoPath "$TestDrive/one.pem" -Msg

        $output = Invoke-SClientText -Port $server.Port -Option '-tls1_2'

        $output | Should -Not -Match 'SERVERINFO'
        $session = Wait-OneEndedTlsSession $server
        $serverHello = @($session | Get-TlsMessage -HandshakeType server_hello)
        $serverHello | Should -HaveCount 1
        $serverHello[0].Summary | Should -Not -Match 'unknown_1000'
    }

    It 'refuses a file without blocks' {
        Set-Content -LiteralPath "$TestDrive/empty.pem" -Value 'nothing here'

        $failure = { Start-TlsServer -Port 0 -ServerInfoPath "$TestDrive/empty.pem" } | Should -Throw -ErrorId "ServerInfoFileInvalid,$startCommand" -PassThru

        "$($failure.CategoryInfo.Category)" | Should -BeExactly 'InvalidData'
    }
}
