using Corral.Contracts.Ollama;
using Corral.Contracts.Runner;
using Corral.Server.Models;
using Corral.Server.Scheduling;
using Corral.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Endpoints;

/// <summary>
/// Chat history that does not fit num_ctx loses its oldest non-system messages, measured with the loaded model's
/// own tokenizer as Ollama's chatPrompt does (reference section 7). Ollama drops them silently; Corral says so in
/// the log and in the <see cref="Header"/> response header.
/// </summary>
internal static class HistoryFit
{
    public const string Header = "X-Corral-Truncated-Messages";

    // Ollama reserves this many tokens per image for models with a vision projector.
    private const int TokensPerImage = 768;

    // Every token of tokenized text covers at least one UTF-8 byte; beyond the bytes there can only be BOS, EOS
    // and the leading space SentencePiece adds.
    private const int TokensBeyondBytes = 3;

    /// <summary>The request's effective context on <paramref name="lease"/>'s runner; <c>truncate: false</c> keeps everything.</summary>
    public static PromptBudget Budget(SchedulerLease lease, CatalogModel model, Options options, bool? truncate, out int numCtx)
    {
        numCtx = options.NumCtx > 0 ? Math.Min(options.NumCtx, lease.ContextLength) : lease.ContextLength;
        if (truncate == false)
        {
            return PromptBudget.Unlimited;
        }
        var runner = lease.Runner;
        var perImage = model.ProjectorPaths.Count > 0 ? TokensPerImage : 0;
        var limit = numCtx;
        return new PromptBudget(async (text, ct) =>
        {
            // A prompt with fewer bytes than the context has room for fits without asking the runner, so the
            // common chat costs no extra tokenize round trip (the runner tokenizes the prompt again to run it).
            var bound = System.Text.Encoding.UTF8.GetByteCount(text) + TokensBeyondBytes;
            return perImage == 0 && bound <= limit
                ? bound
                : (await runner.TokenizeAsync(new TokenizeRequest(text, AddSpecial: true), ct)).Tokens.Count;
        }, numCtx)
        {
            TokensPerImage = perImage,
        };
    }

    /// <summary>Logs and flags (before the first byte of the answer) a prompt that lost history messages.</summary>
    public static void Report(HttpContext context, RenderedPrompt prompt, int numCtx)
    {
        if (prompt.DroppedMessages == 0)
        {
            return;
        }
        context.Response.Headers[Header] = prompt.DroppedMessages.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Corral.Server.Completion")
            .LogWarning("chat history did not fit num_ctx {NumCtx}: dropped the {Dropped} oldest non-system messages",
                numCtx, prompt.DroppedMessages);
    }
}
