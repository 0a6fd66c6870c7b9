using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>What an ordered map's <c>.All</c> returns: its entries in original order for <c>range $k, $v :=</c>.</summary>
internal sealed class OrderedPairsValue(IReadOnlyList<KeyValuePair<string, object?>> entries) : IOrderedMap
{
    public IEnumerable<(object? Key, object? Value)> Pairs => entries.Select(p => ((object?)p.Key, p.Value));
}
