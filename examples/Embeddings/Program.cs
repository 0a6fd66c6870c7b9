// Embeds a few sentences and prints their cosine similarity to the first one:
// dotnet run --project examples/Embeddings -- <model>
using Corral.Client;
using Corral.Client.AI;
using Microsoft.Extensions.AI;

var model = args.ElementAtOrDefault(0) ?? "all-minilm";
using var client = CorralClient.FromEnvironment();
IEmbeddingGenerator<string, Embedding<float>> generator = new CorralEmbeddingGenerator(client, model);
string[] sentences = ["The cat sits on the mat.", "A kitten rests on a rug.", "Stock markets fell sharply today."];

var embeddings = await generator.GenerateAsync(sentences);
var first = embeddings[0].Vector.Span.ToArray();
for (var i = 0; i < sentences.Length; i++)
{
    var v = embeddings[i].Vector.Span;
    var dot = 0f;
    for (var d = 0; d < v.Length; d++)
    {
        dot += first[d] * v[d];
    }
    // /api/embed vectors are L2-normalized, so the dot product is the cosine similarity.
    Console.WriteLine($"{dot:F3}  {sentences[i]}");
}
