namespace Corral.Client.Tests;

/// <summary>Test classes in this collection share one <see cref="ScriptedServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ScriptedServerFixture>
{
    public const string Name = "scripted server";
}
