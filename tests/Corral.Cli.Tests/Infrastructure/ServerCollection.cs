namespace Corral.Cli.Tests.Infrastructure;

/// <summary>Test classes sharing one real server process (starting it and creating the model costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "real server";
}
