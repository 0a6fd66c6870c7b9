using Corral.Contracts.Runner;
using SkiaSharp;

namespace Corral.Engine.Tests;

/// <summary>
/// Images through the real engine: the fixture model with its real libmtmd projector encodes PNG, JPEG and WebP
/// files, the embeddings land where the prompt's [img-N] tags say, count in prompt_eval_count, and stay in the
/// prefix cache so a follow-up turn does not encode them again (asserted from the engine counters).
/// </summary>
public sealed class VisionTests(VisionModelFixture fixture) : IClassFixture<VisionModelFixture>
{
    private const string Question = "USER: [img-0] What is in this picture?\nASSISTANT:";

    private static CompletionRequest Ask(string prompt, params byte[][] images) => new()
    {
        Prompt = prompt, Images = images, Sampling = Completions.Greedy, NumPredict = 6,
    };

    public static TheoryData<SKEncodedImageFormat> Formats => [SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Webp];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task OneImageIsEncodedAndItsEmbeddingsCountAsPromptTokens(SKEncodedImageFormat format)
    {
        await using var runner = await fixture.LoadAsync();

        var result = await Completions.RunAsync(runner, Ask(Question, TestImages.Encode(format, 200, 30)));
        var status = await runner.GetStatusAsync(default);

        Assert.Null(result.Final.Error);
        Assert.Equal(6, result.Final.EvalCount);
        Assert.Equal(await TextTokensAsync(runner, Question) + fixture.TokensPerImage, result.Final.PromptEvalCount);
        Assert.Equal(1, status.ImagesEncoded);
        Assert.Equal(fixture.TokensPerImage, status.ImageTokensEvaluated);
        Assert.Equal(result.Final.PromptEvalCount, status.PromptTokensEvaluated);
    }

    [Fact]
    public async Task TwoImagesPngAndJpegAreBothEncodedInPromptOrder()
    {
        await using var runner = await fixture.LoadAsync();
        const string prompt = "USER: compare [img-0] with [img-1] please\nASSISTANT:";

        var result = await Completions.RunAsync(runner, Ask(prompt, TestImages.Png(), TestImages.Jpeg()));
        var swapped = await Completions.RunAsync(runner, Ask(prompt, TestImages.Jpeg(), TestImages.Png()) with { Logprobs = true });
        var status = await runner.GetStatusAsync(default);

        Assert.Null(result.Final.Error);
        Assert.Equal(await TextTokensAsync(runner, prompt) + 2 * fixture.TokensPerImage, result.Final.PromptEvalCount);
        // The second request has the same images in the other order: its prompt differs from the first image on,
        // so both are encoded again.
        Assert.Equal(4, status.ImagesEncoded);
        Assert.Equal(4 * fixture.TokensPerImage, status.ImageTokensEvaluated);
        Assert.Null(swapped.Final.Error);
    }

    [Fact]
    public async Task TheImageChangesWhatTheModelPredicts()
    {
        await using var runner = await fixture.LoadAsync();
        var red = Ask(Question, TestImages.Png(250, 0)) with { Logprobs = true, TopLogprobs = 5, NumPredict = 1 };
        var green = red with { Images = [TestImages.Png(0, 250)] };

        var first = await Completions.RunAsync(runner, red);
        var second = await Completions.RunAsync(runner, green);
        var again = await Completions.RunAsync(runner, red);

        Assert.NotEqual(TopLogprobs(first), TopLogprobs(second));
        Assert.Equal(TopLogprobs(first), TopLogprobs(again));
    }

    [Fact]
    public async Task SeededSamplingWithAnImageIsDeterministic()
    {
        await using var runner = await fixture.LoadAsync();
        var request = Ask(Question, TestImages.Jpeg()) with { Sampling = new SamplingParams { Temperature = 0.9f, Seed = 42 }, NumPredict = 12, ReturnContext = true };

        var first = await Completions.RunAsync(runner, request);
        var second = await Completions.RunAsync(runner, request);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Final.Context, second.Final.Context);
    }

    [Fact]
    public async Task TextOnlyFollowUpWithTheImageInHistoryReusesItsCacheWithoutEncodingAgain()
    {
        await using var runner = await fixture.LoadAsync(parallel: 1);
        var image = TestImages.Png();
        var first = await Completions.RunAsync(runner, Ask(Question, image));
        var afterFirst = await runner.GetStatusAsync(default);

        // The next turn as the server renders it: the history, image tag included, then a text-only question.
        var followUp = Question + first.Text + "\nUSER: And what colour is it?\nASSISTANT:";
        var second = await Completions.RunAsync(runner, Ask(followUp, image));
        var afterSecond = await runner.GetStatusAsync(default);

        Assert.Null(second.Final.Error);
        Assert.Equal(1, afterFirst.ImagesEncoded);
        Assert.Equal(1, afterSecond.ImagesEncoded);
        Assert.Equal(fixture.TokensPerImage, afterSecond.ImageTokensEvaluated);
        Assert.True(second.Final.CachedPromptTokens > await TextTokensAsync(runner, "USER: ") + fixture.TokensPerImage,
            $"{second.Final.CachedPromptTokens} cached prompt tokens");
        Assert.Equal(afterFirst.PromptTokensEvaluated + second.Final.PromptEvalCount, afterSecond.PromptTokensEvaluated);
    }

    [Fact]
    public async Task ImagesDecodedBesideOtherSlotsGiveWhatEachRequestGivesAlone()
    {
        var requests = new[]
        {
            Ask(Question, TestImages.Png()) with { ReturnContext = true, NumPredict = 10 },
            Ask("USER: compare [img-0] with [img-1]\nASSISTANT:", TestImages.Jpeg(), TestImages.Png(9, 99)) with { ReturnContext = true, NumPredict = 10 },
            Ask("USER: no picture, just text\nASSISTANT:") with { ReturnContext = true, NumPredict = 10 },
        };
        var alone = new List<Completions.Result>();
        await using (var single = await fixture.LoadAsync(parallel: 1))
        {
            foreach (var request in requests)
            {
                alone.Add(await Completions.RunAsync(single, request));
            }
        }

        await using var runner = await fixture.LoadAsync(parallel: 3);
        var together = await Task.WhenAll(requests.Select(r => Completions.RunAsync(runner, r)));
        var status = await runner.GetStatusAsync(default);

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(alone[i].Final.Context, together[i].Final.Context);
        }

        Assert.Equal(3, status.ImagesEncoded);
    }

    [Fact]
    public async Task AnotherSlotCopiesTheImageCellsInsteadOfEncodingItAgain()
    {
        await using var runner = await fixture.LoadAsync(parallel: 2);
        var image = TestImages.Png();
        using var busy = new CancellationTokenSource();
        var blocker = Completions.RunAsync(runner, Ask(Question + " Long", image) with { NumPredict = 100_000, Stop = ["\u0001never"] }, busy.Token);
        await StatusPolling.UntilAsync(runner, status => status.Slots.Any(s => s.State == "generating"));

        var result = await Completions.RunAsync(runner, Ask(Question, image));
        var status = await runner.GetStatusAsync(default);
        await busy.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocker);

        Assert.Null(result.Final.Error);
        Assert.Equal(1, status.ImagesEncoded);
        Assert.True(status.PromptTokensShared > fixture.TokensPerImage, $"{status.PromptTokensShared} tokens shared");
        Assert.Equal(status.PromptTokensShared, result.Final.CachedPromptTokens);
    }

    [Fact]
    public async Task GenerationPastTheContextShiftsAroundTheImage()
    {
        await using var runner = await fixture.LoadAsync(parallel: 1);
        var request = Ask(Question, TestImages.Png()) with { NumPredict = 600, Stop = ["\u0001never"], NumKeep = 4 };

        var result = await Completions.RunAsync(runner, request);

        // 256 positions per slot: 600 generated tokens shift the context several times, the image moving whole.
        Assert.Null(result.Final.Error);
        Assert.Equal(600, result.Final.EvalCount);
        Assert.Equal(1, (await runner.GetStatusAsync(default)).ImagesEncoded);
    }

    [Fact]
    public async Task NonImageBytesAreARequestError()
    {
        await using var runner = await fixture.LoadAsync();

        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Completions.RunAsync(runner, Ask(Question, "not an image at all"u8.ToArray())));

        Assert.Contains("image 0 is not a readable image", error.Message);
        Assert.Null((await Completions.RunAsync(runner, Ask(Question, TestImages.Png()))).Final.Error);
    }

    [Fact]
    public async Task ALargeJpegIsDownscaledWhileDecodingInsteadOfRefused()
    {
        await using var runner = await fixture.LoadAsync();

        // 5000 x 4000 = 20 megapixels, above the decoder's 16: JPEG decodes it at a scale that fits.
        var result = await Completions.RunAsync(runner, Ask(Question, TestImages.LargeJpeg(5000, 4000)));

        Assert.Null(result.Final.Error);
        Assert.Equal(1, (await runner.GetStatusAsync(default)).ImagesEncoded);
    }

    [Fact]
    public async Task FormatsOllamaDoesNotAcceptAreRefusedBeforeDecoding()
    {
        await using var runner = await fixture.LoadAsync();

        var error = await Assert.ThrowsAsync<EngineRequestException>(
            () => Completions.RunAsync(runner, Ask(Question, TestImages.Bmp())));

        Assert.Equal("image 0 is a Bmp image; PNG, JPEG or WebP expected", error.Message);
    }

    [Fact]
    public async Task AnImageWhoseHeaderClaimsBillionsOfPixelsIsRefusedBeforeDecoding()
    {
        await using var runner = await fixture.LoadAsync();

        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Completions.RunAsync(runner, Ask(Question, TestImages.PngClaimingHugeSize())));

        Assert.Contains("image 0 is too large (30000x30000)", error.Message);
    }

    [Fact]
    public async Task ATagNamingAMissingImageIsARequestError()
    {
        await using var runner = await fixture.LoadAsync();

        var error = await Assert.ThrowsAsync<EngineRequestException>(
            () => Completions.RunAsync(runner, Ask("USER: [img-0] and [img-1]?\nASSISTANT:", TestImages.Png())));

        Assert.Equal("invalid image index: 1", error.Message);
    }

    [Fact]
    public async Task ImagesSentToAModelWithoutProjectorAreRefusedWithOllamasError()
    {
        await using var runner = await Llama3ModelFixture.LoadOwnAsync(128, 1, 64);

        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Completions.RunAsync(runner, Ask(Question, TestImages.Png())));
        var text = await Completions.RunAsync(runner, Ask(Question));

        Assert.Equal(VisionProjector.NoVision, error.Message);
        Assert.Null(text.Final.Error);
    }

    [Fact]
    public async Task APromptEndingWithAnImageTakesItsFirstTokenFromTheImage()
    {
        await using var runner = await fixture.LoadAsync();

        var result = await Completions.RunAsync(runner, Ask("Describe: [img-0]", TestImages.Png()));

        Assert.Null(result.Final.Error);
        Assert.Equal(6, result.Final.EvalCount);
        Assert.Equal(await TextTokensAsync(runner, "Describe: [img-0]") + fixture.TokensPerImage, result.Final.PromptEvalCount);
    }

    [Fact]
    public async Task AMissingOrBrokenProjectorFailsTheLoadSayingWhy()
    {
        var missing = fixture.ProjectorPath + ".missing";
        var broken = fixture.ProjectorPath + ".broken";
        await File.WriteAllBytesAsync(broken, "GGUF but nothing after"u8.ToArray());
        Task<LlamaModelRunner> Load(string projector) => LlamaModelRunner.LoadAsync(
            new EngineOptions { ModelPath = Llama3ModelFixture.ModelPath, ProjectorPath = projector, ContextLength = 64, Parallel = 1, Threads = 1 },
            null, CancellationToken.None);

        var notFound = await Assert.ThrowsAsync<InvalidOperationException>(() => Load(missing));
        var invalid = await Assert.ThrowsAsync<InvalidOperationException>(() => Load(broken));

        Assert.StartsWith("the vision projector cannot be loaded: ", notFound.Message, StringComparison.Ordinal);
        Assert.Contains(missing, notFound.Message, StringComparison.Ordinal);
        Assert.StartsWith("the vision projector cannot be loaded: ", invalid.Message, StringComparison.Ordinal);
    }

    /// <summary>Tokens of the prompt's text around its tags, tokenized piece by piece as libmtmd does.</summary>
    private static async Task<int> TextTokensAsync(LlamaModelRunner runner, string prompt)
    {
        var pieces = System.Text.RegularExpressions.Regex.Split(prompt, @"\[img-\d+\]");
        var count = 0;
        for (var i = 0; i < pieces.Length; i++)
        {
            if (pieces[i].Length > 0 || i == 0)
            {
                count += (await runner.TokenizeAsync(new TokenizeRequest(pieces[i], AddSpecial: i == 0), default)).Tokens.Count;
            }
        }

        return count;
    }

    private static string TopLogprobs(Completions.Result result) =>
        string.Join(",", result.Chunks.SelectMany(c => c.Logprobs ?? []).SelectMany(l => l.TopLogprobs!).Select(t => $"{t.Token}:{t.Logprob:F5}"));
}
