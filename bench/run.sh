#!/usr/bin/env bash
# Side-by-side benchmark: Corral's engine vs llama.cpp's llama-bench on the same Llama-3.2-1B-shaped Q4_K_M model.
# Usage: bash bench/run.sh [prompt_tokens=256] [generate_tokens=64] [repetitions=3]
# Everything slow is cached under ~/.cache/corral/bench (CORRAL_BENCH_CACHE): the llama-bench build and the model.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${CORRAL_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corral/bench}"
export CORRAL_BENCH_CACHE="$cache"

echo "building llama-bench from the pinned source (cached after the first run)..." >&2
llama_bench_dir="$(bash "$repo/bench/build-llama-bench.sh")"

nice -n 19 dotnet build --nologo -v quiet -c Release "$repo/tools/Corral.Fixtures" -o "$cache/fixtures-bin" >&2
nice -n 19 dotnet build --nologo -v quiet -c Release "$repo/bench/Corral.Bench" -o "$cache/bench-bin" >&2

model="$cache/models/llama-3.2-1b-shape-Q4_K_M.gguf"
if [[ ! -f "$model" ]]; then
    echo "writing the Llama-3.2-1B-shaped model (random weights, Llama-3 vocabulary) and quantizing to Q4_K_M..." >&2
    mkdir -p "$cache/models"
    nice -n 19 dotnet "$cache/fixtures-bin/Corral.Fixtures.dll" --vocab "$repo/../shared/models/rand-tiny-f16.gguf" \
        --preset llama-3.2-1b --quantize Q4_K_M --out "$model" >&2
fi

dotnet "$cache/bench-bin/Corral.Bench.dll" "$model" "$llama_bench_dir" "$@"
