namespace Corral.Templates.GoTemplate;

/// <summary>
/// A map that <c>range</c> walks in its own order instead of Go's sorted key order, like ranging over an
/// <c>iter.Seq2</c> (Ollama's ordered properties map exposes one as <c>.All</c>).
/// </summary>
public interface IOrderedMap
{
    IEnumerable<(object? Key, object? Value)> Pairs { get; }
}
