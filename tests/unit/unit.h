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

/* One line per check, whatever the message holds: newlines become '|'. */
static inline void unit_report(int ok, char *msg, const char *file, int line,
			       const char *cond)
{
	char *p;

	for (p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = '|';
	if (ok) {
		printf("ok - %s\n", msg);
		return;
	}
	unit_failures++;
	printf("not ok - %s  [%s:%d: %s]\n", msg, file, line, cond);
}

#define CHECK(cond, ...) do {						\
	char unit_msg_[2048];						\
	snprintf(unit_msg_, sizeof(unit_msg_), __VA_ARGS__);		\
	unit_report(!!(cond), unit_msg_, __FILE__, __LINE__, #cond);	\
} while (0)

#define UNIT_EXIT() return unit_failures ? 1 : 0

#endif
