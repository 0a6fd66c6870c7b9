namespace Corral.Engine;

/// <summary>
/// One KV sequence (seq_id = <see cref="Id"/>). <see cref="Cached"/> is exactly the tokens held in its KV cells
/// at positions 0..Count-1, which is what prefix reuse compares new prompts against.
/// </summary>
internal sealed class Slot(int id, KvCellLedger ledger)
{
    public int Id { get; } = id;

    public KvSequence Cached { get; } = new(ledger);

    public CompletionWork? Work { get; set; }

    public SlotPhase Phase { get; set; } = SlotPhase.Idle;

    /// <summary>Tokens still to evaluate in the Prefill phase, from <see cref="InputIndex"/> on: the prompt, or
    /// after a context shift that could not move shared cells, the kept tail plus <see cref="NextToken"/>.</summary>
    public int[] Input { get; set; } = [];

    public int InputIndex { get; set; }

    /// <summary>The sampled token to feed on the next decode (Generating phase).</summary>
    public int NextToken { get; set; }

    /// <summary>Batch index whose logits belong to this slot in the current iteration, or -1.</summary>
    public int BatchIndex { get; set; } = -1;

    /// <summary>Waiting phase: the slot prefilling the prompt prefix this one will copy instead of computing,
    /// the request it was prefilling then, and how many of its positions must be decoded first.</summary>
    public Slot? Leader { get; set; }

    public CompletionWork? LeaderWork { get; set; }

    public int WaitUntil { get; set; }
}
