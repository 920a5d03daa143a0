#!/bin/bash
# SPDX-License-Identifier: MIT
# Dependencies flow one way: bench/lib (the leaf) includes nothing of the project; probes/ and report/
# include, of bench/, only bench/lib; bench/ may include probes/ but nothing includes report/ except
# bench/main.c; the worker (worker/, methods/, child/) includes neither. A quoted include is resolved the way the build resolves it: the file's own folder first,
# then the include path; a name found in a folder the file may not use is a failure, named with its line.
. "$(dirname "$0")/../lib.sh"
cd "$SRC" || exit 2

# where NAME: the folders (relative to the root) holding a file of that path, for bench/, probes/, report/.
where() {
	local name=$1 d
	for d in bench/lib bench bench/worker bench/methods bench/child bench/tools probes report; do
		[ -f "$d/$name" ] && echo "$d"
	done
}

# check_file FILE ALLOWED...: every quoted include of FILE resolves in its own folder or one of ALLOWED.
check_file() {
	local file=$1 own line name found d ok
	shift
	own=$(dirname "$file")
	while IFS= read -r line; do
		name=$(sed -E 's/^[0-9]+:[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]+)".*/\1/' <<<"$line")
		[ -f "$own/$name" ] && continue
		found=$(where "$name")
		[ -z "$found" ] && continue   # generated (version.h, *.skel.h, vmlinux.h) or a system header
		ok=0
		for d in "$@"; do
			grep -qx -- "$d" <<<"$found" && ok=1
		done
		if [ "$ok" = 0 ]; then
			fail "$file:${line%%:*} includes \"$name\" from $(head -1 <<<"$found")/, which $own/ may not use"
		fi
	done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file")
}

n=0
for f in bench/lib/*.c bench/lib/*.h; do
	check_file "$f"            # the leaf: nothing but its own folder
	n=$((n + 1))
done
for f in probes/*.c probes/*.h; do
	check_file "$f" bench/lib
	n=$((n + 1))
done
for f in report/*.c report/*.h; do
	check_file "$f" bench/lib
	n=$((n + 1))
done
for f in bench/*.c bench/*.h; do
	[ "$f" = bench/main.c ] && continue   # the dispatcher names every command, report's too
	check_file "$f" bench/lib bench probes
	n=$((n + 1))
done
for f in bench/worker/*.[ch] bench/methods/*.[ch] bench/child/*.[ch]; do
	check_file "$f" bench/lib bench bench/worker   # the lean worker: no BPF, no report, nothing it would map
	n=$((n + 1))
done

[ "$(failures)" -eq 0 ] && pass "$n files, every include goes the one way" ||
	echo "include_direction: includes against the direction (see docs/architecture.md)" >&2
finish
