using Corral.Contracts;
using Corral.Contracts.Ollama;
using Corral.Server.Http;
using Corral.Server.Models;

namespace Corral.Server.Endpoints;

/// <summary><c>POST /api/chat</c>, in the order of Ollama's <c>ChatHandler</c> (reference section 1.3).</summary>
internal static class ChatEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var started = services.Time.GetTimestamp();
        var cancellationToken = context.RequestAborted;
        var (request, error) = await JsonBody.ReadAsync(context.Request, CorralJsonContext.Wire.ChatRequest, cancellationToken);
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
            request.Messages?.Sum(m => (long)m.Content.Length + (m.Thinking?.Length ?? 0)) ?? 0,
            request.Messages?.SelectMany(m => m.Images ?? []).ToList() ?? []);
        if (limitError is not null)
        {
            await ApiResults.WriteErrorAsync(context.Response, limitError);
            return;
        }
        var name = request.Model.Trim();
        if (name.Length == 0)
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.ModelRequired);
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
        var messages = request.Messages ?? [];
        if (messages.Count == 0 && request.KeepAlive is { Nanoseconds: 0 })
        {
            await services.Scheduler.ExpireAsync(model);
            await WriteStatusAsync(context, services, request.Model, "unload");
            return;
        }
        error = !model.Has("completion") ? ApiErrors.DoesNotSupport(request.Model, "chat")
            : request.Tools is { Count: > 0 } && !model.Has("tools") ? ApiErrors.MissingCapability(model.FullName, "tools")
            : messages.Any(m => m.Images is { Count: > 0 }) && model.ProjectorPaths.Count == 0 ? ApiErrors.NoVisionModel
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
            if (messages.Count == 0)
            {
                await WriteStatusAsync(context, services, request.Model, "load");
                return;
            }
            var budget = HistoryFit.Budget(lease, model, options!, request.Truncate, out var numCtx);
            var (rendered, renderError) = await services.Renderer.RenderChatAsync(model, Assemble(model, messages), request.Tools,
                InferenceSetup.TemplateThink(request.Think, think), budget, cancellationToken);
            if (rendered is null)
            {
                await ApiResults.WriteErrorAsync(context.Response, renderError!);
                return;
            }
            HistoryFit.Report(context, rendered, numCtx);
            var (prompt, images) = PromptImages.Select(rendered.Text, rendered.Images);
            if (request.DebugRenderOnly)
            {
                await ApiResults.WriteJsonAsync(context.Response, new ChatResponse
                {
                    Model = request.Model,
                    CreatedAt = services.Time.GetUtcNow(),
                    Message = new Message(),
                    DebugInfo = new DebugInfo { RenderedTemplate = prompt, ImageCount = images.Count },
                }, CorralJsonContext.Wire.ChatResponse);
                return;
            }
            var completion = InferenceSetup.ToCompletion(options!, prompt, grammar, request.Logprobs, request.TopLogprobs,
                request.Truncate, request.Shift, returnContext: false) with { Images = images };
            var loadNs = lease.LoadDuration.Ticks * 100;
            var parser = services.OutputParsers.Create(model, think, request.Tools, prompt);
            await CompletionStreaming.RunAsync(context, request.Stream ?? true, lease, completion, chunk =>
            {
                var parsed = OutputParsing.Parse(parser, chunk);
                return parsed is null ? null : new ChatResponse
                {
                    Model = request.Model,
                    CreatedAt = services.Time.GetUtcNow(),
                    Message = new Message
                    {
                        Role = "assistant",
                        Content = parsed.Content,
                        Thinking = string.IsNullOrEmpty(parsed.Thinking) ? null : parsed.Thinking,
                        ToolCalls = parsed.ToolCalls is { Count: > 0 } calls ? calls : null,
                    },
                    Done = chunk.Done,
                    DoneReason = chunk.Done ? chunk.DoneReason : null,
                    TotalDuration = chunk.Done ? services.ElapsedNs(started) : 0,
                    LoadDuration = chunk.Done ? loadNs : 0,
                    PromptEvalCount = chunk.Done ? chunk.PromptEvalCount : 0,
                    PromptEvalDuration = chunk.Done ? chunk.PromptEvalDurationNs : 0,
                    EvalCount = chunk.Done ? chunk.EvalCount : 0,
                    EvalDuration = chunk.Done ? chunk.EvalDurationNs : 0,
                    Logprobs = InferenceSetup.ToLogprobs(chunk.Logprobs),
                };
            }, CorralJsonContext.Wire.ChatResponse);
        }
    }

    // Model MESSAGE history first; the model's SYSTEM leads unless the request starts with its own system message.
    private static List<Message> Assemble(CatalogModel model, IReadOnlyList<Message> messages)
    {
        var all = new List<Message>();
        if (messages[0].Role != "system" && model.System is { Length: > 0 } system)
        {
            all.Add(new Message { Role = "system", Content = system });
        }
        all.AddRange(model.Messages);
        all.AddRange(messages);
        return all;
    }

    private static Task WriteStatusAsync(HttpContext context, RequestServices services, string model, string reason) =>
        ApiResults.WriteJsonAsync(context.Response, new ChatResponse
        {
            Model = model,
            CreatedAt = services.Time.GetUtcNow(),
            Message = new Message { Role = "assistant" },
            Done = true,
            DoneReason = reason,
        }, CorralJsonContext.Wire.ChatResponse);
}
