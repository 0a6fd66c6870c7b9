using Corral.Store.Create;
using Corral.Store.Modelfiles;

namespace Corral.Store.Tests;

public sealed class ModelfileConverterTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ModelfileBecomesACreateRequestThatCreates()
    {
        var dir = Path.GetRelativePath(Directory.GetCurrentDirectory(), TestPaths.Models);
        var text = """
            FROM ./llama-2-tiny-random.gguf
            SYSTEM "be nice"
            PARAMETER temperature 0.2
            PARAMETER stop A
            PARAMETER stop B
            LICENSE one
            LICENSE two
            MESSAGE user hi
            """;
        var uploads = new List<string>();
        var request = await ModelfileConverter.ToCreateRequestAsync("fromfile", ModelfileParser.Parse(text), dir,
            async (path, ct) =>
            {
                uploads.Add(path);
                return (await _temp.Store.Blobs.AddFileAsync(path, ct)).Digest.ToString();
            });

        Assert.Equal([Path.GetFullPath(TestPaths.TinyLlama2)], uploads);
        Assert.Equal(["llama-2-tiny-random.gguf"], request.Files!.Keys);
        Assert.Null(request.From);
        Assert.Equal("be nice", request.System);
        Assert.Equal(["one", "two"], request.License!);
        Assert.Equal("{\"temperature\":0.2,\"stop\":[\"A\",\"B\"]}", request.Parameters!.ToJsonString());

        var progress = await StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store), request);
        Assert.Equal("success", progress[^1].Status);
        var shown = new Show.ShowService(_temp.Store).Show("fromfile");
        Assert.Equal("one\ntwo", shown.License);
    }

    [Fact]
    public async Task FromThatIsNotAFileIsAModelName()
    {
        var request = await ModelfileConverter.ToCreateRequestAsync("m", ModelfileParser.Parse("FROM llama3:8b"), ".",
            (_, _) => throw new InvalidOperationException("nothing to upload"));
        Assert.Equal("llama3:8b", request.From);
        Assert.Null(request.Files);
    }
}
