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

    private static string CopyingMessage(string digest, long done, long size) =>
        $"copying file {digest} {(size == 0 ? 100 : done * 100 / size)}%";

    private static async Task<string> UploadAsync(CliContext context, string path, ProgressDisplay display, CancellationToken ct)
    {
        string digest;
        await using (var hashed = File.OpenRead(path))
        {
            digest = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(hashed, ct).ConfigureAwait(false));
        }

        // On a terminal the line counts up while uploading; piped output gets only its final "100%" line.
        var size = new FileInfo(path).Length;
        var spinner = new Spinner(CopyingMessage(digest, 0, size), display.Now);
        if (display.IsTerminal)
        {
            display.Add(spinner);
        }

        if (!await context.Client.BlobExistsAsync(digest, ct).ConfigureAwait(false))
        {
            var content = new ProgressReadStream(File.OpenRead(path), read => spinner.Message = CopyingMessage(digest, read, size));
            await context.Client.CreateBlobAsync(digest, content, ct).ConfigureAwait(false);
        }

        spinner.Message = CopyingMessage(digest, size, size);
        if (!display.IsTerminal)
        {
            display.Add(spinner);
        }

        spinner.Stop(display.Now);
        return digest;
    }
}
