#!/usr/bin/env bash
# Bootstrap benchmark: from bare lab hosts to agents answering over mTLS, hosts bootstrapped concurrently.
# Brings up its own lab (HOSTS hosts, subnet 10.213.78.0/24, state in .prov/bench-bootstrap), then per round:
# resets every host to bare (prov lab reset), creates a fresh CA, and times `prov bootstrap` of all hosts at once
# (install, enrol, start, GetCapabilities over mTLS). Writes bench/bootstrap/RESULTS.md. Needs root, like prov lab.
#
#   bench/bootstrap/run.sh [HOSTS] [ROUNDS]      (defaults: 3 hosts, 3 rounds)
#   PROV_BIN=out/prov/prov PROV_AGENT_BIN=out/agent/prov-agent bench/bootstrap/run.sh   (reuse published builds)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
hosts=${1:-3}
rounds=${2:-3}
state=$root/.prov/bench-bootstrap
lab=$state/lab
subnet=10.213.78.0/24
out=$root/bench/bootstrap/RESULTS.md

if [[ -n "${PROV_BIN:-}" && -n "${PROV_AGENT_BIN:-}" ]]; then
  prov=$(realpath "$PROV_BIN")
  agent=$(realpath "$PROV_AGENT_BIN")
else
  echo "bench: building prov and publishing prov-agent (Native AOT)"
  dotnet publish src/Provisioner.Cli -c Release -o "$state/prov" -v quiet -nologo
  dotnet publish agent/Provisioner.Agent -c Release -r linux-x64 -o "$state/agent" -v quiet -nologo
  prov=$state/prov/prov
  agent=$state/agent/prov-agent
fi

cleanup() { "$prov" lab down --state-dir "$lab" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

"$prov" lab up --hosts "$hosts" --subnet "$subnet" --state-dir "$lab" >/dev/null
names=$(awk '/^        [a-z0-9-]+:$/{sub(":", "", $1); print $1}' "$lab/inventory.yml")
load_start=$(cut -d' ' -f1 /proc/loadavg)

times=()
for round in $(seq 1 "$rounds"); do
  for name in $names; do "$prov" lab reset "$name" --state-dir "$lab" >/dev/null; done
  rm -rf "$state/ca-round"
  "$prov" ca init --state-dir "$state/ca-round" >/dev/null
  start=$(date +%s.%N)
  "$prov" bootstrap -i "$lab/inventory.yml" --state-dir "$state/ca-round" --agent-binary "$agent" --forks "$hosts" >"$state/bootstrap-$round.log"
  end=$(date +%s.%N)
  verified=$(grep -c "GetCapabilities over mTLS at " "$state/bootstrap-$round.log" || true)
  if [[ "$verified" != "$hosts" ]]; then
    echo "bench: round $round: only $verified of $hosts agents answered over mTLS; see $state/bootstrap-$round.log" >&2
    exit 1
  fi
  t=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
  times+=("$t")
  printf 'bench: round %d: %d hosts bootstrapped in %.1f s\n' "$round" "$hosts" "$t"
done
load_end=$(cut -d' ' -f1 /proc/loadavg)

sorted=$(printf '%s\n' "${times[@]}" | sort -g)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
min=$(echo "$sorted" | head -1)
max=$(echo "$sorted" | tail -1)
verdict=$(awk -v m="$median" 'BEGIN {print (m <= 15) ? 1 : 0}')
size=$(stat -c %s "$agent")

{
  echo "# Bootstrap benchmark"
  echo
  echo "Produced by \`bench/bootstrap/run.sh $hosts $rounds\`; do not edit by hand."
  echo
  echo "What is timed: \`prov bootstrap\` of $hosts bare lab hosts at once (\`--forks $hosts\`): SSH with host-key"
  echo "verification, platform probe, upload of the $((size / 1024 / 1024)) MiB Native AOT agent with sha256 checks,"
  echo "configuration, enrolment (key made on the host, certificate signed by a fresh CA), systemd unit enabled and"
  echo "started, and a GetCapabilities call over mTLS to each agent. Every host is reset to bare before each round."
  echo
  echo "Machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), $(dotnet --version | sed 's/^/.NET SDK /');"
  echo "load average $load_start at the start, $load_end at the end. Date: $(date -u +%Y-%m-%d)."
  echo
  echo "| hosts at once | wall clock, median of $rounds (min–max) | per host, worst case |"
  echo "|---|---|---|"
  printf '| %d | %.1f s (%.1f–%.1f) | %.1f s |\n' "$hosts" "$median" "$min" "$max" "$median"
  echo
  if [[ "$verdict" == 1 ]]; then
    echo "Target: bare host to an agent answering over mTLS in ≤ 15 s per host, concurrently. Result: **met**."
  else
    echo "Target: bare host to an agent answering over mTLS in ≤ 15 s per host, concurrently. Result: **missed**."
  fi
  echo
  echo "Per host, worst case: every host of a round finishes within the round's wall clock."
} >"$out"
echo "bench: wrote $out"
