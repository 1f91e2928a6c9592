#!/usr/bin/env python3
"""Lab benchmarks: prov against Ansible on real Debian hosts of a `prov lab` (scenarios 1, 2 and 4).

Usage: bench/converge/bench.py --prov PATH --agent PATH [--scenarios 1,2,4] [--runs 5] [--sizes 1,3,6] [--first-hosts 3]
bench/run.sh publishes the binaries, calls this, and writes bench/RESULTS.md from what this leaves in
bench/converge/results/scenarioN.json (one file per scenario, replaced each time the scenario runs).

  1  no-op converge: playbooks/{prov,ansible}-converge50.yml (50 tasks) again on hosts they converged, on 1, 3, 6 hosts
  4  the same in check mode (prov apply --check, ansible-playbook --check)
  2  first converge: the same playbook on bare hosts (each run resets them with `prov lab reset`); prov's share of it

The lab (state directory --lab-state, subnet --subnet) is brought up with `prov lab up` (which reuses a running
one) and left running; bench/run.sh takes it down. Both tools drive the same hosts: prov through the agents
`prov bootstrap` installs (mTLS gRPC), Ansible over SSH with the lab's key and known_hosts.
"""
import argparse
import datetime
import importlib.util
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PLAYBOOKS = HERE / "playbooks"
RESULTS = HERE / "results"

# The fan-out bench's helpers (timed child processes, Ansible's recap, prov's phases from its JSON events).
_spec = importlib.util.spec_from_file_location("fanout_bench", ROOT / "bench" / "fanout" / "bench.py")
fanout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fanout)
Timed, log, RECAP = fanout.Timed, fanout.log, fanout.RECAP


def event_time(e: dict) -> float:
    return datetime.datetime.fromisoformat(e["time"]).timestamp()


class LabBench:
    def __init__(self, args):
        self.args = args
        self.prov = Path(args.prov).resolve()
        self.agent = Path(args.agent).resolve()
        self.lab = Path(args.lab_state).resolve()
        self.state = Path(str(self.lab) + "-prov")  # prov's CA and run history for these runs
        self.inventory = self.lab / "inventory.yml"
        self.work = Path(tempfile.mkdtemp(prefix="prov-converge-"))
        self.commands = {}
        self.hosts = []
        self.partial = {}

    # ------------------------------------------------------------------ setup

    def sh(self, argv, timeout=900) -> subprocess.CompletedProcess:
        done = subprocess.run([str(a) for a in argv], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, argv))} failed (exit {done.returncode}):\n{done.stdout[-4000:]}")
        return done

    def lab_up(self, count: int) -> None:
        log(f"lab: prov lab up --hosts {count} --subnet {self.args.subnet} --state-dir {self.lab}")
        self.sh([self.prov, "lab", "up", "--hosts", count, "--subnet", self.args.subnet, "--state-dir", self.lab])
        self.hosts = [f"host{i}" for i in range(1, count + 1)]
        if not (self.state / "ca" / "ca.crt").exists():
            self.sh([self.prov, "ca", "init", "--state-dir", self.state])
        (self.work / "cp").mkdir()
        (self.work / "ansible.cfg").write_text(f"""[defaults]
forks = {count}
host_key_checking = True
interpreter_python = /usr/bin/python3
gathering = explicit
retry_files_enabled = False
local_tmp = {self.work / 'ansible-local'}

[ssh_connection]
pipelining = True
ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o IdentitiesOnly=yes
control_path_dir = {self.work / 'cp'}
""")

    def bootstrap(self, hosts: list) -> float:
        argv = [self.prov, "bootstrap", "-i", self.inventory, "--state-dir", self.state, "--agent-binary", self.agent,
                "--forks", len(hosts), "--limit", ":".join(hosts)]
        started = time.perf_counter()
        self.sh(argv)
        self.note("bootstrap", argv)
        return time.perf_counter() - started

    def reset(self, hosts: list) -> float:
        self.close_ssh_masters()
        started = time.perf_counter()
        for host in hosts:
            argv = [self.prov, "lab", "reset", host, "--state-dir", self.lab]
            self.sh(argv)
        self.note("reset", [self.prov, "lab", "reset", "HOST", "--state-dir", self.lab])
        return time.perf_counter() - started

    def close_ssh_masters(self) -> None:
        """Ansible's ControlPersist masters to hosts that are about to be replaced would hang on a dead connection."""
        for sock in (self.work / "cp").iterdir():
            subprocess.run(["ssh", "-o", f"ControlPath={sock}", "-O", "exit", "bench"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=30, check=False)

    def cleanup(self) -> None:
        self.close_ssh_masters()
        marker = str(self.work).encode()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) != os.getpid():
                try:
                    if marker in (entry / "cmdline").read_bytes():
                        os.kill(int(entry.name), signal.SIGTERM)
                except (OSError, ProcessLookupError):
                    pass
        shutil.rmtree(self.work, ignore_errors=True)

    # ------------------------------------------------------------------- runs

    def note(self, key: str, argv: list, env: str = "") -> None:
        text = " ".join(str(a) for a in argv)
        for path, name in ((str(self.work), "$WORK"), (str(self.prov), "prov"), (str(self.agent), "$PROV_AGENT_BIN"),
                           (str(self.state), "$BENCH_PROV_STATE"), (str(self.lab), "$BENCH_LAB_STATE"), (str(ROOT) + "/", "")):
            text = text.replace(path, name)
        self.commands[key] = (env + " " if env else "") + text

    @staticmethod
    def bounded(argv: list, limit: int) -> list:
        """A run that installs packages may hang on the apt proxy (apt-cacher-ng has been seen to leave a host's apt
        waiting for ever when several hosts fetch the same index at once): such runs are stopped after `limit` s."""
        return ["timeout", "-k", "10", str(limit)] + [str(a) for a in argv] if limit else [str(a) for a in argv]

    def prov_once(self, hosts: list, key: str, check: bool = False, expect_changed: bool = False, limit: int = 0) -> dict:
        argv = [self.prov, "apply", PLAYBOOKS / "prov-converge50.yml", "-i", self.inventory, "--state-dir", self.state,
                "--forks", len(hosts), "--limit", ":".join(hosts), "-o", "json"] + (["--check"] if check else [])
        timed = Timed(self.bounded(argv, limit))
        events = [json.loads(line) for line in timed.stdout.splitlines() if line.startswith("{")]
        finished = [e for e in events if e["type"] == "run_finished"]
        if timed.exit_code != 0 or not finished or finished[-1]["outcome"] != "ok":
            bad = "\n".join(line for line in timed.stdout.splitlines()
                            if '"status":"failed"' in line or '"host_unreachable"' in line or '"host_failed"' in line)
            raise RuntimeError(f"prov apply failed (exit {timed.exit_code}): {' '.join(map(str, argv))}\n"
                               f"{bad or timed.stdout[-3000:]}\n{timed.stderr[-3000:]}")
        recap = finished[-1]["recap"]
        changed = sum(r["changed"] for r in recap)
        if len(recap) != len(hosts) or (not expect_changed and changed != 0):
            raise RuntimeError(f"prov apply{' --check' if check else ''}: expected {len(hosts)} hosts with no change, got "
                               f"{len(recap)} hosts, {changed} changed:\n" +
                               "\n".join(f"{e['host']}: {e['name']}" for e in events if e.get("status") == "changed"))
        self.note(key, argv)
        results = [e for e in events if e["type"] == "task_result"]
        completed = {e["host"]: e for e in events if e["type"] == "host_run_completed"}
        started = event_time(next(e for e in events if e["type"] == "run_started"))
        per_host = {}
        for host in completed:
            mine = [e for e in results if e["host"] == host]
            first = min(event_time(e) for e in events if e["type"] == "task_started" and e["host"] == host)
            per_host[host] = {
                "tasks_ms": sum(e["duration_ms"] for e in mine),
                "apt_ms": sum(e["duration_ms"] for e in mine if e.get("module") == "apt"),
                "handlers_ms": sum(e["duration_ms"] for e in mine if e.get("handler")),
                "run_ms": completed[host]["duration_ms"],
                "dispatch_ms": (first - started) * 1000,
                "completed_at_ms": (event_time(completed[host]) - timed.start_wall) * 1000,
                "tasks": len(mine),
            }
        facts = [e for e in events if e["type"] == "facts"]
        return {
            "seconds": timed.seconds, "cpu": timed.cpu, "max_rss_kb": timed.max_rss_kb, "changed": changed,
            "ok": sum(r["ok"] for r in recap), "per_host": per_host, "phases": fanout.Bench.phases(timed, events),
            "facts_ms": (max(event_time(e) for e in facts) - started) * 1000 if facts else None,
            "slowest_tasks": sorted(((e["duration_ms"], e["host"], e["name"], e.get("module")) for e in results), reverse=True)[:8],
        }

    def ansible_once(self, hosts: list, key: str, check: bool = False, expect_changed: bool = False, limit: int = 0) -> dict:
        argv = ["ansible-playbook", "-i", self.inventory, "-f", len(hosts), "-l", ":".join(hosts),
                PLAYBOOKS / "ansible-converge50.yml"] + (["--check"] if check else [])
        env = dict(os.environ, ANSIBLE_CONFIG=str(self.work / "ansible.cfg"), ANSIBLE_HOME=str(self.work / "ansible-home"))
        timed = Timed(self.bounded(argv, limit), env=env)
        recap = RECAP.findall(timed.stdout)
        changed = sum(int(r[2]) for r in recap)
        bad = [r for r in recap if r[3] != "0" or r[4] != "0"]
        if timed.exit_code != 0 or len(recap) != len(hosts) or bad or (not expect_changed and changed != 0):
            raise RuntimeError(f"ansible-playbook failed or changed something (exit {timed.exit_code}, {len(recap)} hosts, "
                               f"{changed} changed): {' '.join(map(str, argv))}\n{timed.stdout[-4000:]}\n{timed.stderr[-3000:]}")
        self.note(key, argv, env="ANSIBLE_CONFIG=$WORK/ansible.cfg ANSIBLE_HOME=$WORK/ansible-home")
        return {"seconds": timed.seconds, "cpu": timed.cpu, "max_rss_kb": timed.max_rss_kb, "changed": changed,
                "ok": sum(int(r[1]) for r in recap)}

    # -------------------------------------------------------------- scenarios

    def converge_all(self, count: int) -> None:
        """Both tools converge the hosts once before anything is measured; the warm-ups then prove nothing changes.
        Not measured, so a failure (see bounded) is retried."""
        hosts = self.hosts[:count]
        log(f"setup: prov bootstrap of {count} hosts")
        self.bootstrap(hosts)
        for name, once in (("Ansible", self.ansible_once), ("prov", self.prov_once)):
            for attempt in range(1, 4):
                try:
                    r = once(hosts, "setup-" + name.lower(), expect_changed=True, limit=900)
                    log(f"setup: {name} converged {count} hosts in {r['seconds']:.1f} s ({r['changed']} changed)")
                    break
                except RuntimeError as e:
                    if attempt == 3:
                        raise
                    log(f"setup: {name} converge failed (attempt {attempt}), again: {str(e)[-1500:]}")

    def versus(self, scenario: int, check: bool) -> dict:
        out = {}
        for count in self.args.sizes:
            hosts = self.hosts[:count]
            key = f"s{scenario}-{count}"
            log(f"scenario {scenario}: {count} host(s), warm-up")
            self.ansible_once(hosts, key + "-ansible", check=check)
            self.prov_once(hosts, key + "-prov", check=check)
            prov_runs, ans_runs = [], []
            for i in range(self.args.runs):
                a = self.ansible_once(hosts, key + "-ansible", check=check)
                p = self.prov_once(hosts, key + "-prov", check=check)
                log(f"  run {i + 1}: Ansible {a['seconds']:.2f} s, prov {p['seconds']:.3f} s")
                ans_runs.append(a)
                prov_runs.append(p)
            out[str(count)] = {"prov": prov_runs, "ansible": ans_runs}
        return out

    def first_converge(self) -> dict:
        hosts = self.hosts[:self.args.first_hosts]
        prov_runs, ans_runs = [], []
        self.partial = {"ansible_seconds": [], "prov_bootstrap_seconds": []}  # kept when a later run fails

        def ansible_round(measured: bool) -> None:
            reset = self.reset(hosts)
            a = self.ansible_once(hosts, "s2-ansible", expect_changed=True, limit=1200)
            a["reset_seconds"] = reset
            self.partial["ansible_seconds"].append(a["seconds"])
            log(f"  Ansible: reset {reset:.1f} s, converge {a['seconds']:.1f} s ({a['changed']} changed)")
            if measured:
                ans_runs.append(a)

        def prov_round(measured: bool) -> None:
            reset = self.reset(hosts)
            boot = self.bootstrap(hosts)
            self.partial["prov_bootstrap_seconds"].append(boot)
            p = self.prov_once(hosts, "s2-prov", expect_changed=True, limit=1200)
            p["reset_seconds"], p["bootstrap_seconds"] = reset, boot
            log(f"  prov: reset {reset:.1f} s, bootstrap {boot:.1f} s, converge {p['seconds']:.1f} s ({p['changed']} changed)")
            if measured:
                prov_runs.append(p)

        log(f"scenario 2: first converge of {len(hosts)} bare hosts, warm-up (fills the apt cache)")
        ansible_round(False)
        prov_round(False)
        for i in range(self.args.runs):
            log(f"scenario 2: run {i + 1}")
            ansible_round(True)
            prov_round(True)
        return {"hosts": len(hosts), "prov": prov_runs, "ansible": ans_runs}

    # ----------------------------------------------------------------- report

    def save(self, scenario: int, data: dict, load_start: tuple, started: datetime.datetime, machine: dict) -> None:
        RESULTS.mkdir(exist_ok=True)
        doc = {
            "scenario": scenario, "date": started.strftime("%Y-%m-%d %H:%M UTC"),
            "finished": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "runs": self.args.runs, "load_start": load_start, "load_end": os.getloadavg(), "machine": machine,
            "lab": {"hosts": len(self.hosts), "subnet": self.args.subnet},
            "commands": {k: v for k, v in self.commands.items()
                         if k.startswith(f"s{scenario}-") or k in ("bootstrap", "reset") or k.startswith("setup")},
            "data": data,
        }
        path = RESULTS / f"scenario{scenario}.json"
        path.write_text(json.dumps(doc, indent=1) + "\n")
        log(f"wrote {path}")


def machine(prov: Path, agent: Path) -> dict:
    m = fanout.Bench.machine(None)
    m["prov_version"] = subprocess.run([str(prov), "--version"], capture_output=True, text=True).stdout.strip()
    m["agent_bytes"] = agent.stat().st_size
    m["prov_build"] = os.environ.get("BENCH_PROV_BUILD", str(prov))
    m["agent_build"] = os.environ.get("BENCH_AGENT_BUILD", str(agent))
    return m


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prov", required=True)
    parser.add_argument("--agent", required=True)
    parser.add_argument("--scenarios", default="1,2,4")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1,3,6", help="host counts of scenarios 1 and 4")
    parser.add_argument("--first-hosts", type=int, default=3, help="host count of scenario 2")
    parser.add_argument("--lab-state", default=os.environ.get("BENCH_LAB_STATE", str(ROOT / ".prov" / "bench-lab")))
    parser.add_argument("--subnet", default=os.environ.get("BENCH_LAB_SUBNET", "10.213.77.0/24"))
    parser.add_argument("--lab-hosts", type=int, default=int(os.environ.get("BENCH_LAB_HOSTS", "6")),
                        help="hosts of the lab (prov lab up --hosts: a running lab with more hosts loses the others)")
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    if max(args.sizes + [args.first_hosts]) > args.lab_hosts:
        parser.error(f"--sizes and --first-hosts need at most --lab-hosts ({args.lab_hosts}) hosts")
    scenarios = [int(s) for s in args.scenarios.split(",")]
    unknown = [s for s in scenarios if s not in (1, 2, 4)]
    if unknown:
        parser.error(f"scenarios {unknown} are not lab scenarios (1, 2, 4); 3 and 5 are bench/fanout's")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(128 + 15))
    bench = LabBench(args)
    info = machine(bench.prov, bench.agent)
    failed = False
    try:
        bench.lab_up(args.lab_hosts)
        if 1 in scenarios or 4 in scenarios:
            bench.converge_all(max(args.sizes))
        for scenario in (1, 4, 2):  # 2 last: it replaces hosts by bare ones
            if scenario not in scenarios:
                continue
            started = datetime.datetime.now(datetime.timezone.utc)
            load_start = os.getloadavg()
            try:
                data = bench.first_converge() if scenario == 2 else bench.versus(scenario, check=scenario == 4)
            except RuntimeError as e:
                # Recorded, not hidden: RESULTS.md shows the failing command and its output instead of numbers.
                log(f"scenario {scenario} failed: {e}")
                text = str(e)
                data, failed = {"error": text if len(text) <= 8000 else text[:2000] + "\n…\n" + text[-6000:]}, True
                if scenario == 2:
                    data["partial"] = bench.partial
            bench.save(scenario, data, load_start, started, info)
    finally:
        bench.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
