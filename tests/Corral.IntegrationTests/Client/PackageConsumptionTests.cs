using Corral.IntegrationTests.Infrastructure;
using Corral.Registry.Tests;

namespace Corral.IntegrationTests.Client;

/// <summary>
/// Issue 9 acceptance 4: <c>dotnet pack src/Corral.Client</c> makes a package, the Models example from examples/
/// builds against that package (restored from a local feed, never the project) and, run, manages the real server.
/// </summary>
public sealed class PackageConsumptionTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    private static readonly TimeSpan _buildTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task ThePackedPackageBuildsTheModelsExampleAndTheExampleTalksToTheServer()
    {
        using var work = new TempDirectory();
        var root = TestPaths.RepositoryRoot;
        var feed = work.Sub("feed");
        var pack = await DotnetCommand.RunAsync(
            ["pack", Path.Combine(root, "src", "Corral.Client"), "-c", "Release", "-o", feed, "--nologo", "-v", "quiet", "-m:1", "-nodeReuse:false"],
            new Dictionary<string, string>(), _buildTimeout);
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, "Corral.Client.0.1.0.nupkg")), pack.Output);

        var example = CopyExample(root, work, "Models");
        // The feed first, then the sources the machine is configured with (for the package's own dependencies).
        await File.WriteAllTextAsync(Path.Combine(work.Path, "examples", "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="corral-packed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var output = work.Sub("out");
        // A fresh package folder: a Corral.Client 0.1.0 left in the machine's cache by an earlier pack cannot stand in.
        var build = await DotnetCommand.RunAsync(
            ["build", example, "-c", "Release", "-o", output, "--nologo", "-v", "quiet", "-m:1", "-nodeReuse:false"],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = work.Sub("packages") }, _buildTimeout);
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.True(File.Exists(Path.Combine(work.Path, "packages", "corral.client", "0.1.0", "corral.client.0.1.0.nupkg")), "restored from the packed feed");
        // The wire records ship inside the package.
        Assert.True(File.Exists(Path.Combine(output, "Corral.Contracts.dll")));

        var server = new Dictionary<string, string> { ["OLLAMA_HOST"] = fixture.Server.Server.Address.ToString() };
        var list = await DotnetCommand.RunAsync([Path.Combine(output, "Models.dll"), "list"], server, TimeSpan.FromMinutes(2));
        var show = await DotnetCommand.RunAsync([Path.Combine(output, "Models.dll"), "show", fixture.Model], server, TimeSpan.FromMinutes(2));

        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains($"at {fixture.Server.Server.Address}", list.Output);
        Assert.Contains(fixture.Model, list.Output);
        Assert.True(show.ExitCode == 0, show.Output);
        Assert.Contains("llama", show.Output);
        Assert.Contains("completion", show.Output);
    }

    /// <summary>Copies an example with the build files it inherits (SDK pin, props, central versions) into <paramref name="work"/>.</summary>
    private static string CopyExample(string root, TempDirectory work, string name)
    {
        var project = Directory.CreateDirectory(Path.Combine(work.Path, "examples", name)).FullName;
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", "examples/Directory.Packages.props" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(work.Path, file));
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "examples", name)))
        {
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        }
        return project;
    }
}
