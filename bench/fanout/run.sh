#!/usr/bin/env bash
# Loopback fan-out benchmark: prov against Ansible, and footprint. Writes bench/fanout/RESULTS.md.
# Run as root on a machine you may start ~200 loopback servers on (one prov-agent and one sshd per host).
# Publishes prov and prov-agent (Release, Native AOT) unless PROV_BIN / PROV_AGENT_BIN point at existing builds.
# Extra arguments go to bench.py (e.g. --runs 3 --sizes 10,50). Not part of `dotnet test`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

need=()
command -v clang >/dev/null || need+=(clang)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
command -v ansible-playbook >/dev/null || need+=(ansible-core)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q
  apt-get install -y -q "${need[@]}"
fi

prov="${PROV_BIN:-}"
agent="${PROV_AGENT_BIN:-}"
export BENCH_PROV_BUILD="prov: dotnet publish src/Provisioner.Cli -c Release -r linux-x64 -p:PublishAot=true"
export BENCH_AGENT_BUILD="prov-agent: dotnet publish agent/Provisioner.Agent -c Release -r linux-x64 (PublishAot in its project)"
[ -z "$prov" ] || BENCH_PROV_BUILD="prov: $prov (given as PROV_BIN; built with: ${BENCH_PROV_BUILD#prov: })"
[ -z "$agent" ] || BENCH_AGENT_BUILD="prov-agent: $agent (given as PROV_AGENT_BIN; built with: ${BENCH_AGENT_BUILD#prov-agent: })"
if [ -z "$prov" ]; then
  dotnet publish "$repo/src/Provisioner.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$out/prov" -v q -nologo
  prov="$out/prov/prov"
fi
if [ -z "$agent" ]; then
  dotnet publish "$repo/agent/Provisioner.Agent" -c Release -r linux-x64 -o "$out/agent" -v q -nologo
  agent="$out/agent/prov-agent"
fi

python3 "$here/bench.py" --prov "$prov" --agent "$agent" "$@"
