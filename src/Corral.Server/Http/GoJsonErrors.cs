using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Contracts.Json;

namespace Corral.Server.Http;

/// <summary>
/// Turns a System.Text.Json failure into the message Go's <c>encoding/json</c> gives for the same input, which
/// Ollama returns verbatim: <c>unexpected EOF</c>, <c>invalid character 'x' looking for beginning of value</c>,
/// <c>json: cannot unmarshal string into Go struct field GenerateRequest.stream of type bool</c>.
/// </summary>
public static class GoJsonErrors
{
    public static string Describe(JsonException error, ReadOnlySpan<byte> body, JsonTypeInfo typeInfo)
    {
        if (SyntaxError(body) is { } syntax)
        {
            return syntax;
        }
        var segments = ParsePath(error.Path ?? "$");
        var value = ValueAt(body, segments);
        var kind = Kind(value);
        var (goType, fieldPath) = FieldAt(typeInfo, segments);
        if (goType == "api.ImageData" && value.ValueKind == JsonValueKind.String && GoBase64.CorruptOffset(value.GetString()!) is { } offset)
        {
            return $"illegal base64 data at input byte {offset}";
        }
        if (fieldPath.Length == 0)
        {
            return $"json: cannot unmarshal {kind} into Go value of type {goType}";
        }
        return $"json: cannot unmarshal {kind} into Go struct field {typeInfo.Type.Name}.{fieldPath} of type {goType}";
    }

    // Go reports syntax errors before type errors, so check the whole document first.
    private static string? SyntaxError(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions());
        try
        {
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException)
        {
            var offset = (int)reader.BytesConsumed;
            while (offset < body.Length && body[offset] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                offset++;
            }
            if (offset >= body.Length)
            {
                return "unexpected EOF";
            }
            var context = reader.TokenType switch
            {
                JsonTokenType.StartObject => "looking for beginning of object key string",
                JsonTokenType.None or JsonTokenType.PropertyName or JsonTokenType.StartArray => "looking for beginning of value",
                _ when reader.CurrentDepth == 0 => "after top-level value",
                _ => "after object key:value pair",
            };
            return $"invalid character {QuoteChar(body[offset..])} {context}";
        }
    }

    private static string QuoteChar(ReadOnlySpan<byte> rest)
    {
        var text = Encoding.UTF8.GetString(rest[..Math.Min(4, rest.Length)]);
        var first = text.Length > 0 ? char.ConvertFromUtf32(char.ConvertToUtf32(text, 0)) : "?";
        return first == "'" ? "'\\''" : $"'{first}'";
    }

    private static List<object> ParsePath(string path)
    {
        var segments = new List<object>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                var inner = path[(i + 1)..end];
                segments.Add(inner.StartsWith('\'') ? inner.Trim('\'') : int.Parse(inner, System.Globalization.CultureInfo.InvariantCulture));
                i = end + 1;
            }
            else
            {
                break;
            }
        }
        return segments;
    }

    private static JsonElement ValueAt(ReadOnlySpan<byte> body, List<object> segments)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var element = document.RootElement;
        foreach (var segment in segments)
        {
            if (segment is string name && element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child))
            {
                element = child;
            }
            else if (segment is int index && element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength())
            {
                element = element[index];
            }
        }
        return element.Clone();
    }

    private static string Kind(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => "null",
        };

    private static (string GoType, string FieldPath) FieldAt(JsonTypeInfo root, List<object> segments)
    {
        var type = root.Type;
        var fields = new List<string>();
        foreach (var segment in segments)
        {
            if (segment is string name)
            {
                var info = root.Options.GetTypeInfo(type);
                var property = info.Properties.FirstOrDefault(p => p.Name == name);
                if (property is null)
                {
                    break;
                }
                fields.Add(name);
                type = property.PropertyType;
            }
            else
            {
                type = ElementType(type) ?? type;
            }
        }
        return (GoTypeName(type), string.Join('.', fields));
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        return type.IsGenericType && type.GetGenericArguments() is [var element] ? element : null;
    }

    private static readonly Dictionary<Type, string> _goScalarNames = new()
    {
        [typeof(bool)] = "bool",
        [typeof(string)] = "string",
        [typeof(int)] = "int",
        [typeof(long)] = "int64",
        [typeof(ulong)] = "uint64",
        [typeof(double)] = "float64",
        [typeof(float)] = "float32",
        [typeof(byte[])] = "api.ImageData",
        [typeof(JsonElement)] = "json.RawMessage",
    };

    private static string GoTypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (_goScalarNames.TryGetValue(type, out var scalar))
        {
            return scalar;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var value = type.GetGenericArguments()[1];
            return "map[string]" + (value == typeof(JsonElement) ? "interface {}" : GoTypeName(value));
        }
        return ElementType(type) is { } element ? "[]" + GoTypeName(element) : "api." + type.Name;
    }
}
