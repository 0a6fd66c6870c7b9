#!/usr/bin/env bash
# Fills the native cache for the pinned llama.cpp build (native/VERSION) and prints its directory.
# The prebuilt libraries come from the npm package named in VERSION, the headers from the git bundle of the
# full source shipped in the source package; both tarballs are checked against their pinned sha512 integrity.
# libmtmd (vision) is not in the prebuilt package: it is compiled here from the same source (tools/mtmd plus the
# vendored stb/miniaudio/hash it includes) and linked against the prebuilt libllama/libggml, which export everything
# it calls; about a minute on two cores, once.
# The cache lives outside the work tree and is published with one rename, so concurrent builds never see a
# half-filled directory (the loser of the race discards its copy).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck disable=SC1091
source <(grep -E '^[A-Z_]+=' "$here/VERSION")

cache_root="${CORRAL_NATIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corral/native}"
# The suffix names the cache layout: bump it when the cache gains files, so older caches are rebuilt, not reused.
final="$cache_root/$LLAMA_CPP_RELEASE-$(echo "${PREBUILT_INTEGRITY:7:16}" | tr '/+' '_-')-mtmd"
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

build_mtmd() { # compiles the library sources of llama.cpp's CMake target `mtmd` into $out/lib/libmtmd.so
    local src="$work/mtmd-src" obj="$work/mtmd-obj"
    mkdir -p "$src" "$obj"
    git -C "$work/src" archive HEAD include ggml/include src/llama-ext.h tools/mtmd vendor | tar x -C "$src"
    (
        cd "$src"
        { find tools/mtmd -maxdepth 2 -name '*.cpp' ! -name mtmd-cli.cpp ! -name deprecation-warning.cpp \
            ! -path '*/debug/*' ! -path '*/tests/*' ! -path '*/legacy-models/*'; echo vendor/hash/hash.cpp; } \
            | sort | xargs -P2 -I{} sh -c 'nice -n 10 g++ -std=c++17 -O2 -fPIC -DNDEBUG -DLLAMA_SHARED -DLLAMA_BUILD -w \
                -Iinclude -Iggml/include -Itools/mtmd -Ivendor -c "$1" -o "$2/$(echo "$1" | tr / _).o"' _ {} "$obj"
        # The vendored hashes are C; sha1 is compiled as C++ because it lives in a namespace (vendor/hash/CMakeLists.txt).
        gcc -O2 -fPIC -w -Ivendor/hash -c vendor/hash/xxhash/xxhash.c -o "$obj/xxhash.o"
        gcc -O2 -fPIC -w -Ivendor/hash -c vendor/hash/sha256/sha256.c -o "$obj/sha256.o"
        g++ -x c++ -O2 -fPIC -w -Ivendor/hash -c vendor/hash/sha1/sha1.c -o "$obj/sha1.o"
    )
    g++ -shared -o "$out/lib/libmtmd.so" -Wl,-soname,libmtmd.so -Wl,-rpath,'$ORIGIN' -Wl,--no-undefined "$obj"/*.o \
        -L"$out/lib" -l:"libllama.$LLAMA_CPP_RELEASE.so" -l:"libggml.$LLAMA_CPP_RELEASE.so" -l:libggml-base.so -lpthread
}

out="$work/out"
mkdir -p "$out/lib" "$out/include"
prebuilt="$(fetch "$PREBUILT_PACKAGE" "$PREBUILT_INTEGRITY" bin)"
tar xzf "$prebuilt" -C "$work" package/bins/linux-x64
cp "$work"/package/bins/linux-x64/libllama.*.so "$work"/package/bins/linux-x64/libggml*.so "$out/lib/"

source_tgz="$(fetch "$SOURCE_PACKAGE" "$SOURCE_INTEGRITY" src)"
tar xzf "$source_tgz" -C "$work" package/llama/gitRelease.bundle
git clone --quiet --no-checkout "$work/package/llama/gitRelease.bundle" "$work/src"
git -C "$work/src" archive HEAD include ggml/include tools/mtmd/mtmd.h tools/mtmd/mtmd-helper.h \
    | tar x -C "$out/include" --wildcards '*.h'
build_mtmd
find "$out/include" -name '*.h' -printf '%P\n' | sort > "$out/include/MANIFEST"
echo "$LLAMA_CPP_RELEASE" > "$out/.complete"

if ! mv -T "$out" "$final" 2>/dev/null; then
    [[ -f "$final/.complete" ]] || { echo "fetch.sh: could not publish $final" >&2; exit 1; }
fi
echo "$final"
