/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --sysctl [NAME=VALUE...].  A bad value or a key the kernel lacks stops
 * the command before anything is written; a value the kernel refuses
 * midway puts back the ones already written, so a deployment never runs
 * with half its settings.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "cli/sysctl_set.h"
#include "print/list.h"
#include "print/sysctl_keys.h"

static const char *kernel_release(struct utsname *u)
{
	return uname(u) ? "?" : u->release;
}

/* The key is missing from this kernel: say which kernel, and when the
 * table knows, which one brought it. */
static void no_such_key(const char *name, char *msg, size_t len)
{
	const struct sysctl_key *k = sysctl_key_find(name);
	struct utsname u;

	if (k && k->since)
		snprintf(msg, len, "no IPVS setting `%s' in kernel %s (it came with %s)",
			 name, kernel_release(&u), k->since);
	else if (k)
		snprintf(msg, len, "no IPVS setting `%s' in kernel %s",
			 name, kernel_release(&u));
	else
		snprintf(msg, len, "unknown IPVS setting `%s' (kernel %s)",
			 name, kernel_release(&u));
}

int sysctl_assign_parse(const char *word, struct sysctl_assign *a,
			char *msg, size_t len)
{
	const char *eq = strchr(word, '=');
	size_t namelen = eq ? (size_t)(eq - word) : 0;
	char current[IPVS_SYSCTL_VALUE_LEN], why[256];
	const struct sysctl_key *k;
	int err;

	if (!eq || !namelen) {
		snprintf(msg, len, "--sysctl takes settings as NAME=VALUE, not `%s'", word);
		return -1;
	}
	if (namelen >= sizeof(a->name)) {
		snprintf(msg, len, "unknown IPVS setting `%.*s'", (int)namelen, word);
		return -1;
	}
	memcpy(a->name, word, namelen);
	a->name[namelen] = '\0';
	err = ipvs_sysctl_read(a->name, current, sizeof(current));
	if (err == -ENOENT || err == -ENOTDIR) {
		no_such_key(a->name, msg, len);
		return -1;
	}
	if (err) {
		snprintf(msg, len, "can't read IPVS setting `%s': %s", a->name, strerror(-err));
		return -1;
	}
	k = sysctl_key_find(a->name);
	if (!k) {
		if (strlen(eq + 1) >= sizeof(a->value)) {
			snprintf(msg, len, "IPVS setting %s: value too long", a->name);
			return -1;
		}
		strcpy(a->value, eq + 1);
		return 0;
	}
	if (sysctl_value_check(k, eq + 1, a->value, sizeof(a->value), why, sizeof(why))) {
		snprintf(msg, len, "IPVS setting %s: %s", a->name, why);
		return -1;
	}
	return 0;
}

static void put_back(const struct sysctl_assign *old, size_t n)
{
	size_t i;

	for (i = n; i-- > 0;)
		if (ipvs_sysctl_write(old[i].name, old[i].value))
			fprintf(stderr, "could not put back IPVS setting %s=%s\n",
				old[i].name, old[i].value);
}

int sysctl_assign_all(const struct sysctl_assign *a, size_t n,
		      struct sysctl_assign *old, char *msg, size_t len)
{
	struct sysctl_assign *before = old ? old : calloc(n + 1, sizeof(*before));
	size_t i;
	int err = 0;

	if (!before) {
		snprintf(msg, len, "%s", strerror(ENOMEM));
		return -1;
	}
	for (i = 0; !err && i < n; i++) {
		strcpy(before[i].name, a[i].name);
		err = ipvs_sysctl_read(a[i].name, before[i].value, sizeof(before[i].value));
		if (!err)
			err = ipvs_sysctl_write(a[i].name, a[i].value);
		if (err)
			snprintf(msg, len, "the kernel refused IPVS setting %s=%s: %s",
				 a[i].name, a[i].value, strerror(-err));
	}
	if (err)
		put_back(before, i - 1);
	if (!old)
		free(before);
	return err ? -1 : 0;
}

int sysctl_cmdline_settings(const struct ipvs_cmdline *cl,
			    struct sysctl_assign **out, size_t *n,
			    char *msg, size_t len)
{
	struct sysctl_assign *a = calloc((size_t)cl->sysctl_argc + 1, sizeof(*a));
	int i;

	*out = a;
	*n = 0;
	if (!a) {
		snprintf(msg, len, "%s", strerror(ENOMEM));
		return -1;
	}
	for (i = 1; i < cl->sysctl_argc; i++) {
		const char *word = cl->sysctl_argv[i];

		if (word[0] == '-')
			continue;
		if (sysctl_assign_parse(word, &a[*n], msg, len))
			return -1;
		++*n;
	}
	return 0;
}

int sysctl_run(const struct ipvs_cmdline *cl)
{
	struct sysctl_assign *a;
	char msg[512];
	size_t n;
	int status = 0;

	if (sysctl_cmdline_settings(cl, &a, &n, msg, sizeof(msg))) {
		fprintf(stderr, "%s\n", msg);
		status = 2;
	} else if (!n) {
		status = list_sysctl(cl->format);
	} else if (sysctl_assign_all(a, n, NULL, msg, sizeof(msg))) {
		fprintf(stderr, "%s\n", msg);
		status = 255;
	}
	free(a);
	return status;
}
