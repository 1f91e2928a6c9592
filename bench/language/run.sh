#!/usr/bin/env bash
# Builds prov (JIT, and Native AOT when clang is installed), generates the 2,000-task / 500-host playbook and times
# `prov syntax-check` on it. Writes bench/language/RESULTS.md. Not part of `dotnet test`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build "$here/LanguageBench.csproj" -c Release -v q -nologo
dotnet publish "$repo/src/Provisioner.Cli" -c Release -o "$out/jit" -v q -nologo
builds=("JIT (dotnet publish -c Release)=$out/jit/prov")
dotnet publish "$repo/src/Provisioner.Cli" -c Release -r linux-x64 -p:PublishReadyToRun=true -o "$out/r2r" -v q -nologo
builds+=("ReadyToRun (dotnet publish -r linux-x64 -p:PublishReadyToRun=true)=$out/r2r/prov")
if command -v clang >/dev/null; then
  dotnet publish "$repo/src/Provisioner.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" -v q -nologo
  builds+=("Native AOT (dotnet publish -p:PublishAot=true)=$out/aot/prov")
fi

dotnet run --no-build --project "$here/LanguageBench.csproj" -c Release -- "$here/RESULTS.md" "${builds[@]}"
