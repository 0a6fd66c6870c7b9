// Entry point of the `corral` executable.
using Corral.Cli;
using Corral.Runner;

// Hidden: the server starts one `corral runner` process per loaded model.
if (args is ["runner", .. var runnerArgs])
{
    return await RunnerHost.RunAsync(runnerArgs, RunnerEngine.LoadAsync);
}

using var context = CliContext.FromConsole();
return await CliApp.RunAsync(args, context);
