/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IPVS settings of the calling process's network namespace, read and
 * written through /proc/sys/net/ipv4/vs: the kernel has no netlink
 * request for them.  /proc/sys follows the namespace of the process that
 * opens the file, so `ip netns exec` works as for the other commands.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipvs.h"

#define SYSCTL_DIR "/proc/sys/net/ipv4/vs"

static const char *sysctl_dir = SYSCTL_DIR;

void ipvs_sysctl_set_dir(const char *dir)
{
	sysctl_dir = dir ? dir : SYSCTL_DIR;
}

/* A key is a plain file name: never a path out of the folder. */
static int sysctl_path(const char *name, char *path, size_t len)
{
	int n;

	if (!name[0] || strchr(name, '/') || name[0] == '.')
		return -ENOENT;
	n = snprintf(path, len, "%s/%s", sysctl_dir, name);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int ipvs_sysctl_read(const char *name, char *value, size_t len)
{
	char path[512];
	ssize_t n;
	int fd, err = sysctl_path(name, path, sizeof(path));

	if (err)
		return err;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, value, len - 1);
	err = n < 0 ? -errno : 0;
	close(fd);
	if (err)
		return err;
	while (n > 0 && (value[n - 1] == '\n' || value[n - 1] == ' '))
		n--;
	value[n] = '\0';
	return 0;
}

/* One write(2) of the whole value: /proc/sys parses what one write gives. */
int ipvs_sysctl_write(const char *name, const char *value)
{
	char path[512];
	size_t len = strlen(value);
	ssize_t n;
	int fd, err = sysctl_path(name, path, sizeof(path));

	if (err)
		return err;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, value, len);
	err = n < 0 ? -errno : (size_t)n != len ? -EIO : 0;
	if (close(fd) && !err)
		err = -errno;
	return err;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct ipvs_sysctl *)a)->name,
		      ((const struct ipvs_sysctl *)b)->name);
}

static int add_entry(struct ipvs_sysctl_list *out, size_t *cap, DIR *dir,
		     const char *name)
{
	struct ipvs_sysctl *e;
	struct stat st;

	if (strlen(name) >= IPVS_SYSCTL_NAME_LEN ||
	    fstatat(dirfd(dir), name, &st, 0) || !S_ISREG(st.st_mode))
		return 0;
	if (out->len == *cap) {
		size_t n = *cap ? *cap * 2 : 64;
		struct ipvs_sysctl *grown = reallocarray(out->entry, n, sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		out->entry = grown;
		*cap = n;
	}
	e = &out->entry[out->len];
	memset(e, 0, sizeof(*e));
	strcpy(e->name, name);
	e->writable = !!(st.st_mode & S_IWUSR);
	/* a key that cannot be read is listed with an empty value */
	if (ipvs_sysctl_read(name, e->value, sizeof(e->value)))
		e->value[0] = '\0';
	out->len++;
	return 0;
}

int ipvs_sysctl_dump(struct ipvs_sysctl_list *out)
{
	DIR *dir = opendir(sysctl_dir);
	struct dirent *de;
	size_t cap = 0;
	int err = 0;

	out->entry = NULL;
	out->len = 0;
	if (!dir)
		return -errno;
	while (!err && (de = readdir(dir)))
		if (de->d_name[0] != '.')
			err = add_entry(out, &cap, dir, de->d_name);
	closedir(dir);
	if (err) {
		ipvs_sysctl_list_free(out);
		return err;
	}
	if (out->len)
		qsort(out->entry, out->len, sizeof(*out->entry), by_name);
	return 0;
}

void ipvs_sysctl_list_free(struct ipvs_sysctl_list *l)
{
	free(l->entry);
	l->entry = NULL;
	l->len = 0;
}
