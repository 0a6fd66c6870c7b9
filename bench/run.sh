#!/usr/bin/env bash
# Side-by-side benchmark on the same Llama-3.2-1B-shaped Q4_K_M model: Corral's engine vs llama-bench (figure a),
# and the real `corral serve` vs llama.cpp's llama-server over HTTP (figures b-e). See bench/README.md.
# Usage: bash bench/run.sh [--prompt 256] [--generate 64] [--repetitions 5] [--clients 1,4,8]
#                          [--stream-generate 32] [--prefix 2000] [--history 2000]
# Everything slow is cached under ~/.cache/corral/bench (CORRAL_BENCH_CACHE): the llama.cpp build and the model.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${CORRAL_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corral/bench}"
export CORRAL_BENCH_CACHE="$cache"

echo "building llama-bench and llama-server from the pinned source (cached after the first run)..." >&2
llama_cpp_dir="$(bash "$repo/bench/build-llama-cpp.sh")"

for project in tools/Corral.Fixtures bench/Corral.Bench src/Corral.Cli; do
    nice -n 19 dotnet build --nologo -v quiet -m:1 -c Release "$repo/$project" -o "$cache/$(basename "$project")-bin" >&2
done

model="$cache/models/llama-3.2-1b-shape-Q4_K_M.gguf"
if [[ ! -f "$model" ]]; then
    echo "writing the Llama-3.2-1B-shaped model (random weights, Llama-3 vocabulary) and quantizing to Q4_K_M..." >&2
    mkdir -p "$cache/models"
    nice -n 19 dotnet "$cache/Corral.Fixtures-bin/Corral.Fixtures.dll" --vocab "$repo/../shared/models/rand-tiny-f16.gguf" \
        --preset llama-3.2-1b --quantize Q4_K_M --out "$model" >&2
fi

dotnet "$cache/Corral.Bench-bin/Corral.Bench.dll" "$model" "$llama_cpp_dir" "$cache/Corral.Cli-bin/corral.dll" "$@"
