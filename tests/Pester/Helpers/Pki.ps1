# Test certificates, CAs, credential sets and CRLs, made with openssl or with the module's own cmdlets. Part of
# TestHelpers.psm1.

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

function Get-NewKeyOption {
    # openssl req's options for a new key of the test certificates: RSA 2048 or ECDSA P-256.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateSet('Rsa', 'Ecdsa')]
        [string] $KeyType
    )

    if ($KeyType -eq 'Rsa') { '-newkey', 'rsa:2048' } else { '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256' }
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

    Invoke-OpenSsl -ArgumentList (@('req', '-x509') + (Get-NewKeyOption $KeyType) + @(
            '-nodes',
            '-keyout', (Join-Path $Directory "$Name.key"),
            '-out', (Join-Path $Directory "$Name.crt"),
            '-days', '2',
            '-subj', "/CN=$DnsName",
            '-addext', $(if ($DnsName -eq 'localhost') { 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1' } else { "subjectAltName=DNS:$DnsName" })
        ))
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

    Invoke-OpenSsl -ArgumentList (@('req', '-x509') + (Get-NewKeyOption Ecdsa) + @(
            '-nodes', '-keyout', (Join-Path $Directory "$Name.key"), '-out', (Join-Path $Directory "$Name.crt"), '-days', '2',
            '-subj', $Subject, '-addext', 'basicConstraints=critical,CA:true',
            '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature'))
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
    Invoke-OpenSsl -ArgumentList (@('req', '-new') + (Get-NewKeyOption $KeyType) + @(
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
