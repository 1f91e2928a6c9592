#!/usr/bin/env python3
"""Writes bench/RESULTS.md from bench/converge/results/scenarioN.json (scenarios 1, 2, 4) and bench/fanout/RESULTS.md
(scenarios 3 and 5). Called by bench/run.sh at the end of every invocation; not meant to be edited by hand.

Usage: bench/report.py --ran 1,2,4 --invocation "bench/run.sh ..."
"""
import argparse
import datetime
import json
import re
import statistics
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "converge" / "results"
FANOUT = HERE / "fanout" / "RESULTS.md"
TARGET_NOOP = 30.0
TARGET_SHARE = 5.0


def med(values) -> float:
    return statistics.median(list(values))


def mr(values, scale=1.0, fmt="{:.0f}") -> str:
    v = [x * scale for x in values]
    return f"{fmt.format(med(v))} ({fmt.format(min(v))}–{fmt.format(max(v))})"


def secs(values) -> str:
    v = list(values)
    fmt = "{:.2f}" if med(v) < 10 else "{:.1f}"
    return mr(v, fmt=fmt) + " s"


def load(doc: dict) -> str:
    s, e = doc["load_start"], doc["load_end"]
    return f"load average {s[0]:.2f} {s[1]:.2f} {s[2]:.2f} at the start, {e[0]:.2f} {e[1]:.2f} {e[2]:.2f} at the end (1, 5, 15 min)"


def header(doc: dict, ran: set) -> str:
    when = ("Measured by this invocation" if doc["scenario"] in ran
            else "**Not re-run by this invocation**: measured by an earlier one")
    runs = doc["runs"]
    warn = "" if runs >= 5 else f" **Only {runs} measured run(s) per tool: a trial run, not a measurement.**"
    return (f"{when}, {doc['date']} to {doc['finished']}; {runs} measured runs per tool after one warm-up of each, "
            f"alternating Ansible, prov, Ansible, prov …; {load(doc)}.{warn}\n")


def versus_section(doc: dict, title: str, what: str, ran: set, w: list, target: bool) -> None:
    w.append(f"## {title}\n")
    w.append(header(doc, ran))
    w.append(what + "\n")
    w.append("| hosts | prov wall, median (min–max) | Ansible wall, median (min–max) | Ansible / prov | "
             + ("target ≥ 30× | " if target else "") + "prov CPU | Ansible CPU (all its processes) |")
    w.append("|---|---|---|---|---|---|" + ("---|" if target else ""))
    for count, v in doc["data"].items():
        p = [x["seconds"] for x in v["prov"]]
        a = [x["seconds"] for x in v["ansible"]]
        ratio = med(a) / med(p)
        verdict = ("met" if ratio >= TARGET_NOOP else "missed") + " | " if target else ""
        w.append(f"| {count} | {secs(p)} | {secs(a)} | **{ratio:.1f}×** | {verdict}"
                 f"{med(x['cpu'] for x in v['prov']):.2f} s | {med(x['cpu'] for x in v['ansible']):.2f} s |")
    w.append("")
    w.append("Where prov's time goes (medians over the measured runs, milliseconds; from prov's `-o json` events: controller "
             "timestamps for `run_started`, agent timestamps for tasks and host runs, same clock; process start and exit "
             "seen by the bench):\n")
    rows = [("process start → `run_started` (runtime start, read inventory and playbook, validate, compile one plan per host)",
             lambda x: x["phases"]["startup_compile"]),
            ("`run_started` → facts of every host gathered (connect, TLS 1.3, GetCapabilities, GatherFacts: the templates "
             "use `hostvars`, so prov gathers facts although `gather_facts: false`)", lambda x: x["facts_ms"] or 0),
            ("`run_started` → last host's first task started (connect, TLS 1.3, GetCapabilities, facts, StartRun)",
             lambda x: x["phases"]["all_hosts_started"]),
            ("one agent's run of the 50 tasks, slowest host (agent-side)", lambda x: x["phases"]["agent_run_max"]),
            ("sum of the 50 task durations on that host (agent-side, module work)",
             lambda x: max(x["per_host"].values(), key=lambda h: h["run_ms"])["tasks_ms"]),
            ("of which the apt tasks (dpkg-query, apt-cache policy)",
             lambda x: max(x["per_host"].values(), key=lambda h: h["run_ms"])["apt_ms"]),
            ("last host's run completed → process exit (recap, run history, closing connections)",
             lambda x: x["phases"]["done_to_exit"]),
            ("whole `prov apply`, wall clock", lambda x: x["phases"]["wall"])]
    counts = list(doc["data"])
    w.append("| phase | " + " | ".join(f"{c} host(s)" for c in counts) + " |")
    w.append("|---|" + "---|" * len(counts))
    for label, f in rows:
        w.append(f"| {label} | " + " | ".join(f"{med(f(x) for x in doc['data'][c]['prov']):.0f}" for c in counts) + " |")
    w.append("| Ansible, wall clock per task (wall / 50) | "
             + " | ".join(f"{med(x['seconds'] for x in doc['data'][c]['ansible']) * 1000 / 50:.0f}" for c in counts) + " |")
    w.append("")
    slow = doc["data"][counts[-1]]["prov"][0]["slowest_tasks"]
    w.append(f"Slowest tasks of the first measured prov run on {counts[-1]} host(s): "
             + "; ".join(f"{name} ({module}, {host}) {ms:.0f} ms" for ms, host, name, module in slow[:5]) + ".\n")


def first_section(doc: dict, ran: set, w: list) -> None:
    d = doc["data"]
    w.append("## 2. First converge: the same 50 tasks on bare hosts\n")
    w.append(header(doc, ran))
    w.append(f"{d['hosts']} hosts, each replaced by a bare one (`prov lab reset HOST`: a new container from the base "
             "image, sshd and python3 only, empty apt lists) before every run of either tool; the first run of the "
             "playbook installs nginx, haproxy, redis-server, redis-tools, curl and logrotate through the lab's "
             "apt-cacher-ng (warm: the warm-up runs filled it), renders the templates and runs the handlers (reload "
             "nginx, reload and restart haproxy, restart redis). For prov, `prov bootstrap` installs and enrols the agent "
             "after the reset; it is timed apart and is not part of the converge time. Ansible's apt module installs "
             "python3-apt on each bare host first (it needs it; part of Ansible's converge time).\n")
    p, a = d["prov"], d["ansible"]
    w.append("| measure | prov | Ansible |\n|---|---|---|")
    w.append(f"| converge wall clock, median (min–max) | **{secs(x['seconds'] for x in p)}** | **{secs(x['seconds'] for x in a)}** |")
    w.append(f"| Ansible / prov | **{med(x['seconds'] for x in a) / med(x['seconds'] for x in p):.2f}×** | |")
    w.append(f"| CPU of the measured command (user+sys) | {med(x['cpu'] for x in p):.1f} s | {med(x['cpu'] for x in a):.1f} s |")
    w.append(f"| `prov bootstrap` of the {d['hosts']} hosts at once, before each converge (not in the converge time) | "
             f"{secs(x['bootstrap_seconds'] for x in p)} | |")
    w.append(f"| `prov lab reset` of the {d['hosts']} hosts, one after the other (not measured as either tool) | "
             f"{secs(x['reset_seconds'] for x in p)} | {secs(x['reset_seconds'] for x in a)} |")
    w.append("")
    shares, rows = [], []
    for x in p:
        last = max(x["per_host"].values(), key=lambda h: h["completed_at_ms"])
        wall = x["phases"]["wall"]
        own = wall - last["tasks_ms"]
        shares.append(own / wall * 100)
        rows.append({"wall": wall, "tasks": last["tasks_ms"], "apt": last["apt_ms"], "own": own,
                     "startup": x["phases"]["startup_compile"], "dispatch": last["dispatch_ms"],
                     "between": last["run_ms"] - last["tasks_ms"], "exit": x["phases"]["done_to_exit"],
                     "facts": x["facts_ms"] or 0})
    share = med(shares)
    w.append("**prov's own share of the wall clock.** Method: the agents time every task they run (`duration_ms` of "
             "each `task_result`: evaluating `when`, rendering the arguments, and the module's work with the external "
             "commands it runs: apt-get, dpkg-query, systemctl, validate commands). Take the host whose run completed "
             "last (it decides when `prov apply` can finish); everything in the wall clock that is not one of that "
             "host's task durations is prov's own: process start, reading and compiling, connecting (TLS 1.3, "
             "GetCapabilities), gathering facts, sending the plan, the agent's engine between tasks, streaming "
             "events back, the recap and run history, exit. Any time prov spent waiting for the machine's cores "
             "counts as prov's own too.\n")
    w.append("| per run, milliseconds (median (min–max) over the measured runs) | |\n|---|---|")
    for label, key in (("`prov apply` wall clock", "wall"), ("that host's task durations, summed", "tasks"),
                       ("of which apt", "apt"), ("**prov's own time** (wall − task durations)", "own"),
                       ("— process start → `run_started` (startup, compile)", "startup"),
                       ("— `run_started` → facts gathered on every host", "facts"),
                       ("— `run_started` → that host's first task started (connect, facts, StartRun)", "dispatch"),
                       ("— agent-side between tasks (host run duration − task durations)", "between"),
                       ("— last host's run completed → process exit", "exit")):
        w.append(f"| {label} | {mr(r[key] for r in rows)} |")
    w.append(f"| **prov's own share of the wall clock** | **{mr(shares, fmt='{:.1f}')} %** |")
    w.append("")
    w.append(f"Target ≤ {TARGET_SHARE:.0f} %: **{'met' if share <= TARGET_SHARE else 'missed'}** ({share:.1f} % median). "
             f"apt (downloads from the cache, dpkg) is {med(r['apt'] / r['wall'] * 100 for r in rows):.0f} % of the wall "
             "clock; the rest of the task time is the services' starts and reloads, templates with their validate "
             "commands, and the other modules.\n")


def fanout_section(ran: set, w: list) -> None:
    w.append("## 3 and 5. Fan-out (loopback hosts) and footprint\n")
    if not FANOUT.exists():
        w.append("No `bench/fanout/RESULTS.md` yet: run `bench/run.sh --scenarios 3,5`.\n")
        return
    text = FANOUT.read_text()
    date = re.search(r"^Date: ([^.]+UTC)", text, re.M)
    if ran & {3, 5}:
        w.append("Run by this invocation through `bench/fanout/run.sh`; its report `bench/fanout/RESULTS.md` follows, "
                 "headings moved two levels down (its own numbering of sections is its own).\n")
    else:
        w.append(f"**Not re-run by this invocation** (it takes about 30 minutes: `bench/run.sh --scenarios 3,5`). What "
                 f"follows is `bench/fanout/RESULTS.md` as `bench/fanout/run.sh` last wrote it"
                 f"{' (' + date.group(1) + ')' if date else ''}, headings moved two levels down (its own numbering of "
                 "sections is its own: its 2 is scenario 3 here, its 3 is scenario 5).\n")
    for line in text.splitlines()[1:]:
        w.append("##" + line if line.startswith("#") else line)
    w.append("")


def machine_line(m: dict) -> str:
    return (f"{m['nproc']} cores, {m['os']}, kernel {m['kernel']}, .NET {m['dotnet']}, {m['ansible']}, {m['openssh']}, "
            f"Python {m['python']}; prov {m['prov_version']}; prov-agent {m['agent_bytes'] / 1048576:.1f} MiB.")


def failed_section(doc: dict, title: str, ran: set, w: list) -> None:
    w.append(f"## {title}\n")
    w.append(header(doc, ran))
    w.append("**No numbers: the scenario failed.** The bench stopped at this command and output (prov's JSON events "
             "trimmed to the failing ones):\n")
    w.append("```")
    keep = ('"status":"failed"', '"host_unreachable"', '"host_failed"', '"run_finished"')
    for line in doc["data"]["error"].replace(str(HERE.parent) + "/", "").splitlines():
        event = '"type":' in line or line.startswith('type"')
        if not event or any(k in line for k in keep):
            w.append(line)
    w.append("```\n")
    partial = doc["data"].get("partial") or {}
    if partial.get("ansible_seconds") or partial.get("prov_bootstrap_seconds"):
        w.append("Finished before the failure (warm-up or measured runs, not enough for a result): Ansible's first "
                 "converge " + (", ".join(f"{x:.1f} s" for x in partial["ansible_seconds"]) or "none") + "; `prov bootstrap` "
                 + (", ".join(f"{x:.1f} s" for x in partial["prov_bootstrap_seconds"]) or "none") + ".\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ran", default="")
    parser.add_argument("--invocation", default="bench/run.sh")
    args = parser.parse_args()
    ran = {int(s) for s in args.ran.split(",") if s}
    docs = {}
    for path in sorted(RESULTS.glob("scenario*.json")):
        doc = json.loads(path.read_text())
        docs[doc["scenario"]] = doc
    titles = {1: "1. No-op converge", 2: "2. First converge", 4: "4. Check mode of scenario 1"}
    failed = {k: v for k, v in docs.items() if "error" in v["data"]}
    docs = {k: v for k, v in docs.items() if k not in failed}
    now = datetime.datetime.now(datetime.timezone.utc)
    w = ["# Benchmarks: prov against Ansible\n",
         "Produced by `bench/run.sh` (drivers `bench/converge/bench.py` for the lab scenarios 1, 2, 4, "
         "`bench/fanout/run.sh` for 3 and 5, this page by `bench/report.py`); do not edit by hand.\n",
         f"Written {now:%Y-%m-%d %H:%M} UTC by `{args.invocation}`; scenarios run by it: "
         f"{', '.join(map(str, sorted(ran))) or 'none'}. Each section says when its numbers were measured.\n"]
    if docs or failed:
        latest = max(list(docs.values()) + list(failed.values()), key=lambda d: d["date"])
        m = latest["machine"]
        w.append(f"Machine: {machine_line(m)} Binaries: `{m['prov_build']}`; `{m['agent_build']}`.\n")
    w.append("The machine is shared with other people's builds and tests, and the lab's hosts are containers on the same "
             "2 cores: a load average above the core count inflates every wall-clock figure, for both tools.\n")

    w.append("## Summary\n")
    w.append("| scenario | prov, median | Ansible, median | Ansible / prov | target | measured |\n|---|---|---|---|---|---|")
    for s, title in ((1, "1. no-op converge, 50 tasks"), (4, "4. check mode of 1")):
        if s in docs:
            for count, v in docs[s]["data"].items():
                p, a = med(x["seconds"] for x in v["prov"]), med(x["seconds"] for x in v["ansible"])
                w.append(f"| {title}, {count} host(s) | {p:.2f} s | {a:.1f} s | **{a / p:.1f}×** | "
                         f"{'≥ 30×: ' + ('met' if a / p >= TARGET_NOOP else 'missed') if s == 1 else '(none)'} | {docs[s]['date']} |")
    if 2 in docs:
        d = docs[2]["data"]
        p, a = med(x["seconds"] for x in d["prov"]), med(x["seconds"] for x in d["ansible"])
        shares = [(x["phases"]["wall"] - max(x["per_host"].values(), key=lambda h: h["completed_at_ms"])["tasks_ms"])
                  / x["phases"]["wall"] * 100 for x in d["prov"]]
        w.append(f"| 2. first converge, {d['hosts']} bare hosts | {p:.1f} s | {a:.1f} s | **{a / p:.2f}×** | prov's own "
                 f"share ≤ 5 %: {med(shares):.1f} %, {'met' if med(shares) <= TARGET_SHARE else 'missed'} | {docs[2]['date']} |")
    for k in sorted(failed):
        w.append(f"| {titles[k]} | failed | | | | {failed[k]['date']} |")
    w.append("| 3. fan-out, 5. footprint | see below | | | | from `bench/fanout/RESULTS.md` |")
    w.append("")

    w.append("## Setup of the lab scenarios\n")
    lab = (docs.get(1) or docs.get(4) or docs.get(2) or failed.get(2) or {}).get("lab", {"hosts": "?", "subnet": "?"})
    w.append(f"A `prov lab` of {lab['hosts']} hosts (subnet {lab['subnet']}): Debian 12 containers booting systemd, each "
             "with its own sshd, on an internal Docker network whose only way out is the lab's apt-cacher-ng on the "
             "gateway. Both tools converge the same hosts with the same playbook written twice, side by side: "
             "`bench/converge/playbooks/prov-converge50.yml` (templates `templates/*.sbn`) and `ansible-converge50.yml` "
             "(`templates/*.j2`), 50 tasks: apt (index age, nginx, haproxy, redis, tools, a final check), group and "
             "user, directories, copy, template (nginx.conf and haproxy.cfg with `validate`), lineinfile, file "
             "(modes, a symlink, an absent default site), service started and enabled for nginx, haproxy, "
             "redis-server, with four handlers. The templates render the same bytes: before measuring, Ansible "
             "converges the hosts and then prov converges them again, and every measured run of either tool must "
             "report 0 changed, 0 failed, 0 unreachable on every host (scenarios 1 and 4), so a difference between "
             "the two playbooks would stop the bench.\n")
    w.append("prov: `prov apply` over mTLS gRPC to the `prov-agent` that `prov bootstrap` installed on each host, "
             "`--forks` = host count, `gather_facts: false` (prov still gathers facts once per host because the "
             "templates read `hostvars`). Ansible: Debian's ansible-core, tuned as its documentation advises: "
             "`pipelining = True`, `forks` = host count, `ControlMaster=auto`, `ControlPersist=60s` (measured runs "
             "reuse the SSH connections of the warm-up, except in scenario 2 where hosts are new each run), "
             "`gather_facts: false`, `interpreter_python = /usr/bin/python3`, the lab's key and known_hosts with strict "
             "host key checking. Wall clock and CPU (user+sys of the command and the children it waited for) are "
             "measured by the bench around each command.\n")

    for k in (1, 2, 4):
        if k in failed:
            failed_section(failed[k], titles[k], ran, w)
        elif k not in docs:
            w.append(f"## {titles[k]}\n\nNot measured yet: `bench/run.sh --scenarios {k}`.\n")
        elif k == 1:
            versus_section(docs[1], "1. No-op converge: 50 tasks on hosts already converged", "Every task is ok, "
                           "nothing changes, no handler runs.", ran, w, target=True)
        elif k == 2:
            first_section(docs[2], ran, w)
        else:
            versus_section(docs[4], "4. Check mode of scenario 1", "`prov apply --check` and `ansible-playbook --check` "
                           "on the converged hosts: every module reads the host's state and reports what it would change "
                           "(nothing).", ran, w, target=False)
    fanout_section(ran, w)

    w.append("## Commands of the lab scenarios\n")
    w.append("`$BENCH_LAB_STATE` is the lab's state directory (default `.prov/bench-lab`), `$BENCH_PROV_STATE` prov's "
             "state directory for these runs (CA, run history; `$BENCH_LAB_STATE-prov`), `$WORK` the run's temporary "
             "directory. Set-up: `prov lab up --hosts N --subnet SUBNET --state-dir $BENCH_LAB_STATE`, "
             "`prov ca init --state-dir $BENCH_PROV_STATE`.\n")
    for s in (1, 2, 4):
        if s in docs or s in failed:
            w.append(f"Scenario {s}:\n\n```")
            w.extend({**docs, **failed}[s]["commands"].values())
            w.append("```\n")
    w.append("Reproduce: `bench/run.sh` (all lab scenarios, 5 runs), `bench/run.sh --scenarios 1,4 --runs 3`, "
             "`bench/run.sh --scenarios 3,5` (the fan-out bench, about 30 minutes). `bench/run.sh --help` lists the "
             "options and environment variables.")
    (HERE / "RESULTS.md").write_text("\n".join(w) + "\n")
    print(f"bench: wrote {HERE / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
