namespace Corral.Templates.Tests.GoTemplate;

/// <summary>A struct-like value: templates read its properties as Go fields.</summary>
public sealed record TestUser(string Name, int Age, TestUser? Friend);
