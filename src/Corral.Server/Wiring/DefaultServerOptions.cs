using Corral.Server.Hosting;
using Corral.Server.Runners;
using Corral.Store.Create;
using Corral.Store.Models;
using Corral.Store.Registry;
using Corral.Store.Transfer;
using Corral.Templates;
using Corral.Templates.GoTemplate;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Wiring;

/// <summary>The composition root: the server's seams filled with the real store, templates, grammar, runner processes and quantizer.</summary>
public static class DefaultServerOptions
{
    /// <param name="runnerCommand">How to start <c>corral runner</c> and <c>corral quantize</c> child processes.</param>
    public static ServerOptions Create(ServerConfig config, ModelStore store, RunnerCommand runnerCommand, ILoggerFactory loggerFactory)
    {
        var creator = new CreateService(store, new ProcessQuantizer(runnerCommand), TemplateError);
        var templates = new TemplateCache();
        var launcher = new RunnerProcessLauncher(runnerCommand, loggerFactory.CreateLogger<RunnerProcess>());
        return new ServerOptions
        {
            Config = config,
            Catalog = new StoreCatalog(store, creator, new ModelTransferService(store,
                new RegistryOptions
                {
                    AllowPrivateHosts = config.AllowPrivateRegistries,
                    SigningKey = ServerSigningKey.LoadOrCreate(loggerFactory.CreateLogger(typeof(ServerSigningKey))),
                })),
            Renderer = new TemplatePromptRenderer(templates),
            Grammars = new FormatGrammarFactory(),
            OutputParsers = new TemplateOutputParserFactory(templates),
            RunnerFactory = new ProcessRunnerFactory(launcher, config.LoadTimeout),
        };
    }

    // create rejects a TEMPLATE the Go template parser rejects (400 "template error: ...").
    private static string? TemplateError(string template)
    {
        try
        {
            PromptTemplate.Parse(template);
            return null;
        }
        catch (TemplateException e)
        {
            return e.Message;
        }
    }
}
