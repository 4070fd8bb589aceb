/*
 * LD_PRELOAD shim for the bats suites: when FAKE_IP_VS_CONN names a file,
 * opening /proc/net/ip_vs_conn opens that file instead, so both binaries
 * list the same fixed connection table.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static const char *fake(const char *p)
{
	const char *f = getenv("FAKE_IP_VS_CONN");
	if (f && p && !strcmp(p, "/proc/net/ip_vs_conn"))
		return f;
	return p;
}
#define FOPEN(name) FILE *name(const char *p, const char *m) { \
	static FILE *(*real)(const char *, const char *); \
	if (!real) real = dlsym(RTLD_NEXT, #name); \
	return real(fake(p), m); }
FOPEN(fopen)
FOPEN(fopen64)
#define OPEN(name) int name(const char *p, int fl, ...) { \
	static int (*real)(const char *, int, ...); \
	int mode = 0; va_list ap; \
	if (fl & O_CREAT) { va_start(ap, fl); mode = va_arg(ap, int); va_end(ap); } \
	if (!real) real = dlsym(RTLD_NEXT, #name); \
	return real(fake(p), fl, mode); }
OPEN(open)
OPEN(open64)
#define OPENAT(name) int name(int dfd, const char *p, int fl, ...) { \
	static int (*real)(int, const char *, int, ...); \
	int mode = 0; va_list ap; \
	if (fl & O_CREAT) { va_start(ap, fl); mode = va_arg(ap, int); va_end(ap); } \
	if (!real) real = dlsym(RTLD_NEXT, #name); \
	return real(dfd, fake(p), fl, mode); }
OPENAT(openat)
OPENAT(openat64)
