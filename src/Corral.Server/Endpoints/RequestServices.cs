using Corral.Server.Hosting;
using Corral.Server.Models;
using Corral.Server.Scheduling;

namespace Corral.Server.Endpoints;

/// <summary>The services every model endpoint uses, resolved once per request.</summary>
internal sealed record RequestServices(ServerConfig Config, IModelCatalog Catalog, IPromptRenderer Renderer, IGrammarFactory Grammars,
    IOutputParserFactory OutputParsers, Scheduler Scheduler, TimeProvider Time)
{
    public static RequestServices From(HttpContext context)
    {
        var services = context.RequestServices;
        return new RequestServices(
            services.GetRequiredService<ServerConfig>(),
            services.GetRequiredService<IModelCatalog>(),
            services.GetRequiredService<IPromptRenderer>(),
            services.GetRequiredService<IGrammarFactory>(),
            services.GetRequiredService<IOutputParserFactory>(),
            services.GetRequiredService<Scheduler>(),
            services.GetRequiredService<TimeProvider>());
    }

    /// <summary>Nanoseconds since <paramref name="startTimestamp"/> (from <see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long ElapsedNs(long startTimestamp) => Time.GetElapsedTime(startTimestamp).Ticks * 100;
}
