/* SPDX-License-Identifier: MIT */
/*
 * What every unit test includes: cmocka (with the headers it needs before it, in its order) and two
 * assertions cmocka lacks. assert_near compares doubles within a tolerance and prints both values
 * (cmocka's assert_float_equal rounds to float, too coarse for nanoseconds in the millions);
 * assert_msg fails with a printf-style message that says what was seen, for conditions no typed
 * assertion fits. Both stop the test function, as every cmocka assertion does.
 */
#ifndef SB_TESTS_UNIT_H
#define SB_TESTS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

static inline void sb_assert_near(double a, double b, double tol, const char *as, const char *bs,
				  const char *file, int line)
{
	if (fabs(a - b) <= tol)
		return;
	print_error("%s = %.9g, %s = %.9g: further apart than %g\n", as, a, bs, b, tol);
	_fail(file, line);
}

/* assert_near(a, b, tol): |a - b| <= tol, in double precision. */
#define assert_near(a, b, tol) \
	sb_assert_near((double)(a), (double)(b), (double)(tol), #a, #b, __FILE__, __LINE__)

/* assert_msg(cond, fmt, ...): cond holds, else the condition and the message. */
#define assert_msg(cond, ...)                                     \
	do {                                                      \
		if (!(cond)) {                                    \
			print_error("%s: ", #cond);               \
			print_error(__VA_ARGS__);                 \
			print_error("\n");                        \
			_fail(__FILE__, __LINE__);                \
		}                                                 \
	} while (0)

#endif
