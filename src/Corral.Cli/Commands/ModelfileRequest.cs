using System.Security.Cryptography;
using System.Text.Json;
using Corral.Cli.Progress;
using Corral.Contracts.Ollama;
using Corral.Store.Modelfiles;

namespace Corral.Cli.Commands;

/// <summary>
/// The client side of <c>ollama create</c>: parses the Modelfile, uploads every FROM/ADAPTER file as a blob
/// (<c>HEAD</c> then <c>POST /api/blobs/sha256:…</c>, spinner <c>copying file sha256:… NN%</c>) and builds the
/// <c>/api/create</c> body (https://github.com/ollama/ollama/blob/main/parser/parser.go <c>CreateRequest</c>).
/// </summary>
public static class ModelfileRequest
{
    public static async Task<CreateRequest> BuildAsync(CliContext context, string model, string modelfilePath, ProgressDisplay display, CancellationToken ct)
    {
        var commands = ModelfileParser.Parse(await File.ReadAllTextAsync(modelfilePath, ct).ConfigureAwait(false));
        var directory = Path.GetDirectoryName(Path.GetFullPath(modelfilePath))!;
        var request = await ModelfileConverter.ToCreateRequestAsync(model, commands, directory,
            (path, token) => UploadAsync(context, path, display, token), null, ct).ConfigureAwait(false);
        return new CreateRequest
        {
            Model = request.Model,
            From = request.From,
            Files = request.Files?.ToDictionary(),
            Adapters = request.Adapters?.ToDictionary(),
            Template = request.Template,
            System = request.System,
            License = request.License is { } license ? JsonSerializer.SerializeToElement(license.ToArray()) : null,
            Parameters = request.Parameters?.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)),
            Messages = request.Messages?.Select(m => new Message { Role = m.Role, Content = m.Content }).ToList(),
            Renderer = request.Renderer,
            Parser = request.Parser,
            Requires = request.Requires,
        };
    }

    private static async Task<string> UploadAsync(CliContext context, string path, ProgressDisplay display, CancellationToken ct)
    {
        string digest;
        await using (var hashed = File.OpenRead(path))
        {
            digest = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(hashed, ct).ConfigureAwait(false));
        }

        var spinner = new Spinner($"copying file {digest} 100%", display.Now);
        if (!await context.Client.BlobExistsAsync(digest, ct).ConfigureAwait(false))
        {
            await context.Client.CreateBlobAsync(digest, File.OpenRead(path), ct).ConfigureAwait(false);
        }

        display.Add(spinner);
        spinner.Stop(display.Now);
        return digest;
    }
}
