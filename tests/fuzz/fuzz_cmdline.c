/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmdline_parse() on an argv made of the input: words separated by NUL
 * or newline bytes, argv[0] "ipvsadm", at most MAX_WORDS words.  Each
 * word is a malloc'd copy of its own so ASan sees a read past its end.
 * Host names go to the table in fuzz_stubs.c, not to DNS.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"

#define MAX_WORDS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cli_status st;
	struct ipvs_cmdline cl;
	char *argv[MAX_WORDS + 2];
	int argc = 0;
	size_t i = 0;

	argv[argc++] = strdup("ipvsadm");
	while (i <= size && argc <= MAX_WORDS) {
		size_t start = i;

		while (i < size && data[i] != '\0' && data[i] != '\n')
			i++;
		argv[argc] = malloc(i - start + 1);
		memcpy(argv[argc], data + start, i - start);
		argv[argc][i - start] = '\0';
		argc++;
		i++;		/* past the separator (or the end) */
	}
	argv[argc] = NULL;

	memset(&cl, 0, sizeof(cl));
	cmdline_parse(argc, argv, &cl, &st);

	for (int k = 0; k < argc; k++)
		free(argv[k]);
	return 0;
}
