#!/usr/bin/env bash
# Builds prov in Release, then generates the 2,000-task / 500-host playbook and times `prov syntax-check` on it.
# Writes bench/language/RESULTS.md. Not part of `dotnet test`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dotnet build "$repo/src/Provisioner.Cli" -c Release -v q -nologo >/dev/null
dotnet run --project "$here/LanguageBench.csproj" -c Release -- "$repo/src/Provisioner.Cli/bin/Release/net10.0/prov" "$here/RESULTS.md"
