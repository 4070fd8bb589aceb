/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The printer of the listings: text or JSON into one buffer for stdout.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "print/minifmt.h"
#include "print/print.h"

#define PR_BUFSZ (64 * 1024)

static char pr_buf[PR_BUFSZ];
static size_t pr_len;
static int pr_failed;

/* JSON mode: the open containers, innermost last. */
#define PR_MAX_DEPTH 16
static int pr_json, pr_pretty;
static int pr_depth;
static struct {
	char is_array;
	unsigned int members;
} pr_stack[PR_MAX_DEPTH];

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
	n = mini_vformat(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0) {
		va_copy(aq, ap);
		n = vsnprintf(small, sizeof(small), fmt, aq);
		va_end(aq);
	}
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

void pr_set_json(int pretty)
{
	pr_json = 1;
	pr_pretty = pretty;
	pr_depth = 0;
}

int pr_is_json(void)
{
	return pr_json;
}

void pr_text(const char *fmt, ...)
{
	va_list ap;

	if (pr_json)
		return;
	va_start(ap, fmt);
	pr_vfmt(fmt, ap);
	va_end(ap);
}

static void pr_indent(void)
{
	static const char spaces[] = "                                ";
	int n = pr_depth * 2;

	pr_append("\n", 1);
	while (n > 0) {
		int k = n < (int)sizeof(spaces) - 1 ? n : (int)sizeof(spaces) - 1;

		pr_append(spaces, (size_t)k);
		n -= k;
	}
}

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned int cp;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	len = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (len > n)
		return 0;
	cp = s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* A JSON string: quotes, backslashes and control characters escaped;
 * bytes that are not UTF-8 become U+FFFD so the output stays valid. */
static void pr_json_string(const char *value)
{
	const unsigned char *s = (const unsigned char *)(value ? value : "");
	size_t n = strlen((const char *)s);

	pr_append("\"", 1);
	while (n) {
		char esc[8];
		size_t k;

		if (*s == '"' || *s == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*s;
			pr_append(esc, 2);
			k = 1;
		} else if (*s < 0x20 || *s == 0x7f) {
			switch (*s) {
			case '\n': pr_append("\\n", 2); break;
			case '\t': pr_append("\\t", 2); break;
			case '\r': pr_append("\\r", 2); break;
			case '\b': pr_append("\\b", 2); break;
			case '\f': pr_append("\\f", 2); break;
			default:
				snprintf(esc, sizeof(esc), "\\u%04x", *s);
				pr_append(esc, 6);
			}
			k = 1;
		} else if (*s < 0x80) {
			for (k = 1; k < n && s[k] >= 0x20 && s[k] < 0x7f &&
				    s[k] != '"' && s[k] != '\\'; k++)
				;
			pr_append((const char *)s, k);
		} else {
			k = utf8_len(s, n);
			if (k) {
				pr_append((const char *)s, k);
			} else {
				pr_append("\\ufffd", 6);
				k = 1;
			}
		}
		s += k;
		n -= k;
	}
	pr_append("\"", 1);
}

/* Before a value: the comma, the indentation and the member's name.
 * In an object a member needs a key; in an array the key is ignored. */
static void pr_json_member(const char *key)
{
	if (pr_depth > 0 && pr_depth <= PR_MAX_DEPTH) {
		if (pr_stack[pr_depth - 1].members++)
			pr_append(",", 1);
		if (pr_pretty)
			pr_indent();
		if (!pr_stack[pr_depth - 1].is_array) {
			pr_json_string(key);
			pr_append(pr_pretty ? ": " : ":", pr_pretty ? 2 : 1);
		}
	}
}

/* The formats are the callers' literals; a NULL format is a value of the
 * JSON form only, and the key names it there. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void pr_string(const char *key, const char *fmt, const char *value)
{
	if (pr_json) {
		pr_json_member(key);
		pr_json_string(value);
	} else if (fmt) {
		pr_fmt(fmt, value);
	}
}

void pr_int(const char *key, const char *fmt, int value)
{
	if (pr_json) {
		pr_json_member(key);
		pr_fmt("%d", value);
	} else if (fmt) {
		pr_fmt(fmt, value);
	}
}

void pr_uint(const char *key, const char *fmt, unsigned int value)
{
	if (pr_json) {
		pr_json_member(key);
		pr_fmt("%u", value);
	} else if (fmt) {
		pr_fmt(fmt, value);
	}
}

void pr_u64(const char *key, const char *fmt, unsigned long long value)
{
	if (pr_json) {
		pr_json_member(key);
		pr_fmt("%llu", value);
	} else if (fmt) {
		pr_fmt(fmt, value);
	}
}

void pr_double(const char *key, const char *fmt, double value)
{
	if (value != value || value > 1e300 || value < -1e300)
		value = 0;
	if (pr_json) {
		pr_json_member(key);
		pr_fmt("%.3f", value);
	} else if (fmt) {
		pr_fmt(fmt, value);
	}
}

void pr_bool(const char *key, const char *fmt, int value)
{
	if (pr_json) {
		pr_json_member(key);
		if (value)
			pr_append("true", 4);
		else
			pr_append("false", 5);
	} else if (fmt && value) {
		pr_append(fmt, strlen(fmt));
	}
}
#pragma GCC diagnostic pop

static void pr_json_open(const char *key, int is_array)
{
	if (!pr_json)
		return;
	pr_json_member(key);
	pr_append(is_array ? "[" : "{", 1);
	if (pr_depth < PR_MAX_DEPTH) {
		pr_stack[pr_depth].is_array = (char)is_array;
		pr_stack[pr_depth].members = 0;
	}
	pr_depth++;
}

static void pr_json_close(int is_array)
{
	if (!pr_json || pr_depth == 0)
		return;
	pr_depth--;
	if (pr_pretty && pr_depth < PR_MAX_DEPTH && pr_stack[pr_depth].members)
		pr_indent();
	pr_append(is_array ? "]" : "}", 1);
	if (pr_depth == 0)
		pr_append("\n", 1);	/* the end of the document */
}

void pr_open_object(const char *key) { pr_json_open(key, 0); }
void pr_close_object(void) { pr_json_close(0); }
void pr_open_array(const char *key) { pr_json_open(key, 1); }
void pr_close_array(void) { pr_json_close(1); }

void pr_nl(void)
{
	if (!pr_json)
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

void pr_inet(const char *key, const char *fmt, int af, const void *addr)
{
	char a[INET6_ADDRSTRLEN];

	if (!inet_ntop(af, addr, a, sizeof(a)))
		a[0] = '\0';
	pr_string(key, fmt, a);
}

void pr_error(const char *fmt, ...)
{
	va_list ap;

	pr_flush();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}
