using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>What <c>.Properties.All</c> returns: the properties in request order for <c>range $name, $p :=</c>.</summary>
internal sealed class OrderedPropertiesValue(IReadOnlyList<KeyValuePair<string, ToolPropertyValue>> properties) : IOrderedMap
{
    public IEnumerable<(object? Key, object? Value)> Pairs => properties.Select(p => ((object?)p.Key, (object?)p.Value));
}
