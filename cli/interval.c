/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The values of -L --watch[=SECONDS] and --count=N, as the parser reads
 * them: exact decimal text, no sign, no exponent, no locale.
 */
#include "cli/interval.h"

unsigned long watch_parse_interval(const char *text)
{
	unsigned long ms = 0, scale = 1000;
	const char *p = text;
	int digits = 0;

	if (!text)
		return 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		ms = ms * 10 + (unsigned long)(*p - '0') * 1000;
		if (ms > WATCH_MAX_MS)
			return 0;
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
			scale /= 10;
			ms += (unsigned long)(*p - '0') * scale;
		}
	}
	if (*p || !digits || ms > WATCH_MAX_MS)
		return 0;
	return ms;
}

unsigned long watch_parse_count(const char *text)
{
	unsigned long n = 0;
	const char *p = text;

	if (!text || !*text)
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (unsigned long)(*p - '0');
		if (n > 1000000000UL)
			return 0;
	}
	return *p ? 0 : n;
}
