/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef CLI_INTERVAL_H
#define CLI_INTERVAL_H

/* The longest --watch interval: a day. */
#define WATCH_MAX_MS		86400000UL

/* "1", "0.5", "2.25": seconds above 0 in milliseconds, or 0 when text is
 * not such a number (no sign, no exponent, at most WATCH_MAX_MS). */
unsigned long watch_parse_interval(const char *text);
/* "3": a whole number above 0, or 0. */
unsigned long watch_parse_count(const char *text);

#endif
