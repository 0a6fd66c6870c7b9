using Corral.Server.Models;
using Corral.Server.Scheduling;

namespace Corral.Server.Hosting;

/// <summary>Everything <see cref="ServerHost.Build"/> needs: the configuration and the seams to the store, templates and runners.</summary>
public sealed record ServerOptions
{
    public ServerConfig Config { get; init; } = new();

    public required IModelCatalog Catalog { get; init; }

    public required IPromptRenderer Renderer { get; init; }

    public required IGrammarFactory Grammars { get; init; }

    public required IOutputParserFactory OutputParsers { get; init; }

    public required IRunnerFactory RunnerFactory { get; init; }

    /// <summary>Clock for keep-alive timers and timestamps (tests inject a fake).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
