#!/usr/bin/env bash
# Fills the native cache for the pinned llama.cpp build (native/VERSION) and prints its directory.
# The prebuilt libraries come from the npm package named in VERSION, the headers from the git bundle of the
# full source shipped in the source package; both tarballs are checked against their pinned sha512 integrity.
# libmtmd (vision) is not in the prebuilt package: it is compiled here from the same source (tools/mtmd plus the
# vendored stb/miniaudio/hash it includes) and linked against the prebuilt libllama/libggml, which export everything
# it calls; about a minute on two cores, once.
# The CPU backend Corral loads by default is compiled here too, for this machine's x86 extensions (see
# build_cpu_backend); the prebuilt variants stay beside it as the fallback and for CORRAL_CPU_VARIANT.
# The cache lives outside the work tree and is published with one rename, so concurrent builds never see a
# half-filled directory (the loser of the race discards its copy).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck disable=SC1091
source <(grep -E '^[A-Z_]+=' "$here/VERSION")

# x86 extensions of ggml's CPU backend (ggml/src/ggml-cpu/CMakeLists.txt, non-native x86 branch): ggml define,
# compiler flags, and the /proc/cpuinfo flags they need. AMX stays off: its path decodes 4x slower on these machines
# (ENGINE-NOTES.md). GGML_NATIVE is not used because -march=native crashes on Q4_K there.
cpu_extensions=(
    "GGML_SSE42|-msse4.2|sse4_2" "GGML_F16C|-mf16c|f16c" "GGML_FMA|-mfma|fma" "GGML_BMI2|-mbmi2|bmi2"
    "GGML_AVX|-mavx|avx" "GGML_AVX2|-mavx2|avx2" "GGML_AVX_VNNI|-mavxvnni|avx_vnni"
    "GGML_AVX512|-mavx512f -mavx512cd -mavx512vl -mavx512dq -mavx512bw|avx512f avx512cd avx512vl avx512dq avx512bw"
    "GGML_AVX512_VBMI|-mavx512vbmi|avx512vbmi" "GGML_AVX512_VNNI|-mavx512vnni|avx512_vnni"
    "GGML_AVX512_BF16|-mavx512bf16|avx512_bf16"
)
cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2) "
cpu_defines=() cpu_arch=() cpu_needs=()
for extension in "${cpu_extensions[@]}"; do
    IFS='|' read -r define arch needs <<< "$extension"
    present=1
    for need in $needs; do [[ "$cpu_flags" == *" $need "* ]] || present=0; done
    if (( present )); then cpu_defines+=("-D$define"); read -ra parts <<< "$arch"; cpu_arch+=("${parts[@]}"); cpu_needs+=($needs); fi
done

cache_root="${CORRAL_NATIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corral/native}"
# The suffix names the cache layout (bump it when the cache gains files, so older caches are rebuilt, not reused)
# and the x86 extensions the own CPU backend was compiled for, so a cache never serves a CPU it was not built for.
final="$cache_root/$LLAMA_CPP_RELEASE-$(echo "${PREBUILT_INTEGRITY:7:16}" | tr '/+' '_-')-mtmd-cpu$(echo "${cpu_needs[*]}" | cksum | cut -d' ' -f1)"
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

build_cpu_backend() { # compiles ggml's CPU backend into $out/lib/libggml-cpu-corral.so (+ .flags: the CPU flags it needs)
    local src="$work/cpu-src" obj="$work/cpu-obj"
    mkdir -p "$src" "$obj"
    git -C "$work/src" archive HEAD ggml/include ggml/src/ggml-cpu ':(glob)ggml/src/*.h' | tar x -C "$src"
    (
        cd "$src/ggml/src"
        # The defines CMake gives the ggml-cpu target for a loadable (GGML_BACKEND_DL) backend, minus OpenMP: the
        # backend then runs on ggml's own threadpool, which Corral attaches per context (SafeGgmlThreadpoolHandle).
        local common=(-O3 -DNDEBUG -fPIC -w -DGGML_BACKEND_BUILD -DGGML_BACKEND_SHARED -DGGML_BACKEND_DL -DGGML_SHARED
            -DGGML_SCHED_MAX_COPIES=4 -DGGML_USE_CPU_REPACK -DGGML_USE_LLAMAFILE -D_GNU_SOURCE -D_XOPEN_SOURCE=600
            "${cpu_defines[@]}" "${cpu_arch[@]}" -I. -Iggml-cpu -I../include)
        export CORRAL_CPU_CFLAGS="${common[*]}"
        # The sources of the ggml-cpu target on x86: the backend's own directory, AMX (compiled out without its
        # flags), llamafile's sgemm and the x86 arch kernels; the other arch and vendor directories are not x86.
        { find ggml-cpu -maxdepth 1 \( -name '*.c' -o -name '*.cpp' \)
          find ggml-cpu/amx ggml-cpu/llamafile ggml-cpu/arch/x86 \( -name '*.c' -o -name '*.cpp' \); } > "$obj/sources"
        sort "$obj/sources" | xargs -P2 -I{} sh -c 'case "$1" in *.c) cc="gcc -std=gnu11";; *) cc="g++ -std=gnu++17";; esac
            nice -n 10 $cc $CORRAL_CPU_CFLAGS -c "$1" -o "$2/$(echo "$1" | tr / _).o"' _ {} "$obj"
    )
    g++ -shared -o "$out/lib/libggml-cpu-corral.so" -Wl,-soname,libggml-cpu-corral.so -Wl,-rpath,'$ORIGIN' \
        -Wl,--no-undefined "$obj"/*.o -L"$out/lib" -l:libggml-base.so -lpthread
    echo "${cpu_needs[*]}" > "$out/lib/libggml-cpu-corral.flags"
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
build_cpu_backend
find "$out/include" -name '*.h' -printf '%P\n' | sort > "$out/include/MANIFEST"
echo "$LLAMA_CPP_RELEASE" > "$out/.complete"

if ! mv -T "$out" "$final" 2>/dev/null; then
    [[ -f "$final/.complete" ]] || { echo "fetch.sh: could not publish $final" >&2; exit 1; }
fi
echo "$final"
