using System.Collections;
using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>
/// The properties map: a Go map to templates (index by name, range in sorted order), but marshalled in the
/// order the request listed the properties, as Ollama's ordered properties map does.
/// </summary>
internal sealed class ToolPropertiesValue : IDictionary, IGoJsonMarshaler
{
    private readonly List<KeyValuePair<string, ToolPropertyValue>> _ordered;
    private readonly Hashtable _lookup = [];

    private ToolPropertiesValue(List<KeyValuePair<string, ToolPropertyValue>> ordered)
    {
        _ordered = ordered;
        foreach (var (name, property) in ordered)
        {
            _lookup[name] = property;
        }
    }

    public static ToolPropertiesValue From(JsonElement? properties) => new(
        properties is { ValueKind: JsonValueKind.Object } json
            ? json.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ToolPropertyValue.From(p.Value))).ToList()
            : []);

    /// <summary>Ollama's ToolPropertiesMap.All: the properties in the order the request listed them.</summary>
    public OrderedPropertiesValue All => new(_ordered);

    /// <summary>Ollama's ToolPropertiesMap.ToMap: a plain map (range visits it in sorted key order).</summary>
    public ToolPropertiesValue ToMap => this;

    public string MarshalJson()
    {
        var json = new GoJsonObject();
        foreach (var (name, property) in _ordered)
        {
            json.Add(name, property);
        }

        return json.ToString();
    }

    public object? this[object key]
    {
        get => _lookup[key];
        set => throw new NotSupportedException();
    }

    public ICollection Keys => _lookup.Keys;

    public ICollection Values => _lookup.Values;

    public bool IsReadOnly => true;

    public bool IsFixedSize => true;

    public int Count => _ordered.Count;

    public bool IsSynchronized => false;

    public object SyncRoot => _lookup;

    public bool Contains(object key) => _lookup.Contains(key);

    public IDictionaryEnumerator GetEnumerator() => _lookup.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(object key, object? value) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public void Remove(object key) => throw new NotSupportedException();

    public void CopyTo(Array array, int index) => _lookup.CopyTo(array, index);
}
