/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --test, --diff and --apply: does the running kernel have a
 * scheduler or persistence engine?  It has when its module (ip_vs_NAME,
 * ip_vs_pe_NAME) is loaded
 * or built in (/sys/module/...), or when modprobe could load it
 * ("modprobe -n -q", which loads nothing).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/sysctl_set.h"
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

struct module_seen {
	char name[IP_VS_SCHEDNAME_MAXLEN + IP_VS_PENAME_MAXLEN];
	int available;
};

static int name_available(struct module_check *mc, const char *prefix,
			  const char *name)
{
	char key[sizeof(mc->seen->name)];
	struct module_seen *grown;
	size_t i;

	snprintf(key, sizeof(key), "%s%s", prefix, name);
	for (i = 0; i < mc->nseen; i++)
		if (!strcmp(mc->seen[i].name, key))
			return mc->seen[i].available;
	grown = realloc(mc->seen, (mc->nseen + 1) * sizeof(*grown));
	if (!grown)
		return ipvs_module_available(prefix, name);
	mc->seen = grown;
	snprintf(grown[mc->nseen].name, sizeof(grown->name), "%s", key);
	grown[mc->nseen].available = ipvs_module_available(prefix, name);
	return grown[mc->nseen++].available;
}

unsigned long module_check_line(struct module_check *mc, FILE *err,
				const char *name, unsigned long line,
				const struct ipvs_cmdline *cl)
{
	const struct ipvs_service *svc = &cl->svc;
	unsigned long missing = 0;
	char text[256];

	if (cl->cmd != CMD_ADD && cl->cmd != CMD_EDIT)
		return 0;
	if (!name_available(mc, "ip_vs_", svc->sched_name)) {
		snprintf(text, sizeof(text),
			 "scheduler '%s' is not available in this kernel (no module ip_vs_%s)",
			 svc->sched_name, svc->sched_name);
		restore_report(err, name, line, text);
		missing++;
	}
	if (svc->pe_name[0] && !name_available(mc, "ip_vs_pe_", svc->pe_name)) {
		snprintf(text, sizeof(text),
			 "persistence engine '%s' is not available in this kernel (no module ip_vs_pe_%s)",
			 svc->pe_name, svc->pe_name);
		restore_report(err, name, line, text);
		missing++;
	}
	return missing;
}

void module_check_free(struct module_check *mc)
{
	free(mc->seen);
	mc->seen = NULL;
	mc->nseen = 0;
}

struct dry_run {
	const char *name;
	FILE *err;
	unsigned long bad;
};

/* -R --test: a --sysctl line's keys and values, as this kernel has them. */
static void check_sysctl_line(void *arg, unsigned long line,
			      const struct ipvs_cmdline *cl)
{
	struct dry_run *d = arg;
	struct sysctl_assign *a = NULL;
	char text[256];
	size_t n;

	if (cl->cmd != CMD_SYSCTL)
		return;
	if (sysctl_cmdline_settings(cl, &a, &n, text, sizeof(text))) {
		restore_report(d->err, d->name, line, text);
		d->bad++;
	}
	free(a);
}

int restore_dry_run(FILE *in, const char *name, FILE *err,
		    const struct ipvs_scope *scope)
{
	struct module_check mc = { 0 };
	struct dry_run d = { name, err, 0 };
	struct restore_reader r = {
		.name = name, .argv0 = program_invocation_name, .err = err,
		.fn = check_sysctl_line, .arg = &d, .modules = &mc,
		.outer = scope,
	};
	int status = restore_read(in, &r);

	free(r.scope);	/* the file's own --scope line's */
	module_check_free(&mc);
	if (status == 0 && d.bad)
		status = RESTORE_EXIT_SYNTAX;
	return status;
}
