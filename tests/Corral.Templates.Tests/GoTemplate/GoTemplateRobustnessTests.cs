using Corral.Templates.GoTemplate;

namespace Corral.Templates.Tests.GoTemplate;

/// <summary>Broken templates must fail with a TemplateException (a clear 4xx/5xx message), never another exception.</summary>
public sealed class GoTemplateRobustnessTests
{
    [Fact]
    public void MutatedTemplatesEitherRenderOrFailWithTemplateException()
    {
        var random = new Random(20261122);
        var sources = GoTemplateCases.Outputs.Select(c => c.Template).Concat(GoTemplateCases.Errors.Select(c => c.Template)).ToList();
        const string alphabet = "{}-$.()|\"'`:=, abcdefghijklmnopqrstuvwxyz0123456789\n\\/*";
        for (var i = 0; i < 3000; i++)
        {
            var text = sources[random.Next(sources.Count)].ToCharArray().ToList();
            for (var edits = random.Next(1, 4); edits > 0 && text.Count > 0; edits--)
            {
                var at = random.Next(text.Count);
                switch (random.Next(3))
                {
                    case 0: text.RemoveAt(at); break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }

            var template = new string([.. text]);
            var error = Record.Exception(() => Template.Parse(template, "t").Execute(GoTemplateData.Create()));

            Assert.True(error is null or TemplateException, $"template {template}: {error}");
        }
    }
}
