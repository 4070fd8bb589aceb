/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --test: does the running kernel have a scheduler or persistence
 * engine?  It has when its module (ip_vs_NAME, ip_vs_pe_NAME) is loaded
 * or built in (/sys/module/...), or when modprobe could load it
 * ("modprobe -n -q", which loads nothing).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "save_restore/restore_int.h"

static int modprobe_dry_run(const char *module)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		char *const argv[] = { "modprobe", "-n", "-q", "--",
				       (char *)module, NULL };
		int fd = open("/dev/null", O_RDWR);

		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execv("/sbin/modprobe", argv);
		execvp("modprobe", argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int ipvs_module_available(const char *prefix, const char *name)
{
	char module[96], path[128];
	struct stat sb;
	size_t i;

	if (!name[0] || strlen(name) > 32)
		return 0;
	for (i = 0; name[i]; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	snprintf(module, sizeof(module), "%s%s", prefix, name);
	for (i = 0; module[i]; i++)
		if (module[i] == '-')
			module[i] = '_';
	snprintf(path, sizeof(path), "/sys/module/%s", module);
	if (stat(path, &sb) == 0)
		return 1;
	return modprobe_dry_run(module);
}
