/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRINT_MINIFMT_H
#define PRINT_MINIFMT_H

#include <stdarg.h>
#include <stddef.h>

/* vsnprintf() for formats made only of literal text and %s, %d, %i, %u
 * (with l or ll) conversions with the flags '-' and '0' and a width:
 * the same bytes, the same return value.  Returns -1 for any other
 * format; ap is not used up either way (the caller may pass it on). */
int mini_vformat(char *buf, size_t size, const char *fmt, va_list ap);

/* The decimal digits of v and a NUL at p (21 bytes at most); returns
 * the number of digits. */
size_t fmt_decimal(char *p, unsigned long long v);

#endif
