using Corral.Contracts.Ollama;
using Corral.Server.Models;

namespace Corral.Server.Scheduling;

/// <summary>What to load: the model, its load-time options (num_ctx, num_batch...) and the slot count.</summary>
public sealed record RunnerStartRequest(CatalogModel Model, Options Options, int Parallel);
