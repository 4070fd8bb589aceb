/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Namespaces by name, path or process id, as `ip -n`, `ip netns exec`
 * and `nsenter --net=` name them.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/netns.h"

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

void netns_path(const char *spec, char *path, size_t len)
{
	struct stat st;

	if (strchr(spec, '/')) {
		snprintf(path, len, "%s", spec);
		return;
	}
	snprintf(path, len, "%s/%s", NETNS_RUN_DIR, spec);
	if (all_digits(spec) && stat(path, &st) != 0)
		snprintf(path, len, "/proc/%s/ns/net", spec);
}

/* Open and enter: 0, or -errno with *step the call that failed. */
static int enter(const char *spec, const char **step)
{
	char path[4096 + 64];
	int fd, err = 0;

	netns_path(spec, path, sizeof(path));
	*step = "open";
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	*step = "setns";
	if (setns(fd, CLONE_NEWNET) < 0)
		err = -errno;
	close(fd);
	return err;
}

int netns_enter(const char *spec)
{
	const char *step;
	int err = enter(spec, &step);

	if (err && !strcmp(step, "open"))
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n",
			spec, strerror(-err));
	else if (err)
		fprintf(stderr, "setting the network namespace \"%s\" failed: %s\n",
			spec, strerror(-err));
	return err ? -1 : 0;
}

int netns_enter_named(const char *name)
{
	const char *step;
	int err = enter(name, &step);

	/* Deleted since the folder was read, or its file made but not yet
	 * mounted by `ip netns add`: not a namespace to list. */
	if (err == -ENOENT || (err == -EINVAL && !strcmp(step, "setns")))
		return 1;
	return err ? netns_enter(name) : 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int netns_names(char ***names)
{
	DIR *dir = opendir(NETNS_RUN_DIR);
	struct dirent *e;
	char **v = NULL;
	int n = 0, cap = 0;

	*names = NULL;
	if (!dir)
		return 0;
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			char **nv = realloc(v, (size_t)(cap = cap ? cap * 2 : 16) * sizeof(*v));

			if (!nv)
				goto nomem;
			v = nv;
		}
		v[n] = strdup(e->d_name);
		if (!v[n])
			goto nomem;
		n++;
	}
	closedir(dir);
	if (n > 1)
		qsort(v, (size_t)n, sizeof(*v), name_cmp);
	*names = v;
	return n;
nomem:
	closedir(dir);
	netns_names_free(v, n);
	return -1;
}

void netns_names_free(char **names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
