namespace Corral.Store.Names;

/// <summary>The four parts of a model name, which differ in allowed characters and length.</summary>
internal enum ModelNamePart
{
    Host,
    Namespace,
    Model,
    Tag,
}
