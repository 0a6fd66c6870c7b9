namespace Corral.Templates.GoTemplate;

/// <summary>How a walked node ends: normally, or by <c>{{break}}</c>/<c>{{continue}}</c> unwinding to its range.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}
