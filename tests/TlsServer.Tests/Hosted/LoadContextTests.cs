using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>
/// Another module's BouncyCastle, already loaded into the default context, must not break ours: the engine and its
/// BouncyCastle load into their own AssemblyLoadContext. Runs in a fresh host process so the order is guaranteed.
/// </summary>
public sealed class LoadContextTests
{
    [Fact]
    public void ADifferentBouncyCastleInTheDefaultContextDoesNotBreakTheModule()
    {
        string otherBouncyCastle = Path.Combine(Paths.NuGetPackageRoot, "bouncycastle.cryptography", "2.4.0", "lib", "net6.0", "BouncyCastle.Cryptography.dll");
        Assert.True(File.Exists(otherBouncyCastle), otherBouncyCastle);

        var result = HostProcess.Run($$"""
            $other = [System.Reflection.Assembly]::LoadFrom('{{otherBouncyCastle}}')
            Import-Module '{{Paths.ModuleManifest}}'
            $server = Start-TlsServer -Port 0 -Address 127.0.0.1
            $client = & openssl s_client -connect "127.0.0.1:$($server.Port)" -brief 2>&1
            $session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
            [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'BouncyCastle.Cryptography' } | ForEach-Object {
                'BC ' + $_.Location + ' in ' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name
            }
            'SESSION ' + $session.Protocol + ' ' + $session.State
            """, importModule: false);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"BC {otherBouncyCastle} in Default", result.StandardOutput);
        Assert.Contains($"BC {Path.Combine(Paths.Module, "engine", "BouncyCastle.Cryptography.dll")} in TlsServer.Engine", result.StandardOutput);
        Assert.Contains("SESSION Tls13 Closed", result.StandardOutput);
    }
}
