#!/usr/bin/python3
"""Regenerates the expected files of each case from the real Ansible (Debian 12: apt-get install ansible).

For every case folder (or those named on the command line):
  list.json, graph.txt, host-NAME.json  <- ansible-inventory --list / --graph / --host NAME
  patterns.json                         <- InventoryManager.get_hosts() for each line of patterns.in
The tests never run Ansible; they compare prov's output with these files.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ENV = dict(os.environ, ANSIBLE_INVENTORY_ENABLED="yaml", ANSIBLE_NOCOLOR="1",
           ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="1")
os.environ.update(ENV)

from ansible.errors import AnsibleError  # noqa: E402
from ansible.inventory.manager import InventoryManager  # noqa: E402
from ansible.parsing.dataloader import DataLoader  # noqa: E402
from ansible.utils.display import Display  # noqa: E402


def source_of(case):
    return "hosts.yml" if os.path.exists(os.path.join(case, "hosts.yml")) else "inventory"


def ansible_inventory(case, *args):
    cmd = ["ansible-inventory", "-i", source_of(case)]
    if os.path.isdir(os.path.join(case, "playbook")):
        cmd += ["--playbook-dir", "playbook"]
    done = subprocess.run(cmd + list(args), cwd=case, env=ENV, capture_output=True, text=True, check=True)
    if "WARNING" in done.stderr:
        sys.exit(f"{case}: ansible warned, fix the case first:\n{done.stderr}")
    return done.stdout


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def patterns(case, inventory, order):
    warnings = []
    Display.warning = lambda self, msg, formatted=False: warnings.append(msg)
    results = []
    with open(os.path.join(case, "patterns.in"), encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    for line in lines:
        pattern, _, limit = line.partition(" --limit ")
        warnings.clear()
        inventory.clear_caches()
        inventory.subset(limit or None)
        entry = {"pattern": pattern}
        if limit:
            entry["limit"] = limit
        try:
            hosts = [h.name for h in inventory.get_hosts(pattern)]
            entry["hosts"] = sorted(hosts, key=order.index)
            entry["unmatched"] = [w.split("ignoring: ", 1)[1] for w in warnings if "Could not match" in w]
        except AnsibleError as e:
            entry["error"] = str(e)
        results.append(entry)
    inventory.subset(None)
    return json.dumps(results, indent=2) + "\n"


def regenerate(case):
    for name in os.listdir(case):
        if name.startswith("host-") and name.endswith(".json"):
            os.remove(os.path.join(case, name))
    write(os.path.join(case, "list.json"), ansible_inventory(case, "--list"))
    write(os.path.join(case, "graph.txt"), ansible_inventory(case, "--graph"))
    inventory = InventoryManager(loader=DataLoader(), sources=[os.path.join(case, source_of(case))])
    order = list(inventory._inventory.hosts.keys())  # inventory order: first definition
    for host in order:
        write(os.path.join(case, f"host-{host}.json"), ansible_inventory(case, "--host", host))
    if os.path.exists(os.path.join(case, "patterns.in")):
        write(os.path.join(case, "patterns.json"), patterns(case, inventory, order))


if __name__ == "__main__":
    names = sys.argv[1:] or sorted(d for d in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, d)))
    for name in names:
        regenerate(os.path.join(HERE, name))
        print(f"regenerated {name}")
