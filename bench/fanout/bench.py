#!/usr/bin/env python3
"""Loopback fan-out benchmark: prov (mTLS gRPC to prov-agent serve) against Ansible (SSH to one sshd per host).

Usage: bench/fanout/bench.py --prov PATH --agent PATH [--runs 5] [--sizes 10,50,100] [--keep] [--prov-only]
bench/fanout/run.sh publishes the binaries and calls this. Writes bench/fanout/RESULTS.md next to this script.

Everything runs on 127.0.0.1 of this machine: one `prov-agent serve` per host (own certificate from a CA created
here, own state directory, own port) and one `sshd -D` per host (own host key, own port). All scratch lives in one
temporary directory that is removed at the end, also after a failure or Ctrl+C; every process started is stopped.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PLAYBOOKS = HERE / "playbooks"
CALL = re.compile(r"Call /provisioner\.v1\.Agent/(\w+) from")
LISTENING = re.compile(r"listening on https://127\.0\.0\.1:(\d+)")
RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def proc_status(pid: int) -> dict:
    values = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])  # kB
    except FileNotFoundError:
        pass
    return values


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (FileNotFoundError, IndexError):
        return 0.0


def rss_by_mapping(pid: int) -> dict:
    """Resident kB of a process grouped by what is mapped: its binary, each shared library, anonymous memory."""
    groups = {}
    current = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            parts = line.split()
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                name = parts[5] if len(parts) > 5 else "[anonymous]"
                current = "[anonymous]" if name in ("[heap]", "[stack]") or name.startswith("[anon") else name
            elif parts and parts[0] == "Rss:" and current is not None:
                groups[current] = groups.get(current, 0) + int(parts[1])
    return groups


def free_ports(count: int) -> list:
    sockets, ports = [], []
    try:
        while len(ports) < count:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
            ports.append(s.getsockname()[1])
    finally:
        for s in sockets:
            s.close()
    return ports


def median_range(values: list, fmt: str = "{:.0f}") -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


class Timed:
    """One measured child process: wall clock, its own CPU time and peak RSS (wait4 rusage of it and its waited-for children)."""

    def __init__(self, argv, env=None, cwd=None):
        self.argv = argv
        self.start_wall = time.time()
        started = time.perf_counter()
        out = tempfile.TemporaryFile()
        err = tempfile.TemporaryFile()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=cwd)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        proc.returncode = os.waitstatus_to_exitcode(status)
        self.seconds = time.perf_counter() - started
        self.end_wall = time.time()
        self.exit_code = proc.returncode
        self.cpu = usage.ru_utime + usage.ru_stime
        self.max_rss_kb = usage.ru_maxrss
        out.seek(0)
        err.seek(0)
        self.stdout = out.read().decode(errors="replace")
        self.stderr = err.read().decode(errors="replace")
        out.close()
        err.close()


class Bench:
    def __init__(self, args):
        self.args = args
        self.prov = Path(args.prov).resolve()
        self.agent = Path(args.agent).resolve()
        self.work = Path(tempfile.mkdtemp(prefix="prov-fanout-"))
        self.procs = []
        self.agents = []  # dicts: name, dir, port, proc, log
        self.sshds = []  # dicts: name, port, proc
        self.results = {}
        self.commands = []

    # ---------------------------------------------------------------- cleanup

    def cleanup(self) -> None:
        cp = self.work / "cp"
        if cp.is_dir():
            for sock in cp.iterdir():
                subprocess.run(["ssh", "-o", f"ControlPath={sock}", "-O", "exit", "bench"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=10, check=False)
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        deadline = time.time() + 10
        for proc in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        # Anything left that was started with this run's scratch directory on its command line (ssh control masters
        # that Ansible daemonised, sshd session processes): stopped by its pid.
        marker = str(self.work).encode()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                if marker in (entry / "cmdline").read_bytes():
                    os.kill(int(entry.name), signal.SIGTERM)
            except (OSError, ProcessLookupError):
                pass
        if self.args.keep:
            log(f"kept {self.work}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)

    # ------------------------------------------------------------------ setup

    def run(self, argv, **kwargs):
        return subprocess.run(argv, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)

    def hosts(self, count: int) -> list:
        return [f"h{i:03d}" for i in range(1, count + 1)]

    def setup_agents(self, count: int) -> None:
        ca = self.work / "ca"
        self.run([str(self.prov), "ca", "init", "--dir", str(ca)])
        log(f"issuing {count} agent certificates")
        for name in self.hosts(count):
            out = self.work / "agents" / name
            self.run([str(self.prov), "ca", "issue", name, "--address", "127.0.0.1", "--dir", str(ca), "--out", str(out)])
            config = out / "agent.json"
            config.unlink()
            config.write_text(json.dumps({
                "listen": "127.0.0.1", "port": 0, "ca_certificate": "ca.crt", "certificate": "agent.crt",
                "key": "agent.key", "revocation_list": "revoked.crl", "state_dir": "state",
                "lock_wait_seconds": 5, "log_level": "debug",
            }, indent=2))
        log(f"starting {count} prov-agent serve processes")
        for name in self.hosts(count):
            out = self.work / "agents" / name
            agent_log = out / "agent.log"
            with open(agent_log, "wb") as stderr:
                proc = subprocess.Popen([str(self.agent), "serve", "--config", str(out / "agent.json")],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
            self.procs.append(proc)
            self.agents.append({"name": name, "dir": out, "proc": proc, "log": agent_log, "port": None})
        deadline = time.time() + 180
        for agent in self.agents:
            while agent["port"] is None:
                match = LISTENING.search(agent["log"].read_text(errors="replace"))
                if match:
                    agent["port"] = int(match.group(1))
                elif agent["proc"].poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"prov-agent for {agent['name']} did not start listening:\n{agent['log'].read_text()}")
                else:
                    time.sleep(0.05)
        time.sleep(2)
        idle = [proc_status(a["proc"].pid).get("VmRSS", 0) for a in self.agents]
        self.results["agent_idle_rss_kb"] = idle
        self.results["agent_idle_mappings_kb"] = rss_by_mapping(self.agents[0]["proc"].pid)
        self.results["agent_binary_bytes"] = self.agent.stat().st_size

    def setup_sshds(self, count: int) -> None:
        ssh = self.work / "ssh"
        ssh.mkdir()
        Path("/run/sshd").mkdir(exist_ok=True)
        self.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "prov-fanout-bench", "-f", str(ssh / "id_ed25519")])
        shutil.copy(ssh / "id_ed25519.pub", ssh / "authorized_keys")
        os.chmod(ssh / "authorized_keys", 0o600)
        ports = free_ports(count)
        known = []
        log(f"starting {count} sshd processes")
        for name, port in zip(self.hosts(count), ports):
            d = ssh / name
            d.mkdir()
            self.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(d / "host_key")])
            known.append(f"[127.0.0.1]:{port} " + " ".join((d / "host_key.pub").read_text().split()[:2]))
            (d / "sshd_config").write_text(f"""Port {port}
ListenAddress 127.0.0.1
HostKey {d / 'host_key'}
PidFile {d / 'sshd.pid'}
AuthorizedKeysFile {ssh / 'authorized_keys'}
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 200
MaxSessions 100
Subsystem sftp /usr/lib/openssh/sftp-server
LogLevel ERROR
""")
            proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(d / "sshd_config")],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(d / "sshd.log", "wb"))
            self.procs.append(proc)
            self.sshds.append({"name": name, "port": port, "proc": proc})
        (ssh / "known_hosts").write_text("\n".join(known) + "\n")
        deadline = time.time() + 60
        for sshd in self.sshds:
            while True:
                try:
                    socket.create_connection(("127.0.0.1", sshd["port"]), timeout=1).close()
                    break
                except OSError:
                    if sshd["proc"].poll() is not None or time.time() > deadline:
                        raise RuntimeError(f"sshd for {sshd['name']} did not listen on {sshd['port']}")
                    time.sleep(0.05)
        cfg = self.work / "ansible.cfg"
        cfg.write_text(f"""[defaults]
forks = 100
host_key_checking = True
interpreter_python = /usr/bin/python3
gathering = explicit
remote_user = root
private_key_file = {ssh / 'id_ed25519'}
retry_files_enabled = False
local_tmp = {self.work / 'ansible-local'}
remote_tmp = {self.work / 'ansible-remote'}

[ssh_connection]
pipelining = True
ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile={ssh / 'known_hosts'} -o IdentitiesOnly=yes
control_path_dir = {self.work / 'cp'}
""")
        (self.work / "cp").mkdir()

    def inventories(self, count: int) -> tuple:
        prov_inv = self.work / f"prov-hosts-{count}.yml"
        lines = ["all:", "  hosts:"]
        for agent in self.agents[:count]:
            scratch = self.work / "scratch" / "prov" / agent["name"]
            scratch.mkdir(parents=True, exist_ok=True)
            lines += [f"    {agent['name']}:", "      address: 127.0.0.1", f"      agent_port: {agent['port']}",
                      f"      scratch: {scratch}"]
        prov_inv.write_text("\n".join(lines) + "\n")
        ans_inv = self.work / f"ansible-hosts-{count}.yml"
        lines = ["all:", "  vars:", "    ansible_host: 127.0.0.1", "  hosts:"]
        for sshd in self.sshds[:count]:
            scratch = self.work / "scratch" / "ansible" / sshd["name"]
            scratch.mkdir(parents=True, exist_ok=True)
            lines += [f"    {sshd['name']}:", f"      ansible_port: {sshd['port']}", f"      scratch: {scratch}"]
        ans_inv.write_text("\n".join(lines) + "\n")
        return prov_inv, ans_inv

    # ------------------------------------------------------------------- runs

    def prov_argv(self, playbook: str, inventory: Path, forks: int) -> list:
        return [str(self.prov), "apply", str(PLAYBOOKS / playbook), "-i", str(inventory), "--connection", "agent",
                "--ca-dir", str(self.work / "ca"), "--state-dir", str(self.work / "prov-state"), "--forks", str(forks),
                "-o", "json"]

    def ansible_argv(self, inventory: Path, forks: int) -> list:
        return ["ansible-playbook", "-i", str(inventory), "-f", str(forks), str(PLAYBOOKS / "ansible-noop4.yml")]

    def ansible_env(self) -> dict:
        env = dict(os.environ)
        env["ANSIBLE_CONFIG"] = str(self.work / "ansible.cfg")
        env["ANSIBLE_HOME"] = str(self.work / "ansible-home")
        env["ANSIBLE_NOCOLOR"] = "1"
        return env

    def log_offsets(self, count: int) -> list:
        return [a["log"].stat().st_size for a in self.agents[:count]]

    def calls_since(self, offsets: list) -> list:
        per_host = []
        for agent, offset in zip(self.agents, offsets):
            with open(agent["log"], "rb") as f:
                f.seek(offset)
                text = f.read().decode(errors="replace")
            counts = {}
            for method in CALL.findall(text):
                counts[method] = counts.get(method, 0) + 1
            per_host.append(counts)
        return per_host

    def run_records(self, count: int) -> int:
        total = 0
        for agent in self.agents[:count]:
            runs = agent["dir"] / "state" / "runs"
            total += sum(1 for _ in runs.glob("*/run.json")) if runs.is_dir() else 0
        return total

    def prov_once(self, playbook: str, inventory: Path, count: int, measured: bool, expect_changed: bool = False,
                  state_dir: Path = None) -> dict:
        argv = self.prov_argv(playbook, inventory, count)
        if state_dir is not None:
            argv[argv.index("--state-dir") + 1] = str(state_dir)
        offsets = self.log_offsets(count)
        records_before = self.run_records(count)
        agents_cpu = sum(cpu_seconds(a["proc"].pid) for a in self.agents[:count])
        timed = Timed(argv)
        agents_cpu = sum(cpu_seconds(a["proc"].pid) for a in self.agents[:count]) - agents_cpu
        events = [json.loads(line) for line in timed.stdout.splitlines() if line.startswith("{")]
        finished = [e for e in events if e["type"] == "run_finished"]
        if timed.exit_code != 0 or not finished or finished[-1]["outcome"] != "ok":
            problems = "\n".join(line for line in timed.stdout.splitlines() if '"host_unreachable"' in line or '"host_failed"' in line)
            raise RuntimeError(f"prov apply failed (exit {timed.exit_code}): {' '.join(argv)}\n{problems or timed.stdout[-3000:]}\n{timed.stderr[-3000:]}")
        recap = finished[-1]["recap"]
        changed = sum(r.get("changed", 0) for r in recap)
        if len(recap) != count or (not expect_changed and changed != 0):
            raise RuntimeError(f"prov apply: expected {count} hosts with no change, got {len(recap)} hosts, {changed} changed")
        calls = self.calls_since(offsets)
        result = {
            "seconds": timed.seconds, "cpu": timed.cpu, "max_rss_kb": timed.max_rss_kb, "changed": changed, "agents_cpu": agents_cpu,
            "calls": calls, "run_records": self.run_records(count) - records_before,
            "phases": self.phases(timed, events),
            "ok_tasks": sum(r.get("ok", 0) for r in recap),
        }
        if measured:
            self.note(argv)
        return result

    @staticmethod
    def phases(timed: Timed, events: list) -> dict:
        def t(e):
            return datetime.datetime.fromisoformat(e["time"]).timestamp()

        started = t(next(e for e in events if e["type"] == "run_started"))
        finished = t(next(e for e in events if e["type"] == "run_finished"))
        first_task = {}
        for e in events:
            if e["type"] == "task_started" and e["host"] not in first_task:
                first_task[e["host"]] = t(e)
        completed = [e for e in events if e["type"] == "host_run_completed"]
        ms = lambda s: s * 1000.0
        return {
            "startup_compile": ms(started - timed.start_wall),
            "first_host_started": ms(min(first_task.values()) - started),
            "all_hosts_started": ms(max(first_task.values()) - started),
            "agent_run_median": statistics.median(e["duration_ms"] for e in completed),
            "agent_run_max": max(e["duration_ms"] for e in completed),
            "all_hosts_done": ms(max(t(e) for e in completed) - started),
            "done_to_exit": ms(timed.end_wall - max(t(e) for e in completed)),
            "run_finished_to_exit": ms(timed.end_wall - finished),
            "wall": ms(timed.seconds),
        }

    def ansible_once(self, inventory: Path, count: int, measured: bool, expect_changed: bool = False) -> dict:
        argv = self.ansible_argv(inventory, count)
        timed = Timed(argv, env=self.ansible_env())
        recap = RECAP.findall(timed.stdout)
        changed = sum(int(r[2]) for r in recap)
        bad = [r for r in recap if r[3] != "0" or r[4] != "0"]
        if timed.exit_code != 0 or len(recap) != count or bad or (not expect_changed and changed != 0):
            raise RuntimeError(f"ansible-playbook failed or changed something (exit {timed.exit_code}, {len(recap)} hosts, "
                               f"{changed} changed): {' '.join(argv)}\n{timed.stdout[-3000:]}\n{timed.stderr[-3000:]}")
        if measured:
            self.note(argv, ansible=True)
        return {"seconds": timed.seconds, "cpu": timed.cpu, "max_rss_kb": timed.max_rss_kb, "changed": changed}

    def note(self, argv: list, ansible: bool = False) -> None:
        text = " ".join(str(a).replace(str(self.work), "$WORK").replace(str(self.prov), "prov").replace(str(ROOT) + "/", "")
                        for a in argv)
        if ansible:
            text = "ANSIBLE_CONFIG=$WORK/ansible.cfg ANSIBLE_HOME=$WORK/ansible-home " + text
        if text not in self.commands:
            self.commands.append(text)

    # -------------------------------------------------------------- scenarios

    def scenario_fanout(self) -> None:
        count = 50
        prov_inv, _ = self.inventories(count)
        log("scenario 1: prov, 50 hosts x 20 no-op tasks")
        first = self.prov_once("prov-noop20.yml", prov_inv, count, measured=False, expect_changed=True)
        log(f"  converge run: {first['seconds']:.2f} s, {first['changed']} changed")
        self.prov_once("prov-noop20.yml", prov_inv, count, measured=False)
        runs = []
        for i in range(self.args.runs):
            r = self.prov_once("prov-noop20.yml", prov_inv, count, measured=True)
            log(f"  run {i + 1}: {r['seconds']:.3f} s")
            runs.append(r)
        self.results["fanout"] = runs
        # The same runs without the run history: prov cannot open STATE_DIR/history.db (a directory stands in its way),
        # warns and records nothing. The difference is what recording the history costs.
        no_history = self.work / "prov-state-no-history"
        (no_history / "history.db").mkdir(parents=True)
        self.prov_once("prov-noop20.yml", prov_inv, count, measured=False, state_dir=no_history)
        runs = []
        for i in range(self.args.runs):
            r = self.prov_once("prov-noop20.yml", prov_inv, count, measured=True, state_dir=no_history)
            log(f"  run {i + 1} without history: {r['seconds']:.3f} s")
            runs.append(r)
        self.results["fanout_no_history"] = runs

    def scenario_versus(self) -> None:
        self.results["versus"] = {}
        for count in self.args.sizes:
            prov_inv, ans_inv = self.inventories(count)
            log(f"scenario 2: {count} hosts x 4 no-op tasks, prov and Ansible alternating")
            ansible = not self.args.prov_only
            p = self.prov_once("prov-noop4.yml", prov_inv, count, measured=False, expect_changed=True)
            a = self.ansible_once(ans_inv, count, measured=False, expect_changed=True) if ansible else {"seconds": 0, "changed": 0}
            log(f"  converge runs: prov {p['seconds']:.2f} s ({p['changed']} changed), Ansible {a['seconds']:.2f} s ({a['changed']} changed)")
            self.prov_once("prov-noop4.yml", prov_inv, count, measured=False)
            if ansible:
                self.ansible_once(ans_inv, count, measured=False)
            prov_runs, ans_runs = [], []
            for i in range(self.args.runs):
                if ansible:
                    a = self.ansible_once(ans_inv, count, measured=True)
                    ans_runs.append(a)
                p = self.prov_once("prov-noop4.yml", prov_inv, count, measured=True)
                log(f"  run {i + 1}: " + (f"Ansible {a['seconds']:.3f} s, " if ansible else "") + f"prov {p['seconds']:.3f} s")
                prov_runs.append(p)
            self.results["versus"][count] = {"prov": prov_runs, "ansible": ans_runs}
        hwm = [proc_status(a["proc"].pid).get("VmHWM", 0) for a in self.agents]
        rss = [proc_status(a["proc"].pid).get("VmRSS", 0) for a in self.agents]
        self.results["agent_hwm_kb"] = hwm
        self.results["agent_rss_after_kb"] = rss

    # ----------------------------------------------------------------- report

    def machine(self) -> dict:
        os_release = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
        dotnet = subprocess.run(["dotnet", "--list-runtimes"], capture_output=True, text=True).stdout
        runtime = re.findall(r"Microsoft\.NETCore\.App (\S+)", dotnet)
        ansible = subprocess.run(["ansible", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        sshd = subprocess.run(["ssh", "-V"], capture_output=True, text=True).stderr.strip()
        return {
            "nproc": os.cpu_count(),
            "os": os_release.get("PRETTY_NAME", "?").strip('"') + f" (debian_version {Path('/etc/debian_version').read_text().strip()})",
            "dotnet": runtime[-1] if runtime else "?",
            "kernel": platform.release(),
            "ansible": ansible,
            "openssh": sshd,
            "python": platform.python_version(),
        }

    def write(self, machine: dict, load_start: tuple, load_end: tuple, started: datetime.datetime) -> None:
        r = self.results
        w = []
        mib = lambda kb: kb / 1024.0
        w.append("# Fan-out benchmark: prov against Ansible on loopback, and footprint\n")
        w.append("Produced by `bench/fanout/run.sh` (driver `bench/fanout/bench.py`); do not edit by hand.\n")
        w.append(f"Date: {started:%Y-%m-%d %H:%M} UTC. Machine: {machine['nproc']} cores, {machine['os']}, kernel {machine['kernel']}, "
                 f".NET {machine['dotnet']}, {machine['ansible']}, {machine['openssh']}, Python {machine['python']}.")
        w.append(f"Load average at start: {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f}; "
                 f"at end: {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f} (1, 5, 15 min). The load counts the bench's own "
                 "processes too (one agent and one sshd per host, Ansible's forks) as well as other people's builds and tests "
                 "on this shared machine; a load above the core count inflates every wall-clock figure below, for both tools.\n")
        w.append("Setup: every host is a process on 127.0.0.1 of this machine. prov: one `prov-agent serve` (Native AOT) per "
                 "host, each with its own certificate from a CA created for the run (`prov ca init`, `prov ca issue HOST "
                 "--address 127.0.0.1`), its own state directory and port; `prov` itself is the Native AOT build. Ansible: one "
                 "`sshd -D` per host with its own host key, root login with a key generated for the run, `UsePAM no`, "
                 "`MaxStartups 200`, `MaxSessions 100`; Ansible tuned as its documentation advises: `pipelining = True`, "
                 "`forks` = host count, `ControlMaster=auto`, `ControlPersist=60s` (so measured runs reuse the SSH connections "
                 "of the warm-up), `gather_facts: false`, `interpreter_python = /usr/bin/python3`, host keys checked against "
                 "a known_hosts file written by the bench. prov gets `--forks` = host count too. Each host's tasks work in "
                 "its own scratch directory (host variable `scratch`). Before measuring, each tool converges its own "
                 "scratch directories once and does one warm-up run; every measured run is checked to report 0 changed, "
                 "0 failed, 0 unreachable on every host.\n")

        # Scenario 1
        fan = r["fanout"]
        secs = [x["seconds"] for x in fan]
        target1 = statistics.median(secs) <= 1.0
        w.append("## 1. prov fan-out: 50 hosts × 20 no-op tasks\n")
        w.append("Playbook `playbooks/prov-noop20.yml` (file, copy, lineinfile, file ×5), `gather_facts: false`.\n")
        w.append("| measure | value |\n|---|---|")
        w.append(f"| `prov apply` wall clock, median of {len(fan)} (min–max) | **{median_range([s * 1000 for s in secs])} ms** |")
        w.append(f"| `prov apply` CPU time (user+sys), median | {statistics.median(x['cpu'] for x in fan) * 1000:.0f} ms |")
        w.append(f"| CPU time of the 50 agents together during the run, median | {statistics.median(x['agents_cpu'] for x in fan) * 1000:.0f} ms |")
        noh = r["fanout_no_history"]
        w.append(f"| the same without the run history (prov cannot open `history.db`, warns, records nothing): wall clock, median (min–max) | "
                 f"{median_range([x['seconds'] * 1000 for x in noh])} ms, CPU {statistics.median(x['cpu'] for x in noh) * 1000:.0f} ms |")
        w.append(f"| tasks reported ok per run | {fan[0]['ok_tasks']} (= 50 × 20), 0 changed |")
        w.append(f"| target ≤ 1 s | **{'met' if target1 else 'missed'}** |\n")
        w.append("Round trips, counted on the agents (each agent logs one line per accepted gRPC call at `log_level: debug`; "
                 "the bench counts the lines each measured run added to every agent's log) and in their state directories "
                 "(run records `state/runs/RUN_ID/run.json` added per run):\n")
        w.append("| per measured run | total | per host (min–max over hosts) |\n|---|---|---|")
        methods = sorted({m for x in fan for host in x["calls"] for m in host})
        for m in methods:
            totals = [sum(h.get(m, 0) for h in x["calls"]) for x in fan]
            per_host = [h.get(m, 0) for x in fan for h in x["calls"]]
            w.append(f"| `{m}` calls | {median_range(totals)} | {min(per_host)}–{max(per_host)} |")
        totals = [sum(sum(h.values()) for h in x["calls"]) for x in fan]
        w.append(f"| all gRPC calls | {median_range(totals)} | {min(sum(h.values()) for x in fan for h in x['calls'])}–{max(sum(h.values()) for x in fan for h in x['calls'])} |")
        w.append(f"| run records written (runs/*/run.json) | {median_range([x['run_records'] for x in fan])} | |\n")
        starts = [h.get("StartRun", 0) for x in fan for h in x["calls"]]
        one_plan = all(s == 1 for s in starts)
        w.append(f"Verdict, one plan transfer per host per play: **{'met' if one_plan else 'missed'}** — every host received "
                 f"exactly {'one' if one_plan else 'a varying number of'} `StartRun` (carrying the whole 20-task plan) per run. "
                 "The other calls per host are `GetCapabilities` (asked once per host per `prov apply`, before the first "
                 "play, to check the agent has every module) and `WatchRun` (the one server stream the agent's events come "
                 "back on). None of them is per task: the task count does not appear in the call count.\n")

        # Scenario 2
        w.append("## 2. Fan-out against Ansible: 4 no-op tasks on 10, 50 and 100 hosts\n")
        w.append("Playbooks `playbooks/prov-noop4.yml` and `playbooks/ansible-noop4.yml` (the same four tasks: file "
                 "state=directory, copy content, lineinfile, file mode). Runs alternate Ansible, prov, Ansible, prov … "
                 f"after the warm-up; {self.args.runs} measured runs per tool and host count.\n")
        w.append("| hosts | prov wall, median (min–max) | Ansible wall, median (min–max) | Ansible / prov | prov CPU | Ansible CPU (all its processes) |")
        w.append("|---|---|---|---|---|---|")
        verdict100 = None
        for count, v in r["versus"].items():
            p = [x["seconds"] * 1000 for x in v["prov"]]
            if v["ansible"]:
                a = [x["seconds"] * 1000 for x in v["ansible"]]
                ratio = statistics.median(a) / statistics.median(p)
                w.append(f"| {count} | {median_range(p)} ms | {median_range(a)} ms | **{ratio:.1f}×** | "
                         f"{statistics.median(x['cpu'] for x in v['prov']) * 1000:.0f} ms | "
                         f"{statistics.median(x['cpu'] for x in v['ansible']) * 1000:.0f} ms |")
            else:
                w.append(f"| {count} | {median_range(p)} ms | not run (--prov-only) | | "
                         f"{statistics.median(x['cpu'] for x in v['prov']) * 1000:.0f} ms | |")
            if count == 100:
                verdict100 = statistics.median(p)
        w.append("")
        w.append("CPU is user+sys of the measured command and the children it waited for (`wait4` rusage); for Ansible that "
                 "includes its fork workers and the short-lived ssh clients, not the sshds on the host side nor the "
                 "persistent SSH control masters.\n")
        if verdict100 is not None:
            w.append(f"Target prov ≤ 0.5 s at 100 hosts × 4 no-op tasks: **{'met' if verdict100 <= 500 else 'missed'}** "
                     f"({verdict100:.0f} ms median).")
        w.append("Reference published elsewhere, on another machine (not measured here): Ansible 8.95 s and pyinfra 4.71 s "
                 "for 100 hosts.\n")

        # Scenario 3
        idle = r["agent_idle_rss_kb"]
        hwm = r["agent_hwm_kb"]
        ctl = [x["max_rss_kb"] for x in r["versus"].get(100, {}).get("prov", [])] or [x["max_rss_kb"] for x in fan]
        ans = [x["max_rss_kb"] for x in r["versus"].get(100, {}).get("ansible", [])]
        size = r["agent_binary_bytes"]
        w.append("## 3. Footprint\n")
        w.append("| measure | value | target | verdict |\n|---|---|---|---|")
        w.append(f"| `prov-agent` binary (Native AOT, stripped, self-contained) | {size / 1048576:.1f} MiB ({size} bytes) | ≤ 20 MB | "
                 f"**{'met' if size <= 20_000_000 else 'missed'}** |")
        w.append(f"| idle RSS of a serving agent (VmRSS 2 s after all {len(idle)} listened, before any run), median (min–max) | "
                 f"{median_range([mib(k) for k in idle], '{:.1f}')} MiB | ≤ 30 MB | "
                 f"**{'met' if statistics.median(idle) * 1024 <= 30_000_000 else 'missed'}** |")
        w.append(f"| peak RSS of an agent (VmHWM after all runs: start-up and every run it served), median (min–max) | "
                 f"{median_range([mib(k) for k in hwm], '{:.1f}')} MiB | | |")
        w.append(f"| RSS of an agent after all runs, median (min–max) | {median_range([mib(k) for k in r['agent_rss_after_kb']], '{:.1f}')} MiB | | |")
        w.append(f"| `prov apply` peak RSS at 100 hosts (ru_maxrss), median (min–max) | {median_range([mib(k) for k in ctl], '{:.1f}')} MiB | | |")
        if ans:
            w.append(f"| `ansible-playbook` peak RSS at 100 hosts (largest of it and its workers), median (min–max) | "
                     f"{median_range([mib(k) for k in ans], '{:.1f}')} MiB | | |")
        w.append("")
        maps = sorted(r["agent_idle_mappings_kb"].items(), key=lambda kv: -kv[1])
        total = sum(v for _, v in maps)
        w.append(f"Idle RSS of one serving agent by mapping (/proc/PID/smaps, {mib(total):.1f} MiB in all):\n")
        w.append("| mapping | resident |\n|---|---|")
        for name, kb in maps[:8]:
            w.append(f"| `{name.replace(str(self.agent), 'prov-agent')}` | {mib(kb):.1f} MiB |")
        rest = sum(v for _, v in maps[8:])
        w.append(f"| everything else ({len(maps) - 8} mappings) | {mib(rest):.1f} MiB |\n")

        # Where the time goes
        w.append("## Where the time goes\n")
        missed = [name for name, ok in (("1 s for 50 hosts × 20 tasks", target1),
                                         ("0.5 s for 100 hosts × 4 tasks", verdict100 is None or verdict100 <= 500)) if not ok]
        w.append(("Targets missed: " + "; ".join(missed) + ". " if missed else "All time targets met. ")
                 + "Phases of each measured `prov apply`, from its `-o json` event stream (controller timestamps for "
                 "run_started/run_finished, agent timestamps for task and host events: same machine, same clock) and the "
                 "process's start and exit seen by the bench; medians over the measured runs, milliseconds.\n")
        rows = [("process start → run_started (runtime start, parse, validate, compile one plan per host)", "startup_compile"),
                ("run_started → first host's first task started (connect, TLS 1.3 handshake, GetCapabilities, StartRun)", "first_host_started"),
                ("run_started → last host's first task started (the same, for all hosts)", "all_hosts_started"),
                ("one agent's run of the play, median over hosts (agent-side duration)", "agent_run_median"),
                ("one agent's run of the play, slowest host", "agent_run_max"),
                ("run_started → last host's run completed", "all_hosts_done"),
                ("last host's run completed → process exit (recap, history, closing connections)", "done_to_exit"),
                ("whole `prov apply`, wall clock", "wall")]
        header = ["phase", "50 × 20 tasks"] + [f"{c} × 4 tasks" for c in r["versus"]]
        w.append("| " + " | ".join(header) + " |")
        w.append("|" + "---|" * len(header))
        series = [fan] + [v["prov"] for v in r["versus"].values()]
        for label, key in rows:
            w.append(f"| {label} | " + " | ".join(f"{statistics.median(x['phases'][key] for x in s):.0f}" for s in series) + " |")
        w.append("| CPU time of `prov apply` (user+sys) | " + " | ".join(f"{statistics.median(x['cpu'] for x in s) * 1000:.0f}" for s in series) + " |")
        w.append("| CPU time of all the agents together (user+sys, from /proc/PID/stat) | " + " | ".join(f"{statistics.median(x['agents_cpu'] for x in s) * 1000:.0f}" for s in series) + " |")
        w.append("")
        with_h = statistics.median(x["seconds"] for x in fan) * 1000
        without_h = statistics.median(x["seconds"] for x in r["fanout_no_history"]) * 1000
        cpu_with = statistics.median(x["cpu"] for x in fan) * 1000
        cpu_without = statistics.median(x["cpu"] for x in r["fanout_no_history"]) * 1000
        w.append(f"Run history (SQLite, queued off the report lock and committed in batches by one writer): at 50 × 20 "
                 f"tasks, `prov apply` took {with_h:.0f} ms with it and {without_h:.0f} ms without it (medians), "
                 f"{cpu_with:.0f} ms and {cpu_without:.0f} ms of CPU.")
        per_agent = statistics.median(x["agents_cpu"] for x in fan) / 50 * 1000
        w.append(f"Each agent used {per_agent:.1f} ms of CPU per run at 50 × 20 tasks (all 50 together divided by 50) while its "
                 f"play took {statistics.median(x['phases']['agent_run_median'] for x in fan):.1f} ms (median agent-side duration): "
                 "the rest is serving the connection (TLS 1.3 handshake with client certificate, the certificate judged again on "
                 "each of the 3 calls, HTTP/2 and gRPC framing, plan decoding) and the run's durable state (events log, run record, fsyncs).")
        busy = statistics.median((x["cpu"] + x["agents_cpu"]) / x["seconds"] for x in fan)
        w.append(f"CPU demand at 50 × 20 tasks: prov and the agents together used {busy:.2f} CPU-seconds per wall-clock second "
                 f"on a {os.cpu_count()}-core machine whose load average was {self.load_start[0]:.1f} at the start, so the "
                 "wall clock includes waiting for a core.\n")

        w.append("## Commands\n")
        w.append("Measured commands (`$WORK` is the run's temporary directory):\n")
        w.append("```")
        w.extend(self.commands)
        w.append("```\n")
        w.append(f"Binaries: `{os.environ.get('BENCH_PROV_BUILD', 'prov: ' + str(self.prov))}`; "
                 f"`{os.environ.get('BENCH_AGENT_BUILD', 'prov-agent: ' + str(self.agent))}`.\n")
        w.append("Set-up per host: `prov ca init --dir $WORK/ca`; `prov ca issue hNNN --address 127.0.0.1 --dir $WORK/ca --out "
                 "$WORK/agents/hNNN` (agent.json then rewritten: listen 127.0.0.1, port 0, state_dir state, log_level debug); "
                 "`prov-agent serve --config $WORK/agents/hNNN/agent.json`; `sshd -D -e -f $WORK/ssh/hNNN/sshd_config`.\n")
        w.append("Reproduce: `bench/fanout/run.sh` (as root; installs clang, zlib1g-dev, ansible-core and openssh-server from "
                 "Debian when missing, publishes prov and prov-agent with Native AOT, runs `bench/fanout/bench.py`).")
        if self.args.prov_only:
            w[0] = "# Fan-out benchmark, prov only (Ansible not run: `bench.py --prov-only`)\n"
        (HERE / self.results_name()).write_text("\n".join(w) + "\n")

    def results_name(self) -> str:
        return "RESULTS-prov-only.md" if self.args.prov_only else "RESULTS.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prov", required=True)
    parser.add_argument("--agent", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10,50,100")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--prov-only", action="store_true",
                        help="skip Ansible and the sshds; write RESULTS-prov-only.md (for quick runs on prov alone)")
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(128 + 15))
    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = os.getloadavg()
    bench = Bench(args)
    bench.load_start = load_start
    try:
        count = max(args.sizes + [50])
        bench.setup_agents(count)
        if not args.prov_only:
            bench.setup_sshds(count)
        bench.scenario_fanout()
        bench.scenario_versus()
        load_end = os.getloadavg()
        bench.write(bench.machine(), load_start, load_end, started)
        log(f"wrote {HERE / bench.results_name()}")
    finally:
        bench.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
