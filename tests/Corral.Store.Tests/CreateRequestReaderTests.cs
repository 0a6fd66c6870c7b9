using System.Text.Json.Nodes;
using Corral.Store.Create;

namespace Corral.Store.Tests;

public sealed class CreateRequestReaderTests
{
    private static CreateModelRequest Read(string json) => CreateRequestReader.Read(JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void ReadsEveryFieldWithAliases()
    {
        var r = Read("""
            {"name":"m","from":"base","files":{"a.gguf":"sha256:00"},"adapters":{"l.gguf":"sha256:11"},
             "template":"t","system":"s","license":"MIT","parameters":{"temperature":0.1},
             "messages":[{"role":"user","content":"hi"}],"renderer":"r","parser":"p","requires":"0.1.0","quantization":"q8_0"}
            """);
        Assert.Equal("m", r.Model);
        Assert.Equal("base", r.From);
        Assert.Equal("sha256:00", r.Files!["a.gguf"]);
        Assert.Equal("sha256:11", r.Adapters!["l.gguf"]);
        Assert.Equal(("t", "s", "r", "p", "0.1.0", "q8_0"), (r.Template, r.System, r.Renderer, r.Parser, r.Requires, r.Quantize));
        Assert.Equal(["MIT"], r.License!);
        Assert.Equal("{\"temperature\":0.1}", r.Parameters!.ToJsonString());
        Assert.Equal([new Manifests.ModelMessage("user", "hi")], r.Messages!);
    }

    [Fact]
    public void ModelWinsOverNameAndLicenseMayBeAList()
    {
        var r = Read("""{"model":"a","name":"b","license":["x","y"],"quantize":"q4_K_M","quantization":"q8_0"}""");
        Assert.Equal("a", r.Model);
        Assert.Equal(["x", "y"], r.License!);
        Assert.Equal("q4_K_M", r.Quantize);
    }

    [Theory]
    [InlineData("""{"system":1}""", "json: cannot unmarshal number into Go struct field CreateRequest.system of type string")]
    [InlineData("""{"files":[]}""", "json: cannot unmarshal array into Go struct field CreateRequest.files of type map[string]string")]
    [InlineData("""{"files":{"a":true}}""", "json: cannot unmarshal bool into Go struct field CreateRequest.files of type string")]
    [InlineData("""{"license":3}""", "license must be a string or an array of strings")]
    public void WrongTypesAreBadRequests(string json, string message)
    {
        var e = Assert.Throws<StoreException>(() => Read(json));
        Assert.Equal((400, message), (e.Status, e.Message));
    }
}
