/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The printf subset the listings use, without stdio.  A listing of
 * 100,000 real servers makes some 600,000 formatting calls; glibc's
 * vsnprintf sets up a whole stream for each, and that was a third of the
 * user time of `-L -n`.  Anything outside the subset is left to
 * vsnprintf by the caller.
 */
#include <limits.h>
#include <string.h>

#include "print/minifmt.h"

struct spec {
	int left;		/* '-' */
	int zero;		/* '0' */
	int width;
	int longs;		/* 0, 1 (l) or 2 (ll) */
	char conv;		/* s d i u */
};

/* Read one conversion after its '%'; returns the character after it,
 * or NULL if it is outside the subset. */
static const char *read_spec(const char *f, struct spec *sp)
{
	memset(sp, 0, sizeof(*sp));
	for (; *f == '-' || *f == '0'; f++)
		*(*f == '-' ? &sp->left : &sp->zero) = 1;
	while (*f >= '0' && *f <= '9') {
		if (sp->width > 1000)
			return NULL;
		sp->width = sp->width * 10 + (*f++ - '0');
	}
	while (*f == 'l' && sp->longs < 2) {
		sp->longs++;
		f++;
	}
	sp->conv = *f;
	switch (sp->conv) {
	case 's':
		/* glibc's %0s is not standard C: leave it to vsnprintf. */
		return sp->longs || sp->zero ? NULL : f + 1;
	case 'd':
	case 'i':
	case 'u':
		return f + 1;
	}
	return NULL;
}

struct out {
	char *buf;
	size_t size, len;	/* len may run past size: the length wanted */
};

static void put(struct out *o, const char *p, size_t n)
{
	if (o->len < o->size) {
		size_t room = o->size - o->len;

		memcpy(o->buf + o->len, p, n < room ? n : room);
	}
	o->len += n;
}

static void pad(struct out *o, char c, int n)
{
	static const char spaces[] = "                                ";
	static const char zeros[] = "00000000000000000000000000000000";
	const char *src = c == '0' ? zeros : spaces;

	while (n > 0) {
		int k = n < 32 ? n : 32;

		put(o, src, (size_t)k);
		n -= k;
	}
}

/* The text, padded as the spec says; sign goes before any zeros. */
static void put_field(struct out *o, const struct spec *sp, const char *sign,
		      const char *text, size_t n)
{
	int fill = sp->width - (int)(n + strlen(sign));

	if (sp->left) {
		put(o, sign, strlen(sign));
		put(o, text, n);
		pad(o, ' ', fill);
	} else if (sp->zero) {
		put(o, sign, strlen(sign));
		pad(o, '0', fill);
		put(o, text, n);
	} else {
		pad(o, ' ', fill);
		put(o, sign, strlen(sign));
		put(o, text, n);
	}
}

size_t fmt_decimal(char *p, unsigned long long v)
{
	char tmp[20];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	p[n] = '\0';
	return n;
}

static void put_number(struct out *o, const struct spec *sp,
		       unsigned long long v, int negative)
{
	char digits[21];
	size_t n = fmt_decimal(digits, v);

	put_field(o, sp, negative ? "-" : "", digits, n);
}

static unsigned long long magnitude(long long v)
{
	return v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
}

static void put_conv(struct out *o, const struct spec *sp, va_list *ap)
{
	long long sv;
	unsigned long long uv;
	const char *s;

	switch (sp->conv) {
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";	/* as glibc prints it */
		put_field(o, sp, "", s, strlen(s));
		return;
	case 'u':
		uv = sp->longs == 2 ? va_arg(*ap, unsigned long long) :
		     sp->longs == 1 ? va_arg(*ap, unsigned long) :
		     va_arg(*ap, unsigned int);
		put_number(o, sp, uv, 0);
		return;
	default:
		sv = sp->longs == 2 ? va_arg(*ap, long long) :
		     sp->longs == 1 ? va_arg(*ap, long) : va_arg(*ap, int);
		put_number(o, sp, magnitude(sv), sv < 0);
	}
}

int mini_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	struct spec sp;
	va_list aq;

	/* A copy: a format found outside the subset halfway leaves the
	 * caller's arguments untouched for vsnprintf. */
	va_copy(aq, ap);
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		size_t lit = pct ? (size_t)(pct - fmt) : strlen(fmt);

		put(&o, fmt, lit);
		if (!pct)
			break;
		fmt = read_spec(pct + 1, &sp);
		if (!fmt) {
			va_end(aq);
			return -1;
		}
		put_conv(&o, &sp, &aq);
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT_MAX ? -1 : (int)o.len;
}
