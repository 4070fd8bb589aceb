/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The first pass of -R on arbitrary bytes: restore_read() reads the
 * input as a file (NULs, CRLF, huge words, no final newline...), splits
 * every line and parses it, without a kernel.  restore_split() also gets
 * the whole input as one line, in a buffer of exactly size + 1 bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "save_restore/restore_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct restore_reader r = { .argv0 = "ipvsadm" };
	char *copy, **argv = NULL;
	size_t cap = 0;
	const char *why = NULL;
	FILE *in;

	if (!devnull)
		devnull = fopen("/dev/null", "w");

	copy = malloc(size + 1);
	memcpy(copy, data, size);
	restore_split(copy, size, "ipvsadm", &argv, &cap, &why);
	free(argv);

	/* fmemopen() refuses a size of 0: an empty file is /dev/null. */
	memcpy(copy, data, size);
	in = size ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
	if (in) {
		r.name = size & 1 ? "rules" : NULL;
		r.err = devnull;
		restore_read(in, &r);
		free(r.scope);
		fclose(in);
	}
	free(copy);
	return 0;
}
