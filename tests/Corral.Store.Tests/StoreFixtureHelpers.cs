using Corral.Store.Create;

namespace Corral.Store.Tests;

/// <summary>Shared steps of store tests: upload a fixture GGUF as a blob and drain a create.</summary>
internal static class StoreFixtureHelpers
{
    public static async Task<string> UploadAsync(TempStore temp, string path)
    {
        var info = await temp.Store.Blobs.AddFileAsync(path);
        return info.Digest.ToString();
    }

    public static async Task<List<CreateProgress>> CreateAsync(CreateService service, CreateModelRequest request)
    {
        var progress = new List<CreateProgress>();
        await foreach (var p in service.CreateAsync(request))
        {
            progress.Add(p);
        }

        return progress;
    }
}
