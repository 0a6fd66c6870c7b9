// Entry point of the `corral` executable.
using Corral.Cli;
using Corral.Runner;
using Corral.Server.Hosting;

// Hidden: the server starts one `corral runner` process per loaded model.
if (args is ["runner", .. var runnerArgs])
{
    return await RunnerHost.RunAsync(runnerArgs, RunnerEngine.LoadAsync);
}

// Hidden: create's quantize runs in a `corral quantize IN OUT TYPE` child so the server never loads llama.cpp.
if (args is ["quantize", .. var quantizeArgs])
{
    return QuantizeCommand.Run(quantizeArgs);
}

if (args is ["serve"])
{
    return await ServeCommand.RunAsync();
}

using var context = CliContext.FromConsole();
return await CliApp.RunAsync(args, context);
