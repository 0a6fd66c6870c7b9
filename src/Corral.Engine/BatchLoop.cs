using System.Diagnostics;
using System.Threading.Channels;
using Corral.Contracts.Runner;
using Corral.Native;

namespace Corral.Engine;

/// <summary>
/// The one thread that owns the generation context. Each iteration: run control work (status, embeddings),
/// drop cancelled requests, admit waiting requests into free slots, build ONE batch with the next token of every
/// generating slot plus up to num_batch prompt tokens of prefilling slots, llama_decode once, then sample every
/// slot whose logits came out. Requests join between iterations (continuous batching). Images in a prompt are
/// decoded by <see cref="ImagePrefill"/> in llama_decode calls of their own, in prompt order between text runs.
/// </summary>
internal sealed unsafe class BatchLoop : IDisposable
{
    private readonly SafeLlamaContextHandle? _contextHandle;
    private readonly nint _context;
    private readonly nint _memory;
    private readonly Vocabulary _vocabulary;
    private readonly Slot[] _slots;
    private readonly LlamaBatchBuffer? _batch;
    private readonly int _batchSize;
    private readonly Channel<CompletionWork> _requests;
    private readonly Channel<ControlWork> _control;
    private readonly Thread _thread;
    private readonly RunnerStatus _template;
    private readonly KvCellLedger _cells = new();
    private readonly ImagePrefill? _images;
    private byte[] _piece = new byte[64];
    private long _decodeCalls;
    private long _promptTokensEvaluated;
    private long _promptTokensReused;
    private long _promptTokensShared;
    private long _imagesEncoded;
    private long _imageTokensEvaluated;
    private int _maxSequencesPerBatch;
    private long _mixedDecodeCalls;
    private volatile bool _stopping;

    public BatchLoop(SafeLlamaContextHandle? context, Vocabulary vocabulary, EmbeddingEncoder embeddings, ImagePrefill? images,
        int parallel, int batchSize, int maxQueued, RunnerStatus template)
    {
        _images = images;
        _contextHandle = context;
        _context = context?.DangerousGetHandle() ?? 0;
        _memory = context is null ? 0 : LlamaApi.GetMemory(_context);
        _vocabulary = vocabulary;
        Embeddings = embeddings;
        _batchSize = batchSize;
        _template = template;
        _slots = new Slot[context is null ? 0 : parallel];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot(i, _cells);
        }

        // One token per generating slot on top of a full prompt chunk.
        _batch = context is null ? null : new LlamaBatchBuffer(batchSize + parallel);
        _requests = Channel.CreateBounded<CompletionWork>(new BoundedChannelOptions(maxQueued) { SingleReader = true });
        _control = Channel.CreateBounded<ControlWork>(new BoundedChannelOptions(maxQueued) { SingleReader = true });
        _thread = new Thread(Run) { IsBackground = true, Name = "corral-engine-loop" };
        _thread.Start();
    }

    public EmbeddingEncoder Embeddings { get; }

    /// <summary>Set when the loop died; every later request fails with it.</summary>
    public Exception? Fault { get; private set; }

    public ValueTask EnqueueAsync(CompletionWork work, CancellationToken cancellationToken) =>
        _requests.Writer.WriteAsync(work, cancellationToken);

    public ValueTask EnqueueAsync(ControlWork work, CancellationToken cancellationToken) =>
        _control.Writer.WriteAsync(work, cancellationToken);

    /// <summary>Counters and slot states, read on the loop thread so they are consistent with the KV cache.</summary>
    public RunnerStatus Snapshot()
    {
        var slots = new SlotStatus[_slots.Length];
        for (var i = 0; i < _slots.Length; i++)
        {
            var slot = _slots[i];
            slots[i] = new SlotStatus(slot.Id, slot.Phase switch
            {
                SlotPhase.Waiting => "waiting",
                SlotPhase.Prefill => "prefill",
                SlotPhase.Generating => "generating",
                _ => "idle",
            }, slot.Cached.Count);
        }

        return _template with
        {
            State = Fault is null ? "ready" : "error",
            Error = Fault?.Message,
            Slots = slots,
            MaxSequencesPerBatch = _maxSequencesPerBatch,
            DecodeCalls = _decodeCalls + (_images?.DecodeCalls ?? 0),
            MixedDecodeCalls = _mixedDecodeCalls,
            PromptTokensEvaluated = _promptTokensEvaluated,
            PromptTokensReused = _promptTokensReused,
            PromptTokensShared = _promptTokensShared,
            ImagesEncoded = _imagesEncoded,
            ImageTokensEvaluated = _imageTokensEvaluated,
            KvCellsUsed = _cells.DistinctCells,
        };
    }

    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                RunControlWork();
                DropCancelled();
                ResumeWaiting();
                Admit();
                if (!DecodeOnce())
                {
                    WaitForWork();
                }
            }
        }
        catch (Exception error)
        {
            Fault = error;
        }

        FailEverything(Fault ?? new ObjectDisposedException(nameof(LlamaModelRunner)));
    }

    private void RunControlWork()
    {
        while (_control.Reader.TryRead(out var work))
        {
            // A request cancelled before this status/embedding call must already show as freed.
            DropCancelled();
            work.Execute(this);
        }
    }

    private void DropCancelled()
    {
        foreach (var slot in _slots)
        {
            if (slot.Work is { Cancellation.IsCancellationRequested: true })
            {
                Release(slot, keepCache: false);
            }
        }
    }

    private void Admit()
    {
        while (FreeSlotCount() > 0 && _requests.Reader.TryRead(out var work))
        {
            if (work.Cancellation.IsCancellationRequested)
            {
                work.Dispose();
                work.Output.Writer.TryComplete();
                continue;
            }

            var slot = BestSlot(work.Prompt);
            slot.Work = work;
            work.AdmittedAt = Stopwatch.GetTimestamp();
            Plan(slot);
        }
    }

    /// <summary>The idle slot whose own cached tokens share the longest prefix with the prompt (the cheapest
    /// start when no other slot offers more, see <see cref="Plan"/>).</summary>
    private Slot BestSlot(int[] prompt)
    {
        Slot? best = null;
        var bestCommon = -1;
        foreach (var slot in _slots)
        {
            if (slot.Phase != SlotPhase.Idle)
            {
                continue;
            }

            var common = slot.Cached.CommonPrefix(prompt);
            // On a tie, take the slot with the least cached: its cache is the cheapest to lose.
            if (common > bestCommon || (common == bestCommon && slot.Cached.Count < best!.Cached.Count))
            {
                best = slot;
                bestCommon = common;
            }
        }

        return best!;
    }

    /// <summary>
    /// Decides how an admitted request starts. Prompt tokens another sequence has already decoded are copied
    /// with llama_memory_seq_cp (the unified KV cache then references the same cells from both sequences, so a
    /// shared system prompt is stored and computed once). If a slot still prefilling will decode more of this
    /// prompt than any sequence holds now, the request waits for it instead of computing the same prefix in
    /// parallel. At least the last prompt token is always evaluated: its logits produce the first token. A reused
    /// prefix never ends inside an image (<see cref="ImagePositions"/>): the image is then decoded again whole.
    /// </summary>
    private void Plan(Slot slot)
    {
        var work = slot.Work!;
        var prompt = work.Prompt;
        int Usable(int common) => ImagePositions.SnapBack(prompt, Math.Min(common, prompt.Length - 1));
        var own = Usable(slot.Cached.CommonPrefix(prompt));
        Slot? donor = null;
        var donorCommon = own;
        Slot? leader = null;
        var leaderCommon = own;
        foreach (var other in _slots)
        {
            if (other == slot)
            {
                continue;
            }

            var decoded = Usable(other.Cached.CommonPrefix(prompt));
            if (decoded > donorCommon)
            {
                donor = other;
                donorCommon = decoded;
            }

            if (other.Phase == SlotPhase.Prefill)
            {
                var pending = Usable(PendingCommon(other, prompt));
                if (pending > leaderCommon)
                {
                    leader = other;
                    leaderCommon = pending;
                }
            }
        }

        if (leader is not null && leaderCommon > donorCommon)
        {
            slot.Phase = SlotPhase.Waiting;
            slot.Leader = leader;
            slot.LeaderWork = leader.Work;
            slot.WaitUntil = leaderCommon;
            return;
        }

        var reuse = own;
        if (donor is not null)
        {
            LlamaApi.MemorySeqRm(_memory, slot.Id, -1, -1);
            LlamaApi.MemorySeqCp(_memory, donor.Id, slot.Id, 0, donorCommon);
            slot.Cached.ShareFrom(donor.Cached, donorCommon);
            reuse = donorCommon;
            _promptTokensShared += reuse;
        }
        else
        {
            if (LlamaApi.MemorySeqRm(_memory, slot.Id, reuse, -1) == 0)
            {
                LlamaApi.MemorySeqRm(_memory, slot.Id, -1, -1);
                reuse = 0;
            }

            slot.Cached.Truncate(reuse);
            _promptTokensReused += reuse;
        }

        slot.Phase = SlotPhase.Prefill;
        slot.Leader = null;
        slot.LeaderWork = null;
        slot.Input = prompt;
        slot.InputIndex = reuse;
        work.CachedTokens = reuse;
    }

    /// <summary>Re-plans waiting slots whose leader has decoded the shared prefix, or stopped prefilling that
    /// request (finished, cancelled, failed): a waiting slot never waits on anything but a live prefill.</summary>
    private void ResumeWaiting()
    {
        foreach (var slot in _slots)
        {
            if (slot.Phase == SlotPhase.Waiting && slot.Leader is { } leader
                && (leader.Phase != SlotPhase.Prefill || leader.Work != slot.LeaderWork || leader.Cached.Count >= slot.WaitUntil))
            {
                Plan(slot);
            }
        }
    }

    /// <summary>How much of the prompt a prefilling slot will hold once its remaining input is decoded.</summary>
    private static int PendingCommon(Slot slot, int[] prompt)
    {
        var held = slot.Cached.CommonPrefix(prompt);
        return held < slot.Cached.Count
            ? held
            : held + slot.Input.AsSpan(slot.InputIndex).CommonPrefixLength(prompt.AsSpan(held));
    }

    private int FreeSlotCount()
    {
        var free = 0;
        foreach (var slot in _slots)
        {
            free += slot.Phase == SlotPhase.Idle ? 1 : 0;
        }

        return free;
    }

    /// <summary>Builds and decodes one batch, then samples. Returns false when there was nothing to do.</summary>
    private bool DecodeOnce()
    {
        var batch = _batch;
        if (batch is null)
        {
            return false;
        }

        DecodeImages();
        batch.Clear();
        var sequences = 0;
        foreach (var slot in _slots)
        {
            slot.BatchIndex = -1;
            if (slot.Phase == SlotPhase.Generating && MakeRoom(slot))
            {
                slot.BatchIndex = batch.Add(slot.NextToken, slot.Cached.Count, slot.Id, wantLogits: true);
                slot.Cached.Append(slot.NextToken);
                sequences++;
            }
        }

        var generating = sequences;
        var promptTokens = 0;
        foreach (var slot in _slots)
        {
            if (slot.Phase != SlotPhase.Prefill || promptTokens >= _batchSize)
            {
                continue;
            }

            // Text up to the next image: images are decoded by DecodeImages on the next iteration.
            var take = Math.Min(_batchSize - promptTokens, TextRunLength(slot.Input, slot.InputIndex));
            if (take == 0)
            {
                continue;
            }

            for (var i = 0; i < take; i++)
            {
                var token = slot.Input[slot.InputIndex++];
                var last = slot.InputIndex == slot.Input.Length;
                var index = batch.Add(token, slot.Cached.Count, slot.Id, wantLogits: last);
                slot.Cached.Append(token);
                if (last)
                {
                    slot.BatchIndex = index;
                }
            }

            promptTokens += take;
            sequences++;
        }

        if (batch.Count == 0)
        {
            return HasActiveSlot();
        }

        var status = LlamaApi.Decode(_context, batch.Batch);
        _decodeCalls++;
        _promptTokensEvaluated += promptTokens;
        _maxSequencesPerBatch = Math.Max(_maxSequencesPerBatch, sequences);
        _mixedDecodeCalls += generating > 0 && promptTokens > 0 ? 1 : 0;
        if (status != 0)
        {
            FailActive($"llama_decode failed with status {status}: {LlamaBackend.TakeLoggedErrors() ?? "no KV cache room or invalid batch"}");
            return true;
        }

        foreach (var slot in _slots)
        {
            if (slot.BatchIndex >= 0)
            {
                Sample(slot);
            }
        }

        return true;
    }

    /// <summary>Decodes the image each prefilling slot has next, whole (never half an image in the cache); a slot
    /// whose image ends its prompt samples its first token from the image's last logits right away.</summary>
    private void DecodeImages()
    {
        foreach (var slot in _slots)
        {
            if (slot.Phase != SlotPhase.Prefill || slot.InputIndex >= slot.Input.Length || !ImagePositions.IsImage(slot.Input[slot.InputIndex]))
            {
                continue;
            }

            var work = slot.Work!;
            if (_images is null || work.Images is null || !work.Images.Images.TryGetValue(slot.Input[slot.InputIndex], out var image))
            {
                Fail(slot, "the prompt holds image positions without their image");
                continue;
            }

            var last = slot.InputIndex + image.Tokens == slot.Input.Length;
            int index;
            try
            {
                index = _images.Decode(image, slot.Id, slot.Cached.Count, last);
            }
            catch (InvalidOperationException error)
            {
                Fail(slot, error.Message);
                continue;
            }

            _imagesEncoded++;
            _imageTokensEvaluated += image.Tokens;
            _promptTokensEvaluated += image.Tokens;
            for (var k = 0; k < image.Tokens; k++)
            {
                slot.Cached.Append(image.FirstId - k);
            }

            slot.InputIndex += image.Tokens;
            if (last)
            {
                slot.BatchIndex = index;
                Sample(slot);
            }
        }
    }

    /// <summary>Text tokens from <paramref name="start"/> up to the next image position or the end.</summary>
    private static int TextRunLength(int[] input, int start)
    {
        var end = start;
        while (end < input.Length && !ImagePositions.IsImage(input[end]))
        {
            end++;
        }

        return end - start;
    }

    /// <summary>
    /// Before feeding a token at position Cached.Count: if the request's context is full, shift it (keep
    /// NumKeep tokens, drop half of the rest, move the tail back: llama_memory_seq_rm + seq_add, like Ollama's
    /// ShiftContext) or, with Shift=false, finish with "length". Returns whether the slot feeds its token as a
    /// generating slot now (false: finished, or back in Prefill to re-evaluate a tail whose cells are shared).
    /// </summary>
    private bool MakeRoom(Slot slot)
    {
        var work = slot.Work!;
        if (slot.Cached.Count < work.ContextLength)
        {
            return true;
        }

        if (!work.Request.Shift || LlamaApi.MemoryCanShift(_memory) == 0)
        {
            Finish(slot, "length");
            return false;
        }

        var keep = PromptFitter.KeepOnShift(work.Request.NumKeep, slot.Cached.Count > 0 && slot.Cached[0] == _vocabulary.Bos && _vocabulary.AddsBos, work.ContextLength);
        // Images are kept or dropped whole.
        keep = ImagePositions.SnapBack(slot.Cached.Tokens, keep);
        var discard = ImagePositions.SnapForward(slot.Cached.Tokens, keep + (slot.Cached.Count - keep) / 2) - keep;
        if (slot.Cached.SharesCellsFrom(keep + discard))
        {
            // llama_memory_seq_add moves a cell for every sequence that references it, so cells shared with
            // another slot cannot be shifted: drop them from this sequence and evaluate the kept tail again at
            // its new positions, with the pending token last so its logits give the next token as usual.
            var tail = slot.Cached.TokensFrom(keep + discard);
            LlamaApi.MemorySeqRm(_memory, slot.Id, keep, -1);
            slot.Cached.Truncate(keep);
            slot.Input = [.. tail, slot.NextToken];
            slot.InputIndex = 0;
            slot.Phase = SlotPhase.Prefill;
            return false;
        }

        LlamaApi.MemorySeqRm(_memory, slot.Id, keep, keep + discard);
        LlamaApi.MemorySeqAdd(_memory, slot.Id, keep + discard, -1, -discard);
        slot.Cached.RemoveRange(keep, discard);
        return true;
    }

    private void Sample(Slot slot)
    {
        var work = slot.Work!;
        var now = Stopwatch.GetTimestamp();
        if (work.PromptDoneAt == 0)
        {
            work.PromptDoneAt = now;
        }

        slot.Phase = SlotPhase.Generating;

        var token = LlamaApi.SamplerSample(work.Sampler.DangerousGetHandle(), _context, slot.BatchIndex);
        work.EvalCount++;
        work.Generated?.Add(token);
        TokenLogprob[]? logprobs = null;
        if (work.Request.Logprobs)
        {
            var logits = new ReadOnlySpan<float>(LlamaApi.GetLogitsIth(_context, slot.BatchIndex), _vocabulary.Count);
            logprobs = [LogprobCalculator.Compute(logits, token, Math.Clamp(work.Request.TopLogprobs, 0, 20), PieceBytes)];
        }

        if (_vocabulary.IsEndOfGeneration(token))
        {
            Finish(slot, "stop", logprobs);
            return;
        }

        var length = _vocabulary.TokenToPiece(token, ref _piece);
        var text = work.Stops.Append(work.Utf8.Append(_piece.AsSpan(0, length)));
        if (work.Stops.Stopped)
        {
            Emit(work, text, logprobs);
            Finish(slot, "stop");
            return;
        }

        if (text.Length > 0 || logprobs is not null)
        {
            Emit(work, text, logprobs);
        }

        if (work.EvalCount >= work.PredictLimit)
        {
            Finish(slot, "length");
            return;
        }

        slot.NextToken = token;
    }

    private byte[] PieceBytes(int token)
    {
        var length = _vocabulary.TokenToPiece(token, ref _piece);
        return _piece.AsSpan(0, length).ToArray();
    }

    private static void Emit(CompletionWork work, string text, TokenLogprob[]? logprobs) =>
        work.Output.Writer.TryWrite(new CompletionChunk { Content = text, Logprobs = logprobs });

    private void Finish(Slot slot, string reason, TokenLogprob[]? logprobs = null)
    {
        var work = slot.Work!;
        var tail = work.Stops.Stopped ? "" : work.Stops.Append(work.Utf8.Flush());
        if (!work.Stops.Stopped)
        {
            tail += work.Stops.Flush();
        }

        var end = Stopwatch.GetTimestamp();
        var promptDone = work.PromptDoneAt == 0 ? end : work.PromptDoneAt;
        List<int>? context = null;
        if (work.Generated is not null)
        {
            // Image positions carry negative ids that only this slot's cache understands, so the returned context
            // is the text around them, which a client can send back (Ollama's context holds text tokens only).
            context = new List<int>(work.Prompt.Length + work.Generated.Count);
            context.AddRange(work.Prompt.Where(token => !ImagePositions.IsImage(token)));
            context.AddRange(work.Generated);
        }

        work.Output.Writer.TryWrite(new CompletionChunk
        {
            Content = tail,
            Logprobs = logprobs,
            Done = true,
            DoneReason = reason,
            PromptEvalCount = work.Prompt.Length - work.CachedTokens,
            PromptEvalDurationNs = (long)Stopwatch.GetElapsedTime(work.AdmittedAt, promptDone).TotalNanoseconds,
            EvalCount = work.EvalCount,
            EvalDurationNs = (long)Stopwatch.GetElapsedTime(promptDone, end).TotalNanoseconds,
            CachedPromptTokens = work.CachedTokens,
            TruncatedPromptTokens = work.TruncatedTokens,
            Context = context,
        });
        Release(slot, keepCache: true);
    }

    /// <summary>Frees the slot. A finished request leaves its tokens cached for prefix reuse; a cancelled or
    /// failed one removes its KV cells.</summary>
    private void Release(Slot slot, bool keepCache)
    {
        var work = slot.Work!;
        if (!keepCache)
        {
            LlamaApi.MemorySeqRm(_memory, slot.Id, -1, -1);
            slot.Cached.Truncate(0);
        }

        work.Output.Writer.TryComplete();
        work.Dispose();
        slot.Work = null;
        slot.Phase = SlotPhase.Idle;
        slot.BatchIndex = -1;
        slot.Leader = null;
        slot.LeaderWork = null;
    }

    private void FailActive(string message)
    {
        foreach (var slot in _slots)
        {
            if (slot.Work is not null)
            {
                Fail(slot, message);
            }
        }
    }

    private void Fail(Slot slot, string message)
    {
        slot.Work!.Output.Writer.TryWrite(new CompletionChunk { Done = true, Error = message });
        Release(slot, keepCache: false);
    }

    private bool HasActiveSlot()
    {
        foreach (var slot in _slots)
        {
            if (slot.Phase != SlotPhase.Idle)
            {
                return true;
            }
        }

        return false;
    }

    private void WaitForWork()
    {
        var control = _control.Reader.WaitToReadAsync();
        if (FreeSlotCount() == 0)
        {
            // Embedding-only runner (no slots): only control work can arrive.
            control.AsTask().Wait();
            return;
        }

        var requests = _requests.Reader.WaitToReadAsync();
        if (requests.IsCompleted || control.IsCompleted)
        {
            return;
        }

        Task.WaitAny(requests.AsTask(), control.AsTask());
    }

    private void FailEverything(Exception error)
    {
        if (_slots.Length > 0)
        {
            FailActive(error.Message);
        }

        _requests.Writer.TryComplete();
        _control.Writer.TryComplete();
        while (_requests.Reader.TryRead(out var work))
        {
            work.Dispose();
            work.Output.Writer.TryWrite(new CompletionChunk { Done = true, Error = error.Message });
            work.Output.Writer.TryComplete();
        }

        while (_control.Reader.TryRead(out var control))
        {
            control.Fail(error);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _requests.Writer.TryComplete();
        _control.Writer.TryComplete();
        _thread.Join();
        _batch?.Dispose();
        _images?.Dispose();
        Embeddings.Dispose();
        _contextHandle?.Dispose();
    }
}
