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

# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
bench_install clang zlib1g-dev ansible-core openssh-server
bench_binaries "$repo" "$out"

python3 "$here/bench.py" --prov "$prov" --agent "$agent" "$@"
