using Corral.Runner;
using Corral.Runner.Tests;

// `dotnet Corral.Runner.Tests.dll runner ...` is a real runner process (real RunnerHost, real socket) whose model
// is FakeModelRunner, for the RunnerProcess tests. The test host never calls this entry point.
if (args is ["runner", .. var runnerArgs])
{
    return await RunnerHost.RunAsync(runnerArgs, FakeModelRunner.LoadAsync);
}

Console.Error.WriteLine("usage: Corral.Runner.Tests.dll runner ARGS");
return 2;
