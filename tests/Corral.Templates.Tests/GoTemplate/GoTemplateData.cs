using System.Text.Json;

namespace Corral.Templates.Tests.GoTemplate;

/// <summary>The data every engine case runs against (like tVal in Go's exec_test.go).</summary>
internal static class GoTemplateData
{
    public static Dictionary<string, object?> Create() => new()
    {
        ["S"] = "hello",
        ["Empty"] = "",
        ["I"] = 17,
        ["Zero"] = 0,
        ["Neg"] = -5,
        ["F"] = 1.5,
        ["Big"] = 1e6,
        ["T"] = true,
        ["B"] = false,
        ["List"] = new List<object?> { "a", "b", "c" },
        ["EmptyList"] = new List<object?>(),
        ["Nums"] = new List<object?> { 1, 2, 3 },
        ["Map"] = new Dictionary<string, object?> { ["x"] = 1, ["y"] = "two", ["a"] = "first" },
        ["EmptyMap"] = new Dictionary<string, object?>(),
        ["Nil"] = null,
        ["User"] = new TestUser("Ann", 30, new TestUser("Bob", 40, null)),
        ["Users"] = new List<object?> { new TestUser("Ann", 30, null), new TestUser("Cy", 20, null) },
        ["Json"] = JsonDocument.Parse("""{"b":1,"a":[1,2],"s":"<x>","f":2.5,"o":{"k":"v"},"n":null,"t":true}""").RootElement,
        ["Html"] = "<a href=\"x\">'&'</a>",
        ["Nested"] = new Dictionary<string, object?> { ["Inner"] = new Dictionary<string, object?> { ["Value"] = "deep" } },
        ["Unicode"] = "héllo",
    };
}
