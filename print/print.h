/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one printer of the listings.  Every byte a listing writes to stdout
 * goes through these helpers, into one large buffer flushed at the end
 * (or when full, or before an error goes to stderr).
 *
 * The helpers are iproute2-style: each value is given with a key and a
 * text format.  Text output uses the format and ignores the key; the JSON
 * form (pr_set_json) uses the keys and ignores the formats, and pr_text()
 * (titles, decorations) and pr_nl() print nothing there.  A NULL format
 * makes a value of the JSON form only.  Inside an array the key is
 * ignored (the value is an element); inside an object it names the member.
 * The outermost pr_open_object()/pr_close_object() pair of a listing is
 * its JSON document, ended with a newline.
 */
#ifndef PRINT_PRINT_H
#define PRINT_PRINT_H

#include <stdint.h>

/* Switch to JSON (indented when pretty); text is the default. */
void pr_set_json(int pretty);
int pr_is_json(void);

/* Text decorations (titles, separators): printed only in text form. */
void pr_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Values. */
void pr_string(const char *key, const char *fmt, const char *value);
void pr_int(const char *key, const char *fmt, int value);
void pr_uint(const char *key, const char *fmt, unsigned int value);
void pr_u64(const char *key, const char *fmt, unsigned long long value);
/* JSON: a number with 3 decimals (non-finite values print as 0). */
void pr_double(const char *key, const char *fmt, double value);
/* An IPv4 or IPv6 address (af) in numeric form. */
void pr_inet(const char *key, const char *fmt, int af, const void *addr);
/* true/false in JSON; in text, fmt (printed as is) when value is true. */
void pr_bool(const char *key, const char *fmt, int value);

/* Grouping (no-ops in text form) and end of a record. */
void pr_open_object(const char *key);
void pr_close_object(void);
void pr_open_array(const char *key);
void pr_close_array(void);
void pr_nl(void);

/* A message for stderr, after what is buffered for stdout: the two
 * streams keep their order on a shared terminal or file. */
void pr_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Write out what is buffered; returns 0 or -1 on a write error. */
int pr_flush(void);

/* The formatted size of a number with %llu: used by --exact. */
int pr_u64_width(unsigned long long value);

#endif
