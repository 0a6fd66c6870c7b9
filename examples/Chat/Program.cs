// A chat REPL through Microsoft.Extensions.AI's IChatClient, with one tool the model may call:
// dotnet run --project examples/Chat -- <model>
using Corral.Client;
using Corral.Client.AI;
using Microsoft.Extensions.AI;

var model = args.ElementAtOrDefault(0) ?? "llama3.2";
using var client = CorralClient.FromEnvironment();
IChatClient chat = new CorralChatClient(client, model);
var clock = AIFunctionFactory.Create(() => DateTimeOffset.Now.ToString("O"), "current_time", "The current local date and time.");
var options = new ChatOptions { Tools = [clock] };
List<ChatMessage> history = [];

Console.WriteLine($"Chatting with {model} at {client.BaseAddress} (empty line to quit).");
while (Console.ReadLine() is { Length: > 0 } line)
{
    history.Add(new ChatMessage(ChatRole.User, line));
    while (true)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(history, options))
        {
            Console.Write(update.Text);
            updates.Add(update);
        }
        Console.WriteLine();
        var response = updates.ToChatResponse();
        history.AddRange(response.Messages);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        if (calls.Count == 0)
        {
            break;
        }
        foreach (var call in calls)
        {
            var result = await clock.InvokeAsync(new AIFunctionArguments(call.Arguments));
            Console.WriteLine($"[tool {call.Name} -> {result}]");
            history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        }
    }
}
