#!/bin/bash
# SPDX-License-Identifier: MIT
# What must hold of spawn costs on any Linux machine, checked as ratios of medians (never absolute times).
# Every worker is pinned to the same CPU: on a VM, which vCPU a waking parent lands on can move a 10 us
# spawn by 2x, and that placement would differ between the two workers being compared.
. "$(dirname "$0")/../lib.sh"

out=$TMP/ratios.json
expect_exit 0 "fork/vfork/posix_spawn at 0 and 512M, clone3 with and without NEWNET" -- \
	"$SB" run -q --no-table -n 60 --warmup 3 --cpu "$(( $(nproc) - 1 ))" --plan "$HERE/ratios.plan" -o "$out"
ratio() {   # ratio LABEL_A LABEL_B METRIC: median(A) / median(B)
	json_q "$out" "(lambda m: m['$1'] / m['$2'])({c['label']: c['stats']['$3']['median'] for c in d['cases']})"
}
expect_num "$(ratio 'fork mem=512M' 'fork' create_ns)" '>=' 3 "fork at 512M is several times slower than at 0 (create)"
expect_num "$(ratio 'vfork mem=512M' 'vfork' create_ns)" '<=' 1.5 "vfork does not grow with parent memory (create)"
expect_num "$(ratio 'posix_spawn exec=child mem=512M' 'posix_spawn exec=child' create_ns)" '<=' 1.5 \
	"posix_spawn does not grow with parent memory (create)"
# Unprivileged, the net case runs as user+net: find it by its namespaces, not its label.
netratio=$(json_q "$out" "(lambda m: m[True] / m[False])({'net' in c['namespaces']: c['stats']['create_ns']['median'] for c in d['cases'] if c['method'] == 'clone3'})")
expect_num "$netratio" '>=' 1.5 "a new net namespace costs more than none (create)"
expect_num "$(ratio 'fork mem=512M' 'vfork mem=512M' create_ns)" '>=' 5 "vfork is cheaper than fork at 512M (create)"
rss=$(json_q "$out" "[c['spawner']['vm_rss_bytes'] for c in d['cases'] if c['label'] == 'fork mem=512M'][0]")
expect_num "$rss" '>=' $((512 << 20)) "the 512M spawner really held 512M"
finish
