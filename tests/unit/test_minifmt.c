/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mini_vformat() against glibc's vsnprintf: the same bytes and the same
 * return value for every format of its subset, -1 for the rest.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "print/minifmt.h"
#include "unit.h"

static int mini(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mini_vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
#ifndef __clang__
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

/* Both formatters on the same argument, into buffers of size bytes. */
#define SAME(size, fmt, arg) do {					\
	char a_[600], b_[600];						\
	int na_ = mini(a_, (size), (fmt), arg);				\
	int nb_ = snprintf(b_, (size), (fmt), arg);			\
	CHECK(na_ == nb_ && ((size) == 0 || !strcmp(a_, b_)),		\
	      "%s (size %d): [%s] %d, glibc [%s] %d", #fmt, (int)(size), \
	      (size) ? a_ : "", na_, (size) ? b_ : "", nb_);		\
} while (0)

static const char *const int_formats[] = {
	"%d", "%i", "%-6d", " %-6d", "%6d", "%06d", "%-06d", "%1d", "%0d",
	"[%12i]", "x%-1dy",
};
static const char *const uint_formats[] = {
	"%u", "%-10u", " %-10u", " %-9u", " %-11u", "%9u", "%02u", "%010u",
};
static const char *const str_formats[] = {
	"%s", "%-33s", "  -> %-28s", " %-7s", " %s", "-a %s", " (%s)", "%5s",
};

static void check_ints(void)
{
	static const int values[] = {
		0, 1, -1, 9, 10, -10, 99999, -99999, 123456789, INT_MAX, INT_MIN,
	};

	for (size_t f = 0; f < sizeof(int_formats) / sizeof(*int_formats); f++)
		for (size_t v = 0; v < sizeof(values) / sizeof(*values); v++)
			SAME(64, int_formats[f], values[v]);
	for (size_t f = 0; f < sizeof(uint_formats) / sizeof(*uint_formats); f++)
		for (size_t v = 0; v < sizeof(values) / sizeof(*values); v++)
			SAME(64, uint_formats[f], (unsigned int)values[v]);
	SAME(64, " %8llu", 0ULL);
	SAME(64, " %8llu", 18446744073709551615ULL);
	SAME(64, "%-20lld", -9223372036854775807LL - 1);
	SAME(64, "%lu", 4294967296UL);
	SAME(64, "%-8ld|", -42L);
}

static void check_strings(void)
{
	static const char *const values[] = {
		"", "a", "10.0.0.1:80", "[2001:db8::1]:80",
		"a-name-longer-than-the-thirty-three-columns:65535",
	};

	for (size_t f = 0; f < sizeof(str_formats) / sizeof(*str_formats); f++)
		for (size_t v = 0; v < sizeof(values) / sizeof(*values); v++)
			SAME(128, str_formats[f], values[v]);
}

/* Short buffers: truncated like snprintf, the full length returned. */
static void check_truncation(void)
{
	for (size_t size = 0; size < 14; size++) {
		SAME(size, "  -> %-28s", "10.0.0.1:80");
		SAME(size, " %-10u", 4294967295U);
	}
}

static void check_outside(void)
{
	static const char *const formats[] = {
		"%.3f", "%x", "%5.2s", "%c", "%p", "%%", "%+d", "% d", "%*d",
		"%hhu", "%zu", "%-", "%",
	};
	char buf[64];

	for (size_t f = 0; f < sizeof(formats) / sizeof(*formats); f++)
		CHECK(mini(buf, sizeof(buf), formats[f], 1) == -1,
		      "outside the subset: %s", formats[f]);
	CHECK(mini(buf, sizeof(buf), "plain text") == 10 &&
	      !strcmp(buf, "plain text"), "literal text only");
}

/* Random widths and values, many times. */
static void check_random(void)
{
	int bad = 0;

	srand(8);
	for (int i = 0; i < 200000; i++) {
		char fmt[32], a[600], b[600];
		int width = rand() % 40, v = rand() - RAND_MAX / 2;
		const char *flags[] = { "", "-", "0", "-0" };
		const char *conv[] = { "d", "u", "i" };

		snprintf(fmt, sizeof(fmt), "<%s%d%s>", flags[rand() % 4], width,
			 conv[rand() % 3]);
		if (mini(a, sizeof(a), fmt, v) != snprintf(b, sizeof(b), fmt, v) ||
		    strcmp(a, b))
			bad++;
	}
	CHECK(!bad, "200000 random integer formats: %d differ", bad);
}

int main(void)
{
	check_ints();
	check_strings();
	check_truncation();
	check_outside();
	check_random();
	UNIT_EXIT();
}
