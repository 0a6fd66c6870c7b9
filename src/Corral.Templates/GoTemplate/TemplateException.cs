namespace Corral.Templates.GoTemplate;

/// <summary>A parse or execution error, formatted like Go's <c>template: name:line:col: message</c>.</summary>
public sealed class TemplateException(string message) : Exception(message);
