namespace Corral.Engine;

/// <summary>
/// Mirrors llama.cpp's unified KV cache bookkeeping, which has no public call that counts used cells: a cell
/// lives while at least one sequence references it (llama_memory_seq_cp adds a reference, llama_memory_seq_rm
/// drops one). Cell ids here are our own, not llama.cpp's indices; only identity and reference counts matter.
/// </summary>
internal sealed class KvCellLedger
{
    private readonly Dictionary<long, int> _references = [];
    private long _next;

    /// <summary>Distinct cells held by any sequence: a prefix shared by several sequences counts once.</summary>
    public int DistinctCells => _references.Count;

    public long Allocate()
    {
        _references.Add(_next, 1);
        return _next++;
    }

    public void AddReference(long cell) => _references[cell]++;

    public void Release(long cell)
    {
        if (--_references[cell] == 0)
        {
            _references.Remove(cell);
        }
    }

    public bool IsShared(long cell) => _references[cell] > 1;
}
