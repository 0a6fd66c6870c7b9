namespace Corral.Store.Modelfiles;

/// <summary>The Go type of a model option (api.Options field types).</summary>
public enum OptionKind
{
    Int,
    Float,
    Bool,
    StringList,
}
