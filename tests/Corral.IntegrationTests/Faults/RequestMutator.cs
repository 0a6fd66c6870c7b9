using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Store.Names;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// Seeded mutations of valid requests: truncation, wrong types, huge and negative numbers, invalid UTF-8, deep
/// nesting, unknown fields, wrong methods and content types, empty bodies, bad model names and digests, garbage.
/// </summary>
public sealed class RequestMutator(Random random, string registryHost)
{
    private const string Mark = "__corral_fuzz_mark__";

    // A limit outside 1..4 (0 and negatives mean "no limit") would generate up to 10 x num_ctx tokens, minutes on
    // a loaded CI machine; the fuzz model's own num_predict covers a limit that is null or removed.
    private static readonly string[] TokenLimits = ["num_predict", "max_tokens", "max_completion_tokens", "max_output_tokens"];

    private static readonly string[] Numbers =
    [
        "-1", "-2", "0", "-0", "3.5", "-2147483649", "2147483648", "9223372036854775808", "-9223372036854775809",
        "1e309", "-1e309", "1e-400", "99999999999999999999999999999", "1E+2", "0.0000001",
    ];

    private static readonly string[] BadNames =
    [
        "", " ", "../../etc/passwd", "/etc/passwd", "a/b/c/d/e/f", "x:y:z", "tiny:", ":latest", "tiny@sha256:abc",
        "sha256:../../x", "sha256:" + new string('0', 64), "con", "nul:latest", "tiny\u0000x", "http://evil.example/x",
        "%2e%2e/%2e%2e/x", "-tiny", "tiny/", "t" + new string('a', 4000), "\U0001D518\U0001D52B", "sha256-abc",
    ];

    private static readonly string[] BadDigests =
    [
        "sha256:../../x", "sha256-" + new string('a', 63), "sha256:" + new string('A', 64), "md5:" + new string('0', 32),
        "sha256:" + new string('g', 64), "..%2F..%2Fetc%2Fpasswd", "sha256:" + new string('0', 65), "%00", "sha256:",
    ];

    private static readonly string[] UnknownFields = ["__proto__", "", "constructor", "model\u0000", "zzz", "Model", "STREAM", "options.x"];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
        "application/xml", "*/*", "garbage",
    ];

    public FuzzRequest Mutate(RequestTemplate template)
    {
        var body = template.Body is null ? null : Encoding.UTF8.GetBytes(template.Body);
        var kind = random.Next(12);
        var request = kind switch
        {
            0 => With(template, body?[..random.Next(body.Length)], "truncated"),
            1 => Replace(template, RandomValueOfAnotherType, "wrong type"),
            2 => Replace(template, _ => Numbers[random.Next(Numbers.Length)], "number"),
            3 => Replace(template, _ => "\"a\uFFFDb\"", "invalid UTF-8", invalidUtf8: true),
            4 => Replace(template, _ => Nested(random.Next(3) switch { 0 => 65, 1 => 1000, _ => 20000 }), "deep nesting"),
            5 => AddUnknownField(template),
            6 => new FuzzRequest(Methods.Where(m => m != template.Method).ElementAt(random.Next(Methods.Length - 1)),
                template.Path, body, "application/json", "wrong method"),
            7 => new FuzzRequest(template.Method, template.Path, body, ContentTypes[random.Next(ContentTypes.Length)], "wrong content type"),
            8 => With(template, [], "empty body"),
            9 => BadName(template),
            10 => BadDigest(template),
            _ => With(template, Garbage(), "garbage"),
        };
        return Cheap(template, request);
    }

    private static FuzzRequest With(RequestTemplate template, byte[]? body, string description) =>
        new(template.Method, template.Path, body, "application/json", description);

    // Replaces one random node (or the whole body) with raw JSON text produced by replacement(node).
    private FuzzRequest Replace(RequestTemplate template, Func<JsonNode?, string> replacement, string description, bool invalidUtf8 = false)
    {
        var root = Parse(template);
        if (root is null)
        {
            return With(template, Garbage(), description + " (no JSON body: garbage)");
        }
        var nodes = Descendants(root).ToList();
        if (nodes.Count == 0)
        {
            return With(template, Garbage(), description + " (empty JSON body: garbage)");
        }
        var (parent, key, node) = nodes[random.Next(nodes.Count)];
        var raw = replacement(node);
        SetChild(parent, key, Mark);
        var text = root.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(text.Replace($"\"{Mark}\"", raw, StringComparison.Ordinal));
        if (invalidUtf8)
        {
            bytes = InvalidUtf8(bytes);
        }
        return With(template, bytes, $"{description} at {Where(parent, key)}");
    }

    private FuzzRequest AddUnknownField(RequestTemplate template)
    {
        var root = Parse(template);
        if (root is not JsonObject)
        {
            return With(template, Garbage(), "unknown field (no JSON body: garbage)");
        }
        var objects = Descendants(root).Select(d => d.Node).OfType<JsonObject>().Prepend(root).ToList();
        var target = (JsonObject)objects[random.Next(objects.Count)];
        var name = UnknownFields[random.Next(UnknownFields.Length)] + random.Next(3);
        target[name] = JsonNode.Parse(RandomValueOfAnotherType(null));
        return With(template, Encoding.UTF8.GetBytes(root.ToJsonString()), $"unknown field {name}");
    }

    private FuzzRequest BadName(RequestTemplate template)
    {
        var name = BadNames[random.Next(BadNames.Length)];
        if (template.Path.StartsWith("v1/models/", StringComparison.Ordinal))
        {
            return new FuzzRequest(template.Method, "v1/models/" + Uri.EscapeDataString(name), null, null, $"bad name {name}");
        }
        if (Parse(template) is not JsonObject root)
        {
            return BadDigest(template);
        }
        var field = new[] { "model", "name", "source", "destination", "from" }.Where(root.ContainsKey).DefaultIfEmpty("model").ToList();
        var chosen = field[random.Next(field.Count)];
        root[chosen] = name;
        return With(template, Encoding.UTF8.GetBytes(root.ToJsonString()), $"bad name {chosen}={name}");
    }

    private FuzzRequest BadDigest(RequestTemplate template)
    {
        var digest = BadDigests[random.Next(BadDigests.Length)];
        if (template.Path.StartsWith("api/blobs/", StringComparison.Ordinal))
        {
            return new FuzzRequest(template.Method, "api/blobs/" + digest, template.Body is null ? null : Encoding.UTF8.GetBytes(template.Body),
                "application/octet-stream", $"bad digest {digest}");
        }
        // A digest where a file reference or a name is expected.
        var root = Parse(template) as JsonObject ?? new JsonObject();
        if (root.ContainsKey("files"))
        {
            root["files"] = new JsonObject { ["model.gguf"] = digest };
        }
        else
        {
            root["model"] = digest;
        }
        return With(template, Encoding.UTF8.GetBytes(root.ToJsonString()), $"bad digest {digest}");
    }

    // Keeps a mutated inference request cheap and a mutated registry request on the local registry: neither is
    // what the server is tested for here (limits and pull retries have their own tests), but either could make one
    // case last minutes.
    private FuzzRequest Cheap(RequestTemplate template, FuzzRequest request)
    {
        if (request.Body is null || (!template.Inference && !template.Registry) || !System.Text.Unicode.Utf8.IsValid(request.Body))
        {
            return request;
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(request.Body);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return request;
        }
        if (root is not JsonObject body)
        {
            return request;
        }
        var changed = false;
        foreach (var holder in new[] { body, body["options"] as JsonObject })
        {
            foreach (var limit in TokenLimits)
            {
                if (holder?[limit] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
                    && !(value.TryGetValue<long>(out var tokens) && tokens is >= 1 and <= 4))
                {
                    holder[limit] = 2;
                    changed = true;
                }
            }
        }
        if (template.Registry)
        {
            foreach (var field in new[] { "model", "name" })
            {
                if (body[field] is JsonValue value && value.TryGetValue<string>(out var text) && ModelName.Parse(text) is { IsValid: true } name
                    && name.Host != registryHost)
                {
                    body[field] = (name with { Host = registryHost }).DisplayFull;
                    changed = true;
                }
            }
            // Plain HTTP to the local registry: an https attempt would be retried for a minute.
            if (body["insecure"] is JsonValue insecure && insecure.TryGetValue<bool>(out var flag) && !flag)
            {
                body["insecure"] = true;
                changed = true;
            }
        }
        return changed ? request with { Body = Encoding.UTF8.GetBytes(body.ToJsonString()) } : request;
    }

    private string RandomValueOfAnotherType(JsonNode? node)
    {
        string[] values = ["\"\"", "\"🙂 a b\"", "123", "-7", "true", "false", "null", "[]", "[1,\"x\",null]", "{}", "{\"a\":{\"b\":[]}}", "0.5"];
        var kind = node?.GetValueKind();
        while (true)
        {
            var value = values[random.Next(values.Length)];
            if (JsonNode.Parse(value)?.GetValueKind() is var candidate && candidate != kind
                && !(kind is JsonValueKind.True or JsonValueKind.False && candidate is JsonValueKind.True or JsonValueKind.False))
            {
                return value;
            }
        }
    }

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private byte[] Garbage()
    {
        var bytes = new byte[random.Next(1, 512)];
        random.NextBytes(bytes);
        return bytes;
    }

    // The U+FFFD placeholder becomes bytes that are not UTF-8: a lone continuation byte, an overlong form, 0xFF.
    private byte[] InvalidUtf8(byte[] bytes)
    {
        byte[][] invalid = [[0x80], [0xC0, 0xAF], [0xFF], [0xED, 0xA0, 0x80], [0xE2, 0x82]];
        var replacement = invalid[random.Next(invalid.Length)];
        var placeholder = Encoding.UTF8.GetBytes("\uFFFD");
        var at = bytes.AsSpan().IndexOf(placeholder);
        return [.. bytes[..at], .. replacement, .. bytes[(at + placeholder.Length)..]];
    }

    // Null for requests without a JSON body (HEAD, GET, a blob upload).
    private static JsonNode? Parse(RequestTemplate template)
    {
        try
        {
            return template.Body is null ? null : JsonNode.Parse(template.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<(JsonNode Parent, object Key, JsonNode? Node)> Descendants(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    yield return (obj, key, child);
                    if (child is not null)
                    {
                        foreach (var descendant in Descendants(child))
                        {
                            yield return descendant;
                        }
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i, array[i]);
                    if (array[i] is { } child)
                    {
                        foreach (var descendant in Descendants(child))
                        {
                            yield return descendant;
                        }
                    }
                }
                break;
        }
    }

    private static void SetChild(JsonNode parent, object key, string value)
    {
        if (parent is JsonObject obj)
        {
            obj[(string)key] = value;
        }
        else
        {
            ((JsonArray)parent)[(int)key] = value;
        }
    }

    private static string Where(JsonNode parent, object key) => $"{parent.GetPath()}/{key}";
}
