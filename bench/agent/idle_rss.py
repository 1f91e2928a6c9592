#!/usr/bin/env python3
"""Idle RSS of a serving prov-agent: started on loopback with its own CA, certificate and state, measured before and
after it serves one `prov apply`.

Usage: bench/agent/idle_rss.py [--agent PATH] [--prov PATH] [--baseline PATH] [--starts 5] [--env K=V ...] [--no-write]
  --agent     the prov-agent to measure (default $PROV_AGENT_BIN; otherwise published first, Release, Native AOT)
  --prov      the prov CLI used for `prov ca` and `prov apply` (default $PROV_BIN; a prov.dll runs with `dotnet`;
              otherwise built first with `dotnet build src/Provisioner.Cli -c Release`)
  --baseline  a second prov-agent measured the same way in the same session (e.g. the build before a change)
  --env       environment for the agent process (repeatable), for trying runtime knobs without rebuilding
Writes the "Idle RSS of a serving agent" section of bench/agent/RESULTS.md (the rest of the file is bench.py's),
unless --no-write. Everything runs on 127.0.0.1 in one temporary directory, removed at the end.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LISTENING = re.compile(r"listening on https://127\.0\.0\.1:(\d+)")
MAPPING = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")
PLAYBOOK = ROOT / "bench" / "fanout" / "playbooks" / "prov-noop4.yml"
BEGIN, END = "<!-- idle_rss.py: begin -->", "<!-- idle_rss.py: end -->"
SETTLE_SECONDS = 3


def mib(kb: float) -> float:
    return kb / 1024


def status_kb(pid: int) -> dict:
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM", "Threads"):
                values[key] = int(rest.split()[0])
    return values


def smaps(pid: int) -> dict:
    """Resident and anonymous (private, written) kB per mapped object: the binary, each library, [anonymous]."""
    groups = {}
    current = None
    exe = os.readlink(f"/proc/{pid}/exe")
    previous = (None, 0)  # name and end address of the mapping before
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            if MAPPING.match(line):
                parts = line.split()
                start, end = (int(x, 16) for x in parts[0].split("-"))
                name = parts[5] if len(parts) > 5 else "[anonymous]"
                current = "[anonymous]" if name in ("[heap]", "[stack]") or name.startswith("[anon") else name
                if len(parts) == 5 and previous == (exe, start):
                    # The binary's .bss: for a Native AOT binary built with dehydrated type data (the default), mostly
                    # that data, unpacked by the runtime at start-up.
                    current = "[anonymous] right after the binary (its .bss)"
                previous = (name, end)
                groups.setdefault(current, {"rss": 0, "anon": 0})
            else:
                parts = line.split()
                if parts and parts[0] == "Rss:":
                    groups[current]["rss"] += int(parts[1])
                elif parts and parts[0] == "Anonymous:":
                    groups[current]["anon"] += int(parts[1])
    return groups


def cpu_ms(pid: int) -> float:
    """utime + stime of a process so far, milliseconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def snapshot(pid: int) -> dict:
    return {"status": status_kb(pid), "maps": smaps(pid), "cpu_ms": cpu_ms(pid)}


class Session:
    def __init__(self, prov: list, work: Path):
        self.prov = prov
        self.work = work
        self.ca = work / "ca"
        self.count = 0
        subprocess.run(self.prov + ["ca", "init", "--dir", str(self.ca)], check=True, capture_output=True)

    def start_agent(self, binary: Path, env: dict) -> tuple:
        self.count += 1
        name = f"h{self.count:03d}"
        out = self.work / "agents" / name
        subprocess.run(self.prov + ["ca", "issue", name, "--address", "127.0.0.1", "--dir", str(self.ca), "--out", str(out)],
                       check=True, capture_output=True)
        config = out / "agent.json"
        config.unlink()
        config.write_text(json.dumps({
            "listen": "127.0.0.1", "port": 0, "ca_certificate": "ca.crt", "certificate": "agent.crt", "key": "agent.key",
            "revocation_list": "revoked.crl", "state_dir": "state", "lock_wait_seconds": 5, "log_level": "information"}))
        log = out / "agent.log"
        with open(log, "wb") as stderr:
            proc = subprocess.Popen([str(binary), "serve", "--config", str(config)], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=stderr, env={**os.environ, **env})
        deadline = time.time() + 60
        while True:
            match = LISTENING.search(log.read_text(errors="replace"))
            if match:
                return name, out, proc, int(match.group(1))
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(f"prov-agent did not start listening:\n{log.read_text()}")
            time.sleep(0.02)

    def apply(self, name: str, port: int) -> None:
        scratch = self.work / "scratch" / name
        scratch.mkdir(parents=True)
        inventory = self.work / f"{name}.yml"
        inventory.write_text(f"all:\n  hosts:\n    {name}:\n      address: 127.0.0.1\n      agent_port: {port}\n"
                             f"      scratch: {scratch}\n")
        run = subprocess.run(self.prov + ["apply", str(PLAYBOOK), "-i", str(inventory), "--connection", "agent", "--ca-dir",
                                          str(self.ca), "--state-dir", str(self.work / "prov-state"), "-o", "json"],
                             capture_output=True, text=True)
        finished = [json.loads(l) for l in run.stdout.splitlines() if '"run_finished"' in l]
        if run.returncode != 0 or not finished or finished[-1]["outcome"] != "ok":
            raise RuntimeError(f"prov apply failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")

    def measure(self, binary: Path, env: dict) -> dict:
        name, _, proc, port = self.start_agent(binary, env)
        try:
            time.sleep(SETTLE_SECONDS)
            idle = snapshot(proc.pid)
            self.apply(name, port)
            applied = cpu_ms(proc.pid)
            time.sleep(SETTLE_SECONDS)
            after = snapshot(proc.pid)
            return {"idle": idle, "after": after, "run_cpu_ms": applied - idle["cpu_ms"],
                    "settle_cpu_ms": after["cpu_ms"] - applied}
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def median_snapshot(samples: list, phase: str) -> dict:
    """The sample whose VmRSS is the median one (an odd count of starts gives a real sample, not an average)."""
    ordered = sorted(samples, key=lambda s: s[phase]["status"]["VmRSS"])
    return ordered[len(ordered) // 2][phase]


def build_cli(out: Path) -> list:
    subprocess.run(["dotnet", "build", "src/Provisioner.Cli", "-c", "Release", "-o", str(out), "-nologo", "-v", "q"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return [str(out / "prov")]


def publish_agent(out: Path) -> Path:
    subprocess.run(["dotnet", "publish", "agent/Provisioner.Agent", "-c", "Release", "-r", "linux-x64", "-o", str(out),
                    "-nologo", "-v", "q"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return out / "prov-agent"


def mapping_rows(snap: dict, binary: Path) -> list:
    rows = []
    maps = sorted(snap["maps"].items(), key=lambda kv: -kv[1]["rss"])
    for name, v in maps[:8]:
        label = "prov-agent (binary's file pages)" if name == str(binary) else name
        rows.append(f"| `{label}` | {mib(v['rss']):.1f} | {mib(v['anon']):.1f} |")
    rest = maps[8:]
    rows.append(f"| everything else ({len(rest)} objects) | {mib(sum(v['rss'] for _, v in rest)):.1f} | "
                f"{mib(sum(v['anon'] for _, v in rest)):.1f} |")
    return rows


def describe(label: str, binary: Path, samples: list, env: dict) -> list:
    idle = [s["idle"]["status"]["VmRSS"] for s in samples]
    after = [s["after"]["status"]["VmRSS"] for s in samples]
    mi, ma = median_snapshot(samples, "idle"), median_snapshot(samples, "after")

    def rng(values):
        return f"{mib(statistics.median(values)):.1f} ({mib(min(values)):.1f}–{mib(max(values)):.1f}) MiB"

    def verdict(values):
        return "met" if statistics.median(values) * 1024 <= 30_000_000 else "missed"

    lines = [f"### {label}: `{binary.name}`, {binary.stat().st_size} bytes ({mib(binary.stat().st_size / 1024):.1f} MiB)"
             + (f", agent environment {' '.join(f'{k}={v}' for k, v in env.items())}" if env else ""), "",
             "| measure | median (min–max) of the starts | target ≤ 30 MB |", "|---|---|---|",
             f"| VmRSS {SETTLE_SECONDS} s after it listens, before any run | {rng(idle)} | **{verdict(idle)}** |",
             f"| VmRSS {SETTLE_SECONDS} s after it served one `prov apply` (4 tasks, first run: changes) | {rng(after)} | "
             f"**{verdict(after)}** |",
             f"| of which anonymous (RssAnon), idle / after the run | {mib(mi['status']['RssAnon']):.1f} / "
             f"{mib(ma['status']['RssAnon']):.1f} MiB | |",
             f"| of which file-backed (RssFile), idle / after the run | {mib(mi['status']['RssFile']):.1f} / "
             f"{mib(ma['status']['RssFile']):.1f} MiB | |",
             f"| threads, idle / after the run | {mi['status']['Threads']} / {ma['status']['Threads']} | |",
             f"| agent CPU time serving the `prov apply` (user+sys, 10 ms ticks) | "
             f"{statistics.median(s['run_cpu_ms'] for s in samples):.0f} ms | |",
             f"| agent CPU time in the {SETTLE_SECONDS} s after it (idle; includes any memory release) | "
             f"{statistics.median(s['settle_cpu_ms'] for s in samples):.0f} ms | |",
             "", "By mapped object, the median start (MiB; \"anonymous\" = private pages written, also inside file mappings):", "",
             "| object | idle resident | idle anonymous | after the run resident | after the run anonymous |",
             "|---|---|---|---|---|"]
    idle_rows = {r.split("|")[1]: r for r in mapping_rows(mi, binary)}
    after_rows = {r.split("|")[1]: r for r in mapping_rows(ma, binary)}
    for key, row in idle_rows.items():
        other = after_rows.get(key)
        tail = "|".join(other.split("|")[2:4]) if other else " – | – "
        lines.append(row.rstrip("|").rstrip() + " |" + tail + "|")
    lines.append("")
    return lines


def write_section(text: str) -> None:
    path = HERE / "RESULTS.md"
    current = path.read_text() if path.exists() else ""
    block = f"{BEGIN}\n{text}\n{END}\n"
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        current = head + block + rest.split(END, 1)[1].lstrip("\n")
    else:
        current = current.rstrip("\n") + "\n\n" + block if current else block
    path.write_text(current)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agent", type=Path, default=os.environ.get("PROV_AGENT_BIN"))
    parser.add_argument("--prov", default=os.environ.get("PROV_BIN"))
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    env = dict(e.split("=", 1) for e in args.env)
    load_start = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="prov-idle-rss-"))
    try:
        agent = (args.agent or publish_agent(work / "agent")).resolve()
        if args.prov is None:
            prov = build_cli(work / "cli")
        elif args.prov.endswith(".dll"):
            prov = ["dotnet", args.prov]
        else:
            prov = [args.prov]
        session = Session(prov, work)
        builds = [("this build", agent)] if args.baseline is None else [("before", args.baseline.resolve()), ("after", agent)]
        results = {label: [] for label, _ in builds}
        for i in range(args.starts):  # builds alternate, so both see the same machine
            for label, binary in builds:
                sample = session.measure(binary, env)
                results[label].append(sample)
                print(f"[{label} {i + 1}/{args.starts}] idle {mib(sample['idle']['status']['VmRSS']):.1f} MiB, after a run "
                      f"{mib(sample['after']['status']['VmRSS']):.1f} MiB", flush=True)
        load_end = os.getloadavg()
        lines = ["## Idle RSS of a serving agent", "",
                 f"Generated by `bench/agent/idle_rss.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
                 f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load_start[0]:.1f} at the start, "
                 f"{load_end[0]:.1f} at the end (RSS does not depend on load; the machine is shared).", "",
                 f"Each start: a fresh certificate from a CA made for the session (`prov ca init`, `prov ca issue hNNN "
                 f"--address 127.0.0.1`), `prov-agent serve` on 127.0.0.1 with port 0 and its own state directory, "
                 f"VmRSS read {SETTLE_SECONDS} s after it logs that it listens; then one `prov apply "
                 f"bench/fanout/playbooks/prov-noop4.yml --connection agent` against it, and VmRSS read again "
                 f"{SETTLE_SECONDS} s after the apply exits. {args.starts} starts per build"
                 + (", the builds alternating." if len(builds) > 1 else ".") + " 30 MB = 30,000,000 bytes = 28.6 MiB.", ""]
        for label, binary in builds:
            lines += describe(label, binary, results[label], env)
        final = median_snapshot(results[builds[-1][0]], "idle")["maps"]

        def part(*names):
            return mib(sum(v["rss"] for k, v in final.items() if any(k == n or k.endswith(n) for n in names)))

        lines += [
            "How the serving agent gets there (`agent/Provisioner.Agent/Memory/`, its project file, docs/agent.md "
            "\"Memory of a serving agent\"): its type data is compiled as it is, not compressed, into a binary linked at "
            "a fixed address, so the kernel maps only the pages the agent touches and they stay clean, shared pages of "
            "the file (compressed, the runtime would unpack all of it into private memory at start-up: the .bss line "
            "of a default build). Once it listens, and 1 s after each run when no other run started, it runs a "
            "compacting aggressive GC (start-up allocates about 10 MB with no collection at all, since the gen0 budget "
            "of a workstation GC without background GC is large; about 2 MB stays alive) and `malloc_trim(0)`: "
            "anonymous memory given back. Pages of the binary are left alone (unmapping them would take them out of the "
            "RSS figure without freeing any memory: they stay in the page cache).",
            "",
            f"What the last build's idle RSS is made of (median start): {part(str(builds[-1][1])):.1f} MiB of the binary's "
            f"file pages (code and type data touched since start-up), {part('(its .bss)'):.1f} MiB of the binary's .bss "
            f"(with dehydrated type data, that data unpacked at start-up), {part('[anonymous]'):.1f} MiB of "
            f"other anonymous memory (managed heap after compaction, malloc arenas, thread stacks), "
            f"{part('libcrypto.so.3', 'libssl.so.3'):.1f} MiB of OpenSSL and {part('libc.so.6', 'libm.so.6', 'ld-linux-x86-64.so.2'):.1f} "
            f"MiB of libc, libm and the loader.",
            ""]
        text = "\n".join(lines)
        print(text)
        if not args.no_write:
            write_section(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
