/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One restore line into an argv, the way the reference's reader splits:
 * words separated by blanks, no quoting, no escapes, and every word that
 * is exactly "ipvsadm" dropped (so lines copied from a shell script, like
 * "ipvsadm -A -t ...", read as rules).  Unlike the reference, an overlong
 * word is an error instead of a write past a buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "save_restore/restore_int.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Make room for element n and the NULL after it. */
static int reserve(char ***argv, size_t *cap, size_t n)
{
	char **grown;
	size_t want = *cap ? *cap : 16;

	if (n + 2 <= *cap)
		return 0;
	while (want < n + 2)
		want *= 2;
	grown = realloc(*argv, want * sizeof(**argv));
	if (!grown)
		return -1;
	*argv = grown;
	*cap = want;
	return 0;
}

int restore_split(char *line, size_t len, const char *first,
		  char ***argv, size_t *cap, const char **why)
{
	size_t i = 0, argc = 0;

	if (memchr(line, '\0', len)) {
		*why = "the line holds a NUL byte";
		return -1;
	}
	if (reserve(argv, cap, 0) < 0)
		goto nomem;
	(*argv)[argc++] = (char *)first;

	while (i < len) {
		size_t start;

		while (i < len && is_blank(line[i]))
			i++;
		if (i == len)
			break;
		start = i;
		/* most bytes are printable: one comparison each */
		while (i < len && ((unsigned char)line[i] > ' ' || !is_blank(line[i])))
			i++;
		if (i - start > RESTORE_MAX_WORD) {
			*why = "a word is longer than 4095 characters";
			return -1;
		}
		if (i < len)
			line[i++] = '\0';
		else
			line[len] = '\0';
		if (i - start >= 7 && !strcmp(line + start, "ipvsadm"))
			continue;
		if (reserve(argv, cap, argc) < 0)
			goto nomem;
		(*argv)[argc++] = line + start;
	}
	line[len] = '\0';
	(*argv)[argc] = NULL;
	return (int)argc;

nomem:
	*why = "out of memory";
	return -1;
}
