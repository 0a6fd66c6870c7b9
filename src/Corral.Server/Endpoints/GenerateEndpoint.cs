using Corral.Contracts;
using Corral.Contracts.Ollama;
using Corral.Contracts.Runner;
using Corral.Server.Http;

namespace Corral.Server.Endpoints;

/// <summary><c>POST /api/generate</c>, in the order of Ollama's <c>GenerateHandler</c> (reference section 1.2).</summary>
internal static class GenerateEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var started = services.Time.GetTimestamp();
        var cancellationToken = context.RequestAborted;
        var (request, error) = await JsonBody.ReadAsync(context.Request, CorralJsonContext.Wire.GenerateRequest, cancellationToken);
        if (request is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, error!);
            return;
        }
        if (request.TopLogprobs is < 0 or > 20)
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.TopLogprobsRange);
            return;
        }
        var limitError = InputLimits.Check(services.Config.Limits,
            (long)(request.Prompt?.Length ?? 0) + (request.System?.Length ?? 0) + (request.Suffix?.Length ?? 0), request.Images ?? []);
        if (limitError is not null)
        {
            await ApiResults.WriteErrorAsync(context.Response, limitError);
            return;
        }
        var name = request.Model.Trim();
        if (name.Length == 0)
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.ModelNotFound(""));
            return;
        }
        var (localName, referenceError) = ModelReference.Resolve(name);
        if (localName is null || !services.Catalog.IsValidName(localName))
        {
            await ApiResults.WriteErrorAsync(context.Response, referenceError ?? ApiErrors.InvalidModelName);
            return;
        }
        var model = await services.Catalog.FindAsync(localName, cancellationToken);
        if (model is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.ModelNotFound(request.Model));
            return;
        }
        var prompt = request.Prompt ?? "";
        if (prompt.Length == 0 && request.KeepAlive is { Nanoseconds: 0 })
        {
            await services.Scheduler.ExpireAsync(model);
            await WriteStatusAsync(context, services, request.Model, "unload");
            return;
        }
        if (request.Raw && (request.Template is { Length: > 0 } || request.System is { Length: > 0 } || request.Context is { Count: > 0 }))
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.RawWithTemplate);
            return;
        }
        error = !model.Has("completion") ? ApiErrors.DoesNotSupport(request.Model, "generate")
            : request.Suffix is { Length: > 0 } && !model.Has("insert") ? ApiErrors.MissingCapability(model.FullName, "insert")
            : request.Images is { Count: > 0 } && model.ProjectorPaths.Count == 0 ? ApiErrors.NoVisionModel
            : null;
        var (think, thinkError) = InferenceSetup.ResolveThink(model, request.Think, request.Model);
        var (options, optionsError) = InferenceSetup.MergeOptions(services.Config, model, request.Options);
        var (grammar, grammarError) = InferenceSetup.ResolveGrammar(services.Grammars, request.Format);
        if ((error ?? thinkError ?? optionsError ?? grammarError) is { } invalid)
        {
            await ApiResults.WriteErrorAsync(context.Response, invalid);
            return;
        }
        var (lease, scheduleError) = await services.Scheduler.AcquireAsync(model, options!, request.KeepAlive, cancellationToken);
        if (lease is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, scheduleError!);
            return;
        }
        await using (lease)
        {
            if (prompt.Length == 0)
            {
                await WriteStatusAsync(context, services, request.Model, "load");
                return;
            }
            string rendered;
            // Raw prompts name request images by the tags their authors wrote, as Ollama passes them with IDs 0..n-1.
            IReadOnlyList<byte[]> candidates = request.Images ?? [];
            if (request.Raw)
            {
                rendered = prompt;
            }
            else
            {
                var budget = HistoryFit.Budget(lease, model, options!, request.Truncate, out var numCtx);
                var (text, renderError) = await services.Renderer.RenderGenerateAsync(model, request,
                    InferenceSetup.TemplateThink(request.Think, think), budget, cancellationToken);
                if (text is null)
                {
                    await ApiResults.WriteErrorAsync(context.Response, renderError!);
                    return;
                }
                HistoryFit.Report(context, text, numCtx);
                rendered = text.Text;
                candidates = text.Images;
            }
            (rendered, var images) = PromptImages.Select(rendered, candidates);
            if (request.Context is { Count: > 0 } tokens)
            {
                // The deprecated context is detokenized and prepended, like Ollama's GenerateHandler.
                var previous = await lease.Runner.DetokenizeAsync(new DetokenizeRequest(tokens), cancellationToken);
                rendered = previous.Content + rendered;
            }
            if (request.DebugRenderOnly)
            {
                await ApiResults.WriteJsonAsync(context.Response, new GenerateResponse
                {
                    Model = request.Model,
                    CreatedAt = services.Time.GetUtcNow(),
                    DebugInfo = new DebugInfo { RenderedTemplate = rendered, ImageCount = images.Count },
                }, CorralJsonContext.Wire.GenerateResponse);
                return;
            }
            var completion = InferenceSetup.ToCompletion(options!, rendered, grammar, request.Logprobs, request.TopLogprobs,
                request.Truncate, request.Shift, returnContext: !request.Raw) with { Images = images };
            var loadNs = lease.LoadDuration.Ticks * 100;
            var parser = services.OutputParsers.Create(model, think, null, rendered);
            await CompletionStreaming.RunAsync(context, request.Stream ?? true, lease, completion, chunk =>
            {
                var parsed = OutputParsing.Parse(parser, chunk);
                return parsed is null ? null : new GenerateResponse
                {
                    Model = request.Model,
                    CreatedAt = services.Time.GetUtcNow(),
                    Response = parsed.Content,
                    Thinking = string.IsNullOrEmpty(parsed.Thinking) ? null : parsed.Thinking,
                    Done = chunk.Done,
                    DoneReason = chunk.Done ? chunk.DoneReason : null,
                    Context = chunk.Done && !request.Raw ? chunk.Context : null,
                    TotalDuration = chunk.Done ? services.ElapsedNs(started) : 0,
                    LoadDuration = chunk.Done ? loadNs : 0,
                    PromptEvalCount = chunk.Done ? chunk.PromptEvalCount : 0,
                    PromptEvalDuration = chunk.Done ? chunk.PromptEvalDurationNs : 0,
                    EvalCount = chunk.Done ? chunk.EvalCount : 0,
                    EvalDuration = chunk.Done ? chunk.EvalDurationNs : 0,
                    ToolCalls = parsed.ToolCalls is { Count: > 0 } calls ? calls : null,
                    Logprobs = InferenceSetup.ToLogprobs(chunk.Logprobs),
                };
            }, CorralJsonContext.Wire.GenerateResponse);
        }
    }

    // Load and unload answers are single JSON objects, not NDJSON (Ollama answers them with c.JSON).
    private static Task WriteStatusAsync(HttpContext context, RequestServices services, string model, string reason) =>
        ApiResults.WriteJsonAsync(context.Response, new GenerateResponse
        {
            Model = model,
            CreatedAt = services.Time.GetUtcNow(),
            Done = true,
            DoneReason = reason,
        }, CorralJsonContext.Wire.GenerateResponse);
}
