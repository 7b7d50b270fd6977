namespace TlsServer.Tests.Harness;

[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepositoryRootAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}

[AttributeUsage(AttributeTargets.Assembly)]
public sealed class NuGetPackageRootAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}
