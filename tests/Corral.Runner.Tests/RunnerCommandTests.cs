using Corral.Server.Runners;

namespace Corral.Runner.Tests;

public sealed class RunnerCommandTests
{
    [Fact]
    public void ForCurrentProcess_UnderTheDotnetHost_RunsTheEntryAssemblyWithIt()
    {
        // The test host runs as `dotnet testhost.dll`, the same shape as `dotnet corral.dll`.
        var command = RunnerCommand.ForCurrentProcess();

        Assert.Equal(Environment.ProcessPath, command.FileName);
        Assert.Equal("testhost.dll", Path.GetFileName(Assert.Single(command.LeadingArguments)));
    }
}
