/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tiny table-friendly unit test harness.  Each check prints one TAP-like
 * line, "ok - NAME" or "not ok - NAME", which tests/run counts; the binary
 * exits non-zero when any check failed.
 */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failures;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		printf("ok - ");					\
	} else {							\
		printf("not ok - ");					\
		unit_failures++;					\
	}								\
	printf(__VA_ARGS__);						\
	if (!(cond))							\
		printf("  [%s:%d: %s]", __FILE__, __LINE__, #cond);	\
	printf("\n");							\
} while (0)

#define UNIT_EXIT() return unit_failures ? 1 : 0

#endif
