using System.Collections;
using System.Text;
using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>Builds a JSON object field by field like encoding/json does for a struct, honouring omitempty.</summary>
internal sealed class GoJsonObject
{
    private readonly StringBuilder _json = new("{");

    public GoJsonObject Add(string name, object? value)
    {
        if (_json.Length > 1)
        {
            _json.Append(',');
        }

        GoJson.WriteString(_json, name);
        _json.Append(':').Append(GoJson.Marshal(value));
        return this;
    }

    /// <summary>omitempty: skips null, "", empty lists and maps.</summary>
    public GoJsonObject AddIfPresent(string name, object? value) => value switch
    {
        null => this,
        string { Length: 0 } => this,
        PropertyTypeValue { Types.Count: 0 } => this,
        ICollection { Count: 0 } => this,
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => this,
        _ => Add(name, value),
    };

    public override string ToString() => _json.ToString() + "}";
}
