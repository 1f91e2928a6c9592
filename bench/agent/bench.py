#!/usr/bin/env python3
"""Agent-side cost of a no-op task: 200 converged file/copy/template/lineinfile tasks run by the AOT prov-agent.

Usage: bench/agent/bench.py [--binary PATH] [--runs 5] [--tasks 200]
Without --binary the agent is published first (dotnet publish agent/Provisioner.Agent -c Release -r linux-x64).
Writes bench/agent/RESULTS.md next to this script.
"""
import argparse
import base64
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def publish(out_dir: Path) -> Path:
    subprocess.run(
        ["dotnet", "publish", "agent/Provisioner.Agent", "-c", "Release", "-r", "linux-x64", "-o", str(out_dir), "-nologo"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return out_dir / "prov-agent"


def plan(scratch: Path, tasks: int) -> dict:
    template = "server {{ port }} on {{ inventory_hostname }}\n"
    items = []
    for i in range(tasks):
        kind = i % 4
        d = scratch / f"d{i}"
        if kind == 0:
            items.append({"id": f"bench.yml:{i}:3", "name": f"dir {i}", "module": "file",
                          "args": {"path": str(d), "state": "directory", "mode": "0755"}})
        elif kind == 1:
            items.append({"id": f"bench.yml:{i}:3", "name": f"copy {i}", "module": "copy",
                          "args": {"dest": str(scratch / f"copy{i}.conf"), "content": "value={{ port }}\n", "mode": "0644"}})
        elif kind == 2:
            items.append({"id": f"bench.yml:{i}:3", "name": f"template {i}", "module": "template",
                          "args": {"src": "templates/site.sbn", "dest": str(scratch / f"site{i}.conf"), "mode": "0644"}})
        else:
            items.append({"id": f"bench.yml:{i}:3", "name": f"line {i}", "module": "lineinfile",
                          "args": {"path": str(scratch / f"lines{i}.conf"), "regexp": "^extra=", "line": "extra=yes",
                                   "create": True}})
    return {
        "host": "bench1", "play": "bench", "gatherFacts": True,
        "vars": {"port": 8080},
        "files": {"templates/site.sbn": base64.b64encode(template.encode()).decode()},
        "tasks": items,
    }


def run_plan(binary: Path, plan_file: Path, state: Path, run_id: str) -> dict:
    started = time.perf_counter()
    proc = subprocess.run([str(binary), "run-plan", str(plan_file), "--state-dir", str(state), "--run-id", run_id, "--json"],
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"run {run_id} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr}")
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    results = [e for e in events if e["kind"] == "task_result" and e.get("item") is None]
    done = events[-1]
    return {"wall_ms": wall * 1000, "run_ms": done["duration_ms"], "counts": done["counts"],
            "task_ms": [r["duration_ms"] for r in results]}


def idle_rss_kib(binary: Path, plan_file: Path, state: Path) -> int:
    """RSS of a prov-agent that has loaded everything and waits (for the run lock, held here by flock(1))."""
    lock = state / "agent.lock"
    holder = subprocess.Popen(["flock", "--exclusive", "--no-fork", str(lock), "sleep", "30"])
    try:
        time.sleep(0.5)
        waiter = subprocess.Popen([str(binary), "run-plan", str(plan_file), "--state-dir", str(state), "--wait", "20"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)
        with open(f"/proc/{waiter.pid}/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        waiter.kill()
        waiter.wait()
        return rss
    finally:
        holder.kill()
        holder.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="prov-bench-") as tmp:
        tmp = Path(tmp)
        binary = args.binary or publish(tmp / "publish")
        scratch, state = tmp / "scratch", tmp / "state"
        scratch.mkdir()
        plan_file = tmp / "plan.json"
        plan_file.write_text(json.dumps(plan(scratch, args.tasks)))

        converge = run_plan(binary, plan_file, state, "converge")
        runs = [run_plan(binary, plan_file, state, f"noop-{i}") for i in range(args.runs)]
        for r in runs:
            if r["counts"]["changed"] or r["counts"]["failed"] or r["counts"]["ok"] != args.tasks:
                sys.exit(f"a no-op run was not all ok: {r['counts']}")
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        idle = idle_rss_kib(binary, plan_file, state)

    per_task_run = statistics.median(r["run_ms"] / args.tasks for r in runs)
    per_task_sum = statistics.median(sum(r["task_ms"]) / args.tasks for r in runs)
    task_median = statistics.median(statistics.median(r["task_ms"]) for r in runs)
    wall = statistics.median(r["wall_ms"] for r in runs)
    size = binary.stat().st_size
    verdict = "meets" if per_task_run <= 1.0 else "misses"
    lines = [
        "# prov-agent no-op task benchmark",
        "",
        f"Generated by `bench/agent/bench.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end.",
        "",
        f"Plan: {args.tasks} tasks, a quarter each of `file` (directory), `copy`, `template` and `lineinfile`, all already",
        f"converged by a first run (which reported {converge['counts']['changed']} changed in {converge['run_ms']:.0f} ms).",
        f"Then {args.runs} no-op runs, each its own `prov-agent run-plan --json` process (Native AOT binary); medians over the runs.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| agent-side time per no-op task (run duration incl. fact gathering / {args.tasks}) | **{per_task_run:.3f} ms** ({verdict} the 1 ms target) |",
        f"| sum of task durations / {args.tasks} | {per_task_sum:.3f} ms |",
        f"| median single task duration | {task_median:.3f} ms |",
        f"| whole process, wall clock (start, facts, {args.tasks} tasks, state writes, exit) | {wall:.1f} ms |",
        f"| binary size (`prov-agent`, stripped, self-contained) | {size / 1024 / 1024:.1f} MiB ({size} bytes) |",
        f"| idle RSS (process started, waiting for the run lock) | {idle / 1024:.1f} MiB |",
        f"| peak RSS of any benchmarked run | {children / 1024:.1f} MiB |",
        "",
        "Per-run numbers (run duration ms / wall ms): "
        + ", ".join(f"{r['run_ms']:.1f} / {r['wall_ms']:.1f}" for r in runs) + ".",
        "",
        "The machine is shared; the load average above says how noisy it was.",
        "",
    ]
    # bench/agent/idle_rss.py keeps its own section of the file (between its markers): carried over unchanged.
    results = HERE / "RESULTS.md"
    old = results.read_text() if results.exists() else ""
    begin, end = "<!-- idle_rss.py: begin -->", "<!-- idle_rss.py: end -->"
    if begin in old and end in old:
        lines += [begin + old.split(begin, 1)[1].split(end, 1)[0] + end, ""]
    results.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
