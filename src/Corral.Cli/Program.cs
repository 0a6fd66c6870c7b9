// Entry point of the `corral` executable; commands are added by the CLI work (issue 8).
using Corral.Runner;

// Hidden: the server starts one `corral runner` process per loaded model.
if (args is ["runner", .. var runnerArgs])
{
    return await RunnerHost.RunAsync(runnerArgs, RunnerEngine.LoadAsync);
}

return 0;
