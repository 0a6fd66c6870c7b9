using System.Runtime.InteropServices;

namespace Corral.Engine;

/// <summary>
/// The tokens one KV sequence holds at positions 0..Count-1 and which ledger cell each sits in. Every change
/// here must match the llama_memory_* call made next to it, so the ledger knows which cells are shared.
/// </summary>
internal sealed class KvSequence(KvCellLedger ledger)
{
    private readonly List<int> _tokens = [];
    private readonly List<long> _cells = [];

    public int Count => _tokens.Count;

    public int this[int index] => _tokens[index];

    /// <summary>The tokens, valid until the next change.</summary>
    public ReadOnlySpan<int> Tokens => CollectionsMarshal.AsSpan(_tokens);

    /// <summary>A token just decoded into a fresh cell at position Count.</summary>
    public void Append(int token) => Append(token, ledger.Allocate());

    /// <summary>Drops positions [index, index + count) (llama_memory_seq_rm) and moves the rest down
    /// (llama_memory_seq_add); the moved cells keep their identity.</summary>
    public void RemoveRange(int index, int count)
    {
        for (var i = index; i < index + count; i++)
        {
            ledger.Release(_cells[i]);
        }

        _tokens.RemoveRange(index, count);
        _cells.RemoveRange(index, count);
    }

    public void Truncate(int count) => RemoveRange(count, Count - count);

    /// <summary>Replaces this sequence by the first <paramref name="count"/> cells of another
    /// (llama_memory_seq_rm of everything, then llama_memory_seq_cp [0, count)).</summary>
    public void ShareFrom(KvSequence source, int count)
    {
        Truncate(0);
        for (var i = 0; i < count; i++)
        {
            ledger.AddReference(source._cells[i]);
            Append(source._tokens[i], source._cells[i]);
        }
    }

    public int CommonPrefix(ReadOnlySpan<int> tokens) => CollectionsMarshal.AsSpan(_tokens).CommonPrefixLength(tokens);

    /// <summary>Whether another sequence also references a cell at position <paramref name="index"/> or later.</summary>
    public bool SharesCellsFrom(int index)
    {
        for (var i = index; i < Count; i++)
        {
            if (ledger.IsShared(_cells[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The tokens from <paramref name="index"/> on.</summary>
    public int[] TokensFrom(int index) => _tokens.GetRange(index, Count - index).ToArray();

    private void Append(int token, long cell)
    {
        _tokens.Add(token);
        _cells.Add(cell);
    }
}
