// SPDX-License-Identifier: MIT
/* The one mapping from a run's outcome to its exit status (see outcome.h). */
#include "outcome.h"

#include "exit_codes.h"

int sb_outcome_exit(enum sb_outcome o)
{
	switch (o) {
	case SB_OUT_OK:
	case SB_OUT_CASE_FAILED:
	case SB_OUT_CASE_REFUSED:
	case SB_OUT_PROBE_FAILED:
		return SB_EXIT_OK;
	case SB_OUT_INTERRUPTED:
		return SB_EXIT_INTERRUPTED;
	case SB_OUT_CANNOT_RUN:
	case SB_OUT_OUTPUT_FAILED:
		return SB_EXIT_RUNTIME;
	}
	return SB_EXIT_RUNTIME;
}
