/* SPDX-License-Identifier: MIT */
/*
 * The axes of a case, declared once: one SB_AXIS(...) row per field of a case's axes, in the order of a
 * case's key. A file that needs the rows defines SB_AXIS (and the column words it reads: WIRE, CASE,
 * NOSTORE, LIST, SWITCH, NOMATRIX, OPT, NOOPT, HOOKS) and includes this file; its end undefines them
 * all, so the next include starts afresh (there is no include guard on purpose). Everything else is
 * generated or driven from the rows:
 *   - the results file's table (axis_fields.h: key token, field, label token, kind, value when absent),
 *     which report/'s reader, its case identity and export's parameters iterate;
 *   - where a case keeps the value: STORE generates the field in struct sb_case_wire (wire.h, what the
 *     worker receives) or in struct sb_case (bench/cases.h, the controller's side);
 *   - where a "cases:" line keeps its values: MATRIX generates the fields of struct sb_matrix (cases.h);
 *   - the option, the odometer digit, the key and label tokens and the results value: the driver's axis
 *     table (bench/axes.c), which option parsing, case expansion, naming (case_name.c) and the results
 *     writer (results_json.c) walk.
 * This file is in the leaf so that wire.h and report/ can include it; the columns only the driver reads
 * (parsers, limits, hooks) are words that the leaf's SB_AXIS drops unread.
 *
 * SB_AXIS(ID, KEY, FIELD, LABEL, KIND, ABSENT, STORE, MATRIX, OPT, TURN, JPOS, HOOKS):
 *   ID      SB_AF_<ID> in enum sb_axis_field_id.
 *   KEY     its token in a case's key ("mem" of "mem=67108864").
 *   FIELD   its field in a case of the results file ("mem_bytes").
 *   LABEL   what starts its token in a case's label ("mem=", "x" of x4, "thp"), or NULL: none of its own.
 *   KIND    STRING, NUMBER, BOOL or LIST (an array of names): the results value and how report reads it.
 *   ABSENT  the value of a results file without the field, as text; also the driver's default.
 *   STORE   WIRE(type, name): field `name` of struct sb_case_wire; CASE(type, name): of struct sb_case;
 *           NOSTORE: a field declared by hand, which the row's hooks read and write.
 *   MATRIX  LIST(type, values, n_values, max): an array of the values a "cases:" line lists and their
 *           count; SWITCH(name): an int set by a switch; NOMATRIX.
 *   OPT     OPT(name, short, arg, help, .parse = ..., ...): the option that sets it (struct sb_axis_opt of
 *           axes.h; arg NULL for a switch; parsers in bench/axis_parse.c), or NOOPT.
 *   TURN    its digit in case expansion (1 turns slowest; the order of the cases), or 0: not a digit
 *           (another row's digit sets it, or expansion runs it apart, as methods).
 *   JPOS    its place among a case's fields in the results file (SB_AXIS_JSON_STATUS, axis_fields.h, is
 *           "status").
 *   HOOKS   HOOKS(.count = ..., .apply = ..., .key = ..., .label = ..., .json = ..., .key_omits_default = 1):
 *           functions for what the generic code of axes.c cannot do (hooks in bench/axis_hooks.c);
 *           HOOKS() for a row the generic code serves whole: count = the values given (or 1), apply =
 *           value i (or the default) into STORE, key = "KEY=value", label = " LABEL" when not the
 *           default, then the value for a NUMBER or a LABEL ending in '=' (" vmas=2", " x4", " thp",
 *           " via=setns"), results value by KIND (a number, true/false, or the word of OPT's .words).
 *           .key_omits_default = 1 leaves the key token out at the default value: the keys of results files
 *           written before the axis existed stay the same (compare matches cases on them).
 *
 * The key's order, the order of the cases and the order of a case's fields in the results file are older
 * than this list, and files and compare match them byte for byte: a new row goes at the end, with the
 * next TURN and the next JPOS. A build may add rows from a file named by SB_AXIS_LIST_EXTRA
 * (-DSPAWNBENCH_EXTRA_AXIS=FILE; tests/axes/throwaway_axis.h proves one row is enough).
 */
/* clang-format off */
SB_AXIS(METHOD, "method", "method", NULL, STRING, "?", NOSTORE,
        LIST(int, methods, n_methods, SB_N_METHODS),
        OPT("method", 'm', "LIST", "fork, vfork, clone, clone3, posix_spawn, posix_spawn-fa, pthread",
            .parse = sb_ap_methods),
        0, 1, HOOKS(.key = ax_method_key, .label = ax_method_label, .json = ax_method_json))
SB_AXIS(PRESET, "preset", "preset", NULL, STRING, "none", NOSTORE,
        LIST(struct sb_flagset, flagsets, n_flagsets, SB_MAX_FLAGSETS),
        OPT("preset", 0, "LIST", "clone/clone3 flag presets (see 'spawnbench list'); default process",
            .parse = sb_ap_presets),
        1, 2, HOOKS(.count = ax_flags_count, .apply = ax_flags_apply, .key = ax_preset_key, .label = ax_flags_label,
                    .json = ax_preset_json))
SB_AXIS(FLAGS, "flags", "flags", NULL, LIST, "", NOSTORE, NOMATRIX,
        OPT("flags", 0, "LIST", "a raw clone flag set, e.g. vm,fs,files,sighand (repeatable)",
            .parse = sb_ap_flags),
        0, 3, HOOKS(.key = ax_flags_key, .json = ax_flags_json))
SB_AXIS(EXIT, "exit", "exit_signal", NULL, STRING, "-", NOSTORE, NOMATRIX,
        OPT("exit-signal", 0, "SIG", "exit signal for --flags sets: sigchld (default) or none",
            .parse = sb_ap_exit_signal),
        0, 19, HOOKS(.key = ax_exit_key, .json = ax_exit_json))
SB_AXIS(EXEC, "exec", "exec", "exec=", STRING, "none", NOSTORE,
        LIST(char *, execs, n_execs, SB_MAX_EXECS),
        OPT("exec", 'e', "LIST", "none, child (spawnbench's stamping program) or absolute program paths",
            .parse = sb_ap_strings),
        2, 4, HOOKS(.apply = ax_exec_apply, .key = ax_exec_key, .label = ax_exec_label, .json = ax_exec_json))
SB_AXIS(MEM, "mem", "mem_bytes", "mem=", NUMBER, "0", WIRE(uint64_t, mem_bytes),
        LIST(uint64_t, mems, n_mems, SB_MAX_MEMS),
        OPT("mem", 0, "SIZES", "touched parent memory, e.g. 0,64M,1G", .parse = sb_ap_sizes),
        6, 5, HOOKS(.label = ax_mem_label))
SB_AXIS(MEM_KIND, "mem_kind", "mem_kind", NULL, STRING, "anon", WIRE(uint32_t, mem_kind),
        LIST(int, mem_kinds, n_mem_kinds, 2),
        OPT("mem-kind", 0, "LIST", "anon (private, default) or shared", .parse = sb_ap_two_words,
            .words = sb_words_anon_shared),
        9, 6, HOOKS())
SB_AXIS(VMAS, "vmas", "vmas", "vmas=", NUMBER, "1", WIRE(uint32_t, vmas),
        LIST(uint32_t, vmas, n_vmas, SB_MAX_VMAS),
        OPT("vmas", 0, "LIST", "mappings the parent memory is split over (default 1)", .parse = sb_ap_uints,
            .lo = 1, .hi = 1000000),
        7, 7, HOOKS(.apply = ax_vmas_apply))
SB_AXIS(THP, "thp", "thp", "thp", STRING, "off", WIRE(uint32_t, thp),
        LIST(int, thps, n_thps, 2),
        OPT("thp", 0, "on|off", "transparent huge pages for that memory (default off)",
            .parse = sb_ap_two_words, .words = sb_words_off_on),
        8, 8, HOOKS())
SB_AXIS(STACK, "stack", "stack_bytes", "stack=", NUMBER, "0", WIRE(uint64_t, stack_bytes),
        LIST(uint64_t, stacks, n_stacks, SB_MAX_STACKS),
        OPT("stack", 0, "SIZES", "child stack for clone/clone3/pthread (default 64K)", .parse = sb_ap_stacks,
            .lo = 4096, .hi = UINT64_C(1) << 32),
        3, 9, HOOKS(.count = ax_stack_count, .apply = ax_stack_apply, .label = ax_stack_label))
SB_AXIS(STACK_TOUCH, "stack_touch", "stack_touch", NULL, BOOL, "false", WIRE(uint32_t, stack_touch),
        SWITCH(stack_touch),
        OPT("stack-touch", 0, NULL, "fault the child stack in before spawning", .parse = sb_ap_switch),
        0, 10, HOOKS())
SB_AXIS(NS, "ns", "namespaces", "ns=", LIST, "", CASE(uint64_t, ns_set),
        LIST(uint64_t, ns_sets, n_ns_sets, SB_MAX_AXIS),
        OPT("ns", 0, "LIST", "namespaces: none, user, pid, net, mnt, uts, ipc, cgroup, time, a+b, all, sweep",
            .parse = sb_ap_ns),
        4, 11, HOOKS(.key = ax_ns_key, .label = ax_ns_label, .json = ax_ns_json))
SB_AXIS(NS_PATH, "ns_path", "ns_path", "via=", STRING, "clone", WIRE(uint32_t, ns_path),
        LIST(int, ns_paths, n_ns_paths, SB_N_NSPATHS),
        OPT("ns-path", 0, "LIST", "how namespaces are entered: clone (flags on the call), unshare, setns",
            .parse = sb_ap_ns_paths, .words = sb_words_ns_path),
        5, 12, HOOKS(.apply = ax_ns_path_apply))
SB_AXIS(USERNS_ADDED, "userns_added", "userns_added", NULL, BOOL, "false", CASE(int, userns_added),
        NOMATRIX, NOOPT, 0, 13, HOOKS())
SB_AXIS(CONCURRENCY, "concurrency", "concurrency", "x", NUMBER, "1", CASE(uint32_t, concurrency),
        LIST(uint32_t, concurrency, n_concurrency, SB_MAX_CONCURRENCY),
        OPT("concurrency", 'c', "LIST", "spawner processes running a case at once",
            .parse = sb_ap_concurrency, .lo = 1, .hi = SB_MAX_SPAWNERS),
        10, 14, HOOKS())
SB_AXIS(CHILD_WRITES, "child_writes", "child_writes", "child-writes", BOOL, "false",
        WIRE(uint32_t, child_writes), SWITCH(child_writes),
        OPT("child-writes", 0, NULL, "the child writes every page of the parent memory (copy on write)",
            .parse = sb_ap_switch),
        13, 16, HOOKS(.apply = ax_child_writes_apply, .key_omits_default = 1))
SB_AXIS(COUNT, "count", "counting", NULL, BOOL, "false", CASE(int, count_off),
        LIST(int, counting, n_counting, 2),
        OPT("count", 0, "on,off", "with --counters: count in these cases (off,on: the cost of counting)",
            .parse = sb_ap_two_words, .words = sb_words_off_on),
        11, 17, HOOKS(.apply = ax_count_apply, .key = ax_count_key, .label = ax_count_label, .json = ax_count_json))
SB_AXIS(PROBE, "probe", "probe_level", NULL, STRING, "off", NOSTORE, NOMATRIX,
        OPT("probe", 0, "LEVEL", "kernel profile of each spawn: phases or stages (root); a list such as "
            "off,phases,stages runs each case at each level, side by side", .parse = sb_ap_probe, .in_cfg = 1),
        12, 18, HOOKS(.count = ax_probe_count, .apply = ax_probe_apply, .key = ax_probe_key, .label = ax_probe_label,
                    .json = ax_probe_json))
/* clang-format on */

#ifdef SB_AXIS_LIST_EXTRA
#include SB_AXIS_LIST_EXTRA
#endif

#undef SB_AXIS
#undef WIRE
#undef CASE
#undef NOSTORE
#undef LIST
#undef SWITCH
#undef NOMATRIX
#undef OPT
#undef NOOPT
#undef HOOKS
