// Model management: dotnet run --project examples/Models -- list | ps | show <m> | pull <m> | cp <src> <dst> | rm <m> | create <name> <file.gguf>
using System.Security.Cryptography;
using Corral.Client;
using Corral.Contracts.Ollama;

using var client = CorralClient.FromEnvironment();
var command = args.ElementAtOrDefault(0) ?? "list";
string Arg(int i) => args.ElementAtOrDefault(i) ?? throw new ArgumentException($"missing argument {i} for '{command}'");

try
{
    switch (command)
    {
        case "list":
            Console.WriteLine($"server {await client.VersionAsync()} at {client.BaseAddress}");
            foreach (var m in (await client.ListAsync()).Models)
            {
                Console.WriteLine($"{m.Name,-40} {m.Digest[..12]} {m.Size / 1e9:F1} GB  {m.ModifiedAt:u}");
            }
            break;
        case "ps":
            foreach (var m in (await client.ListRunningAsync()).Models)
            {
                Console.WriteLine($"{m.Name,-40} ctx {m.ContextLength}  until {m.ExpiresAt:u}");
            }
            break;
        case "show":
            var show = await client.ShowAsync(new ShowRequest { Model = Arg(1) });
            Console.WriteLine($"{show.Details?.Family} {show.Details?.ParameterSize} {show.Details?.QuantizationLevel}");
            Console.WriteLine($"capabilities: {string.Join(", ", show.Capabilities ?? [])}");
            break;
        case "pull":
            await foreach (var p in client.PullAsync(new PullRequest { Model = Arg(1) }))
            {
                Console.WriteLine(p.Total > 0 ? $"{p.Status} {p.Completed}/{p.Total}" : p.Status);
            }
            break;
        case "cp":
            await client.CopyAsync(new CopyRequest { Source = Arg(1), Destination = Arg(2) });
            break;
        case "rm":
            await client.DeleteAsync(new DeleteRequest { Model = Arg(1) });
            break;
        case "create":
            var path = Arg(2);
            string digest;
            await using (var file = File.OpenRead(path))
            {
                digest = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
            }
            if (!await client.BlobExistsAsync(digest))
            {
                await using var upload = File.OpenRead(path);
                await client.CreateBlobAsync(digest, upload);
            }
            await foreach (var p in client.CreateAsync(new CreateRequest { Model = Arg(1), Files = new() { [Path.GetFileName(path)] = digest } }))
            {
                Console.WriteLine(p.Status);
            }
            break;
        default:
            Console.Error.WriteLine($"unknown command '{command}'");
            return 2;
    }
}
catch (StatusException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
return 0;
