# SPDX-License-Identifier: MIT
"""Checks on the lines nsp_whoami wrote (one per spawned child). Exit 0 when the check holds.

  check_whoami.py member LOG PATH TYPES MIN   each type T of TYPES (comma list) has at least MIN children whose
                                              namespaces differ from ours in exactly {T} (or {T, user} when a
                                              user namespace was added); for setns all of them share a few
                                              namespaces (one holder per case), never one each
  check_whoami.py pid LOG PATH                where the children of pid-namespace cases stand (see below)
  check_whoami.py gone LOG...                 no namespace any child was in (other than ours) is still
                                              reachable: no process is in it, no descriptor or mount holds it
"""
import glob
import os
import sys

TYPES = ["user", "pid", "net", "mnt", "uts", "ipc", "cgroup", "time"]


def ours():
    return {t: os.stat(f"/proc/self/ns/{t}").st_ino for t in TYPES}


def read(log):
    rows = []
    for line in open(log):
        kv = dict(f.split("=", 1) for f in line.split())
        for k in ["pid", "pid_ns", "init", "init_pid_ns"] + [t for t in TYPES if t != "pid"]:
            kv[k] = int(kv[k])
        rows.append(kv)
    return rows


def ino(row, t):
    return row["pid_ns" if t == "pid" else t]


def diff(row, mine):
    return {t for t in TYPES if ino(row, t) and ino(row, t) != mine[t]}


def member(log, path, types, least):
    mine, rows, ok = ours(), read(log), True
    for t in types.split(","):
        hits = [r for r in rows if diff(r, mine) in ({t}, {t, "user"})]
        distinct = {ino(r, t) for r in hits}
        good = len(hits) >= least
        # setns: every child of a case joins its holder's namespace; a few cases (methods) at most
        if path == "setns":
            good = good and len(distinct) <= max(1, len(hits) // least)
        print(f"{path} {t}: {len(hits)} children in a namespace of their own type set, {len(distinct)} distinct")
        ok = ok and good
    return ok


def pid(log, path):
    mine, ok = ours(), True
    rows = [r for r in read(log) if r["pid_ns"] != mine["pid"]]
    for r in rows:
        levels = r["nspid"].split(",")
        if path == "setns":
            # inside the holder's namespace: not its PID 1, one level below ours, and PID 1 of that
            # namespace is the holder, a child of a spawnbench worker
            # (init_pid_ns 0: unreadable to an unprivileged child; the script compares it from outside)
            good = (r["pid"] > 1 and len(levels) >= 2 and levels[-1] == str(r["pid"]) and r["init"] > 0
                    and r["init_parent"].startswith("spawnbench-work") and r["init_pid_ns"] in (0, r["pid_ns"]))
        else:
            good = r["pid"] == 1 and levels[-1] == "1"
        if not good:
            print("unexpected:", r)
        ok = ok and good
    print(f"{path}: {len(rows)} children in another PID namespace; e.g. {rows[:2]}")
    if path == "setns":
        cases = max(1, len(rows) // 5)  # n + warm-up children per case (-n 4 --warmup 1)
        ok = ok and len({r["pid_ns"] for r in rows}) <= cases and len({r["init"] for r in rows}) <= cases
    return ok and len(rows) > 0


def init_zombie(link):
    """A zombie that the host's init inherited: dead, init's to reap (this VM's init does so lazily)."""
    try:
        st = dict(line.split(":", 1) for line in open(link.rsplit("/", 2)[0] + "/status"))
        return st["State"].strip().startswith("Z") and st["PPid"].strip() == "1"
    except (OSError, KeyError, ValueError):
        return False


def gone(logs):
    mine = ours()
    made = set()
    for log in logs:
        for r in read(log):
            made |= {f"{t}:[{ino(r, t)}]" for t in diff(r, mine)}
    left = []
    for link in glob.glob("/proc/[0-9]*/ns/*") + glob.glob("/proc/[0-9]*/fd/*"):
        if init_zombie(link):
            continue
        try:
            target = os.readlink(link)
        except OSError:
            continue
        if target in made:
            left.append(f"{link} -> {target}")
    for mi in glob.glob("/proc/[0-9]*/mountinfo"):
        try:
            text = open(mi).read()
        except OSError:
            continue
        left += [f"{mi}: {ns}" for ns in made if f" {ns} " in text]
    print(f"{len(made)} namespaces made; still reachable: {left[:5]}")
    return len(made) > 0 and not left


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "member":
        ok = member(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif cmd == "pid":
        ok = pid(sys.argv[2], sys.argv[3])
    else:
        ok = gone(sys.argv[2:])
    sys.exit(0 if ok else 1)
