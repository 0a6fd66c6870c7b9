namespace Corral.IntegrationTests.Faults;

/// <summary>One HTTP request of the fuzz suite; <see cref="Description"/> says which template and mutation made it.</summary>
public sealed record FuzzRequest(string Method, string Path, byte[]? Body, string? ContentType, string Description)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }
        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : System.Text.Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 600)));
        return $"{Description}: {Method} /{Path} [{ContentType}] {body}";
    }
}
