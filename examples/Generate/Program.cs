// Streams a completion: dotnet run --project examples/Generate -- <model> "<prompt>"
using Corral.Client;
using Corral.Contracts.Ollama;

var model = args.ElementAtOrDefault(0) ?? "llama3.2";
var prompt = args.ElementAtOrDefault(1) ?? "Why is the sky blue?";
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
using var client = CorralClient.FromEnvironment();

try
{
    await foreach (var chunk in client.GenerateStreamAsync(new GenerateRequest { Model = model, Prompt = prompt }, cts.Token))
    {
        Console.Write(chunk.Response);
        if (chunk.Done)
        {
            Console.WriteLine();
            Console.WriteLine($"[{chunk.EvalCount} tokens, {chunk.DoneReason}]");
        }
    }
}
catch (StatusException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
return 0;
