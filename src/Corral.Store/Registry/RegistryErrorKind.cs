namespace Corral.Store.Registry;

/// <summary>Why a registry operation failed, so the server maps a status without reading message text.</summary>
public enum RegistryErrorKind
{
    InvalidRequest,
    NotFound,
    Unauthorized,
    InvalidManifest,
    DigestMismatch,
    HostNotAllowed,
    RegistryError,
    Transient,
}
