using Corral.Contracts;
using Corral.Contracts.Ollama;
using Corral.Server.Http;
using RunnerEmbeddingRequest = Corral.Contracts.Runner.EmbeddingRequest;

namespace Corral.Server.Endpoints;

/// <summary><c>POST /api/embed</c>: batch, L2-normalized, optional <c>dimensions</c> (reference section 1.4).</summary>
internal static class EmbedEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var started = services.Time.GetTimestamp();
        var cancellationToken = context.RequestAborted;
        var (request, error) = await JsonBody.ReadAsync(context.Request, CorralJsonContext.Wire.EmbedRequest, cancellationToken);
        if (request is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, error!);
            return;
        }
        if (InputLimits.Check(services.Config.Limits, request.Input?.Texts.Sum(text => (long)text.Length) ?? 0, [], "input") is { } limitError)
        {
            await ApiResults.WriteErrorAsync(context.Response, limitError);
            return;
        }
        var (model, lookupError) = await EmbeddingModels.FindAsync(services, request.Model, ApiErrors.ModelNotFound(""), cancellationToken);
        if (model is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, lookupError!);
            return;
        }
        // Ollama: "" (or no input) means zero inputs; the model is still loaded.
        var inputs = request.Input is { IsArray: false, Texts: [""] } or null ? [] : request.Input.Texts;
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
            if (inputs.Count == 0)
            {
                await ApiResults.WriteJsonAsync(context.Response, new EmbedResponse { Model = request.Model }, CorralJsonContext.Wire.EmbedResponse);
                return;
            }
            var (result, embedError) = await EmbeddingModels.EmbedAsync(lease,
                new RunnerEmbeddingRequest { Inputs = inputs, Truncate = request.Truncate ?? true, Normalize = true }, cancellationToken);
            if (result is null)
            {
                await ApiResults.WriteErrorAsync(context.Response, embedError!);
                return;
            }
            var vectors = new List<float[]>(result.Embeddings.Count);
            foreach (var vector in result.Embeddings)
            {
                if (vector.Any(value => !float.IsFinite(value)))
                {
                    await ApiResults.WriteErrorAsync(context.Response, new ApiError(400, "embedding contains NaN or Inf values"));
                    return;
                }
                vectors.Add(request.Dimensions > 0 && request.Dimensions < vector.Length ? Normalize(vector[..request.Dimensions]) : vector);
            }
            await ApiResults.WriteJsonAsync(context.Response, new EmbedResponse
            {
                Model = request.Model,
                Embeddings = vectors,
                TotalDuration = services.ElapsedNs(started),
                LoadDuration = lease.LoadDuration.Ticks * 100,
                PromptEvalCount = result.PromptEvalCount,
            }, CorralJsonContext.Wire.EmbedResponse);
        }
    }

    private static float[] Normalize(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(value => value * value));
        return norm == 0 ? vector : vector.Select(value => value / norm).ToArray();
    }
}
