#!/usr/bin/env bash
# Packs Corral.Client into artifacts/packages and builds every example against that package (not the project),
# so the examples prove the published package works. Run from anywhere.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet pack "$root/src/Corral.Client" -c Release -o "$root/artifacts/packages" --nologo -v quiet
# The version does not change between local packs: drop the cached copy so restore takes the fresh one.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/corral.client"
for project in "$root"/examples/*/*.csproj; do
  dotnet build "$project" --nologo -v quiet
done
