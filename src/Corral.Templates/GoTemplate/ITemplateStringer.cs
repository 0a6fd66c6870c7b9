namespace Corral.Templates.GoTemplate;

/// <summary>A value with a Go <c>String()</c> method: templates print it with this text instead of struct syntax.</summary>
public interface ITemplateStringer
{
    string ToTemplateString();
}
