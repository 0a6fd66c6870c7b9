using Corral.Contracts;
using Corral.Contracts.Ollama;
using Corral.Server.Http;
using RunnerEmbeddingRequest = Corral.Contracts.Runner.EmbeddingRequest;

namespace Corral.Server.Endpoints;

/// <summary>Legacy <c>POST /api/embeddings</c>: one prompt, a raw (not normalized) float64 vector.</summary>
internal static class EmbeddingsEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var cancellationToken = context.RequestAborted;
        var (request, error) = await JsonBody.ReadAsync(context.Request, CorralJsonContext.Wire.EmbeddingRequest, cancellationToken);
        if (request is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, error!);
            return;
        }
        if (InputLimits.Check(services.Config.Limits, request.Prompt?.Length ?? 0, []) is { } limitError)
        {
            await ApiResults.WriteErrorAsync(context.Response, limitError);
            return;
        }
        var (model, lookupError) = await EmbeddingModels.FindAsync(services, request.Model, ApiErrors.ModelRequired, cancellationToken);
        if (model is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, lookupError!);
            return;
        }
        var (options, optionsError) = InferenceSetup.MergeOptions(services.Config, model, request.Options);
        if (options is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, optionsError!);
            return;
        }
        var (lease, scheduleError) = await services.Scheduler.AcquireAsync(model, options, request.KeepAlive, cancellationToken);
        if (lease is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, scheduleError!);
            return;
        }
        await using (lease)
        {
            if (string.IsNullOrEmpty(request.Prompt))
            {
                await ApiResults.WriteJsonAsync(context.Response, new EmbeddingResponse(), CorralJsonContext.Wire.EmbeddingResponse);
                return;
            }
            var (result, embedError) = await EmbeddingModels.EmbedAsync(lease,
                new RunnerEmbeddingRequest { Inputs = [request.Prompt], Normalize = false }, cancellationToken);
            if (result is null)
            {
                await ApiResults.WriteErrorAsync(context.Response, embedError! with { Status = 500 });
                return;
            }
            await ApiResults.WriteJsonAsync(context.Response,
                new EmbeddingResponse { Embedding = result.Embeddings[0].Select(value => (double)value).ToList() },
                CorralJsonContext.Wire.EmbeddingResponse);
        }
    }
}
