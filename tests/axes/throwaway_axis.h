/* SPDX-License-Identifier: MIT */
/*
 * One row more for bench/lib/axis_list.h, which includes this file at its end in a build of its own
 * (-DSPAWNBENCH_EXTRA_AXIS=this file; tests/axes/throwaway_axis.sh): a "knob" axis (--knob 0..9) that the
 * worker receives and ignores. The test then finds it in --help, plan files, expansion, the key, the label,
 * the wire, the results file, the results model, report's grouping, export's parameters and --where:
 * adding an axis is this entry (and the worker code that would honour it). No include guard: the list is
 * included once per use.
 */
SB_AXIS(KNOB, "knob", "knob", "knob=", NUMBER, "0", WIRE(uint32_t, knob),
        LIST(uint32_t, knobs, n_knobs, 4),
        OPT("knob", 0, "LIST", "a throwaway axis for tests (0..9)", .parse = sb_ap_uints, .hi = 9),
        14, 20, HOOKS(.key_omits_default = 1))
