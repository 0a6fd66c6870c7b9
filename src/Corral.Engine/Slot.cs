namespace Corral.Engine;

/// <summary>
/// One KV sequence (seq_id = <see cref="Id"/>). <see cref="Cached"/> is exactly the tokens held in its KV cells
/// at positions 0..Count-1, which is what prefix reuse compares new prompts against.
/// </summary>
internal sealed class Slot(int id)
{
    public int Id { get; } = id;

    public List<int> Cached { get; } = [];

    public CompletionWork? Work { get; set; }

    public SlotPhase Phase { get; set; } = SlotPhase.Idle;

    /// <summary>The sampled token to feed on the next decode (Generating phase).</summary>
    public int NextToken { get; set; }

    /// <summary>Batch index whose logits belong to this slot in the current iteration, or -1.</summary>
    public int BatchIndex { get; set; } = -1;
}
