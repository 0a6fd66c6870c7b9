#!/usr/bin/env bash
# Fills the native cache for the pinned llama.cpp build (native/VERSION) and prints its directory.
# The prebuilt libraries come from the npm package named in VERSION, the headers from the git bundle of the
# full source shipped in the source package; both tarballs are checked against their pinned sha512 integrity.
# The cache lives outside the work tree and is published with one rename, so concurrent builds never see a
# half-filled directory (the loser of the race discards its copy).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck disable=SC1091
source <(grep -E '^[A-Z_]+=' "$here/VERSION")

cache_root="${CORRAL_NATIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corral/native}"
final="$cache_root/$LLAMA_CPP_RELEASE-$(echo "${PREBUILT_INTEGRITY:7:16}" | tr '/+' '_-')"
if [[ -f "$final/.complete" ]]; then echo "$final"; exit 0; fi

mkdir -p "$cache_root"
work="$(mktemp -d "$cache_root/.tmp.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fetch() { # package integrity -> path of the verified tarball
    local package="$1" integrity="$2" dir="$work/pack-$3"
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$package" >/dev/null 2>"$dir.log") || { cat "$dir.log" >&2; exit 1; }
    local tarball actual
    tarball="$(ls "$dir"/*.tgz)"
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    if [[ "$actual" != "$integrity" ]]; then
        echo "fetch.sh: integrity mismatch for $package: expected $integrity, got $actual" >&2; exit 1
    fi
    echo "$tarball"
}

out="$work/out"
mkdir -p "$out/lib" "$out/include"
prebuilt="$(fetch "$PREBUILT_PACKAGE" "$PREBUILT_INTEGRITY" bin)"
tar xzf "$prebuilt" -C "$work" package/bins/linux-x64
cp "$work"/package/bins/linux-x64/libllama.*.so "$work"/package/bins/linux-x64/libggml*.so "$out/lib/"

source_tgz="$(fetch "$SOURCE_PACKAGE" "$SOURCE_INTEGRITY" src)"
tar xzf "$source_tgz" -C "$work" package/llama/gitRelease.bundle
git clone --quiet --no-checkout "$work/package/llama/gitRelease.bundle" "$work/src"
git -C "$work/src" archive HEAD include ggml/include tools/mtmd/mtmd.h \
    | tar x -C "$out/include" --wildcards '*.h'
find "$out/include" -name '*.h' -printf '%P\n' | sort > "$out/include/MANIFEST"
echo "$LLAMA_CPP_RELEASE" > "$out/.complete"

if ! mv -T "$out" "$final" 2>/dev/null; then
    [[ -f "$final/.complete" ]] || { echo "fetch.sh: could not publish $final" >&2; exit 1; }
fi
echo "$final"
