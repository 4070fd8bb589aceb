/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The printer of the listings: text form into one buffer for stdout.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/print.h"

#define PR_BUFSZ (64 * 1024)

static char pr_buf[PR_BUFSZ];
static size_t pr_len;
static int pr_failed;

static void pr_write(const char *p, size_t n)
{
	while (n && !pr_failed) {
		ssize_t w = write(STDOUT_FILENO, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			pr_failed = 1;
			break;
		}
		p += w;
		n -= (size_t)w;
	}
}

int pr_flush(void)
{
	/* Anything the rest of the program left in stdio goes first. */
	fflush(stdout);
	pr_write(pr_buf, pr_len);
	pr_len = 0;
	return pr_failed ? -1 : 0;
}

static void pr_append(const char *p, size_t n)
{
	if (pr_len + n > sizeof(pr_buf)) {
		pr_flush();
		if (n > sizeof(pr_buf)) {
			pr_write(p, n);
			return;
		}
	}
	memcpy(pr_buf + pr_len, p, n);
	pr_len += n;
}

static void pr_vfmt(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static void pr_vfmt(const char *fmt, va_list ap)
{
	char small[512];
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		pr_append(small, (size_t)n);
	} else {
		char big[n + 1];

		vsnprintf(big, sizeof(big), fmt, ap);
		pr_append(big, (size_t)n);
	}
}

static void pr_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void pr_fmt(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pr_vfmt(fmt, ap);
	va_end(ap);
}

void pr_text(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pr_vfmt(fmt, ap);
	va_end(ap);
}

/* The formats are the callers' literals; the key is for a JSON form. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void pr_string(const char *key, const char *fmt, const char *value)
{
	(void)key;
	pr_fmt(fmt, value);
}

void pr_int(const char *key, const char *fmt, int value)
{
	(void)key;
	pr_fmt(fmt, value);
}

void pr_uint(const char *key, const char *fmt, unsigned int value)
{
	(void)key;
	pr_fmt(fmt, value);
}

void pr_u64(const char *key, const char *fmt, unsigned long long value)
{
	(void)key;
	pr_fmt(fmt, value);
}
#pragma GCC diagnostic pop

void pr_open_object(const char *key) { (void)key; }
void pr_close_object(void) { }
void pr_open_array(const char *key) { (void)key; }
void pr_close_array(void) { }

void pr_nl(void)
{
	pr_append("\n", 1);
}

int pr_u64_width(unsigned long long value)
{
	int n = 1;

	while (value >= 10) {
		value /= 10;
		n++;
	}
	return n;
}
