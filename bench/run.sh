#!/usr/bin/env bash
# All benchmarks, prov against Ansible, in one command; writes bench/RESULTS.md (through bench/report.py).
#
#   bench/run.sh [--scenarios 1,2,4] [--runs 5] [--sizes 1,3,6] [--first-hosts 3] [--keep-lab]
#
# Scenarios: 1 no-op converge (50 tasks, 1/3/6 lab hosts), 2 first converge (3 bare lab hosts), 4 check mode of 1:
# on a `prov lab` (bench/converge/bench.py); 3 fan-out and 5 footprint: bench/fanout/run.sh on loopback (the two
# come together, about 30 minutes). Default: 1,2,4; `--scenarios all` is 1,2,3,4,5. Scenarios not run keep their
# last results (bench/converge/results/scenarioN.json, bench/fanout/RESULTS.md) and RESULTS.md says so.
# The lab is brought up (or reused) and taken down at the end unless --keep-lab.
#
# Environment: PROV_BIN, PROV_AGENT_BIN (existing builds; otherwise prov and prov-agent are published with
# Native AOT into .prov/bench-build), BENCH_LAB_STATE (default .prov/bench-lab), BENCH_LAB_SUBNET
# (default 10.213.77.0/24), BENCH_LAB_HOSTS (default 6). Needs root (prov lab); installs ansible-core when missing.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

scenarios=1,2,4
runs=5
sizes=1,3,6
first_hosts=3
keep_lab=0
invocation="bench/run.sh $*"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scenarios) scenarios=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --first-hosts) first_hosts=$2; shift 2 ;;
    --keep-lab) keep_lab=1; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$scenarios" == all ]] && scenarios=1,2,3,4,5
lab_list=() fanout=0
IFS=, read -ra wanted <<<"$scenarios"
for s in "${wanted[@]}"; do
  case "$s" in
    1|2|4) lab_list+=("$s") ;;
    3|5) fanout=1 ;;
    *) echo "bench/run.sh: no scenario $s (1-5)" >&2; exit 2 ;;
  esac
done
lab_csv=$(IFS=,; echo "${lab_list[*]:-}")
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: --runs must be a whole number ≥ 1" >&2; exit 2; }

export BENCH_LAB_STATE="${BENCH_LAB_STATE:-$repo/.prov/bench-lab}"
export BENCH_LAB_SUBNET="${BENCH_LAB_SUBNET:-10.213.77.0/24}"
export BENCH_LAB_HOSTS="${BENCH_LAB_HOSTS:-6}"

# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
bench_install ansible-core clang zlib1g-dev
bench_binaries "$repo" "$repo/.prov/bench-build"

lab_down() {
  if [[ $keep_lab == 0 && -f "$BENCH_LAB_STATE/lab.json" ]]; then
    echo "bench: prov lab down --state-dir $BENCH_LAB_STATE"
    "$prov" lab down --state-dir "$BENCH_LAB_STATE" || echo "bench: lab down failed; run it again: $prov lab down --state-dir $BENCH_LAB_STATE" >&2
  fi
}

ran=()
status=0
if [[ -n "$lab_csv" ]]; then
  trap lab_down EXIT
  # A failing scenario is recorded (bench/converge/results) and reported; the runner still exits with 1.
  python3 bench/converge/bench.py --prov "$prov" --agent "$agent" --scenarios "$lab_csv" --runs "$runs" \
    --sizes "$sizes" --first-hosts "$first_hosts" --lab-state "$BENCH_LAB_STATE" --subnet "$BENCH_LAB_SUBNET" \
    --lab-hosts "$BENCH_LAB_HOSTS" || status=1
  ran+=("${lab_list[@]}")
  lab_down
  trap - EXIT
fi
if [[ $fanout == 1 ]]; then
  PROV_BIN="$prov" PROV_AGENT_BIN="$agent" bench/fanout/run.sh --runs "$runs" && ran+=(3 5) || status=1
fi
python3 bench/report.py --ran "$(IFS=,; echo "${ran[*]:-}")" --invocation "$invocation"
exit $status
