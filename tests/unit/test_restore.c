/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R without a kernel: the line splitter, the report format and the
 * checking pass (every line through the command line parser).
 */
#include <stdlib.h>
#include <string.h>

#include "save_restore/restore_int.h"
#include "unit.h"

/* Split a copy of text; returns argc and leaves the words in *argv. */
static int split(const char *text, char **copy, char ***argv, size_t *cap,
		 const char **why)
{
	size_t len = strlen(text);

	free(*copy);
	*copy = malloc(len + 1);
	memcpy(*copy, text, len + 1);
	*why = NULL;
	return restore_split(*copy, len, "ipvsadm", argv, cap, why);
}

static const struct {
	const char *line;
	int argc;
	const char *words[6];	/* after argv[0] */
} split_cases[] = {
	{ "", 1, { NULL } },
	{ "   \t \r", 1, { NULL } },
	{ "-A -t 1.2.3.4:80 -s rr", 6, { "-A", "-t", "1.2.3.4:80", "-s", "rr" } },
	{ "  -C  ", 2, { "-C" } },
	{ "-A\t-t\t1.2.3.4:80\r", 4, { "-A", "-t", "1.2.3.4:80" } },
	{ "-a -f 1 -r 10.0.0.1 \v-w\f2", 8, { "-a", "-f", "1", "-r", "10.0.0.1", "-w" } },
	/* no quoting: the reference passes quotes through */
	{ "-s \"rr\"", 3, { "-s", "\"rr\"" } },
	{ "# a comment", 4, { "#", "a", "comment" } },
	/* the reference drops the word ipvsadm wherever it is */
	{ "ipvsadm -A ipvsadm -t 1.2.3.4:80 ipvsadm", 4, { "-A", "-t", "1.2.3.4:80" } },
	{ "ipvsadm", 1, { NULL } },
	{ "/sbin/ipvsadm ipvsadmx", 3, { "/sbin/ipvsadm", "ipvsadmx" } },
};

static void test_split_table(void)
{
	char *copy = NULL, **argv = NULL;
	size_t cap = 0, i;
	const char *why;

	for (i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++) {
		int argc = split(split_cases[i].line, &copy, &argv, &cap, &why);
		int k, same = argc == split_cases[i].argc;

		for (k = 1; same && k < argc && k < 6; k++)
			same = !strcmp(argv[k], split_cases[i].words[k - 1]);
		CHECK(same && !strcmp(argv[0], "ipvsadm") && argv[argc] == NULL,
		      "split \"%s\" into %d words", split_cases[i].line,
		      split_cases[i].argc);
	}
	free(copy);
	free(argv);
}

static void test_split_limits(void)
{
	char *copy = NULL, **argv = NULL, *text;
	size_t cap = 0;
	const char *why;
	int argc, i;

	text = malloc(5000 + 10);
	strcpy(text, "-s ");
	memset(text + 3, 'a', RESTORE_MAX_WORD);
	text[3 + RESTORE_MAX_WORD] = '\0';
	argc = split(text, &copy, &argv, &cap, &why);
	CHECK(argc == 3 && strlen(argv[2]) == RESTORE_MAX_WORD,
	      "a word of 4095 characters is kept whole");

	strcat(text, "a");
	argc = split(text, &copy, &argv, &cap, &why);
	CHECK(argc == -1 && why && strstr(why, "4095"),
	      "a word of 4096 characters is an error (%s)", why ? why : "-");

	memset(text, 'b', 5000);
	text[5000] = '\0';
	argc = split(text, &copy, &argv, &cap, &why);
	CHECK(argc == -1, "a line of one 5000-character word is an error");
	free(text);

	text = malloc(3 * 1000 + 1);
	for (i = 0; i < 1000; i++)
		memcpy(text + 3 * i, "-n ", 3);
	text[3000] = '\0';
	argc = split(text, &copy, &argv, &cap, &why);
	CHECK(argc == 1001 && argv[1000] && !strcmp(argv[1000], "-n") &&
	      argv[1001] == NULL, "a line of 1000 words");
	free(text);

	free(copy);
	copy = malloc(8);
	memcpy(copy, "-C\0-n", 6);
	why = NULL;
	argc = restore_split(copy, 5, "ipvsadm", &argv, &cap, &why);
	CHECK(argc == -1 && why, "a NUL byte in a line is an error");
	free(copy);
	free(argv);
}

/* The commands a read hands over, with their line numbers. */
struct restore_cmd {
	unsigned long line;
	struct ipvs_cmdline cl;
};

struct restore_plan {
	struct restore_cmd cmd[16];
	size_t len;
	unsigned long bad_lines;
};

static void keep(void *arg, unsigned long line, const struct ipvs_cmdline *cl)
{
	struct restore_plan *plan = arg;

	if (plan->len < sizeof(plan->cmd) / sizeof(plan->cmd[0]))
		plan->cmd[plan->len] = (struct restore_cmd){ line, *cl };
	plan->len++;
}

/* Read text once, keeping its commands; the report goes to *errtext. */
static int check(const char *text, const char *name,
		 struct restore_plan *plan, char **errtext)
{
	struct restore_reader r = { .name = name, .argv0 = "ipvsadm", .fn = keep, .arg = plan };
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	size_t errlen;
	FILE *err = open_memstream(errtext, &errlen);
	int status;

	memset(plan, 0, sizeof(*plan));
	if (!strlen(text)) {	/* fmemopen refuses a size of 0 */
		fclose(in);
		in = fopen("/dev/null", "r");
	}
	r.err = err;
	status = restore_read(in, &r);
	plan->bad_lines = r.bad_lines;
	free(r.scope);
	fclose(in);
	fclose(err);
	return status;
}

static void test_report(void)
{
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	restore_report(f, NULL, 3, "Service already exists");
	restore_report(f, "rules", 12, "one\ntwo\n");
	fclose(f);
	CHECK(!strcmp(text, "3: Service already exists\nrules:12: one\nrules:12: two\n"),
	      "reports prefix every line with NAME:LINE: (got \"%s\")", text);
	free(text);
}

static void test_check_good(void)
{
	struct restore_plan plan;
	char *err;
	int status;

	status = check("-A -t 10.0.0.1:80 -s rr\n"
		       "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 3\n"
		       "\n"
		       "# a comment\n"
		       "   \t\n"
		       "-A -u 10.0.0.1:53 -s wlc\r\n"
		       "-A -f 7 -s rr -p 300", NULL, &plan, &err);
	CHECK(status == 0 && !*err, "a good input checks clean (%d, \"%s\")",
	      status, err);
	CHECK(plan.len == 4, "four commands kept (%zu)", plan.len);
	if (plan.len == 4) {
		CHECK(plan.cmd[0].line == 1 && plan.cmd[0].cl.cmd == CMD_ADD &&
		      plan.cmd[0].cl.svc.port == 80, "line 1 is -A port 80");
		CHECK(plan.cmd[1].line == 2 && plan.cmd[1].cl.cmd == CMD_ADDDEST &&
		      plan.cmd[1].cl.dest.weight == 3, "line 2 is -a weight 3");
		CHECK(plan.cmd[2].line == 6 && !strcmp(plan.cmd[2].cl.svc.sched_name, "wlc"),
		      "line 6 (CRLF) has scheduler wlc, no CR");
		CHECK(plan.cmd[3].line == 7 && plan.cmd[3].cl.svc.fwmark == 7 &&
		      plan.cmd[3].cl.svc.timeout == 300,
		      "line 7 without a final newline is read");
	}
	free(err);

	status = check("-A -f -1 -s rr\n-A -f -6 -6 -s rr\n"
		       "-A --fwmark-service -2147483648\n-A -f 7\n", NULL, &plan, &err);
	CHECK(status == 0 && plan.len == 4 &&
	      plan.cmd[0].cl.svc.fwmark == 4294967295u &&
	      plan.cmd[1].cl.svc.fwmark == 4294967290u &&
	      plan.cmd[1].cl.svc.af == AF_INET6 &&
	      plan.cmd[2].cl.svc.fwmark == 2147483648u &&
	      plan.cmd[3].cl.svc.fwmark == 7,
	      "negative fwmarks the reference's -S writes read as unsigned (\"%s\")", err);
	free(err);

	status = check("-A -f -4294967296\n", NULL, &plan, &err);
	CHECK(status == RESTORE_EXIT_SYNTAX && !strncmp(err, "1: ", 3),
	      "a fwmark below -2^31 stays an error: \"%s\"", err);
	free(err);

	status = check("", NULL, &plan, &err);
	CHECK(status == 0 && plan.len == 0 && !*err, "an empty input is fine");
	free(err);
}

static void test_check_bad(void)
{
	struct restore_plan plan;
	char *err, *long_line;
	int status;

	status = check("-A -t 10.0.0.1:80 -s rr\n"
		       "-A -t 10.0.0.1:81 --bogus\n"
		       "-A -t 10.0.0.1:82 -s rr\n"
		       "-a -t 10.0.0.1:80\n"
		       "-A -t 10.0.0.1:83 -s rr\n", NULL, &plan, &err);
	CHECK(status == RESTORE_EXIT_SYNTAX, "bad lines give status 2 (%d)", status);
	CHECK(plan.bad_lines == 2, "two bad lines counted (%lu)", plan.bad_lines);
	CHECK(!strncmp(err, "2: ", 3) && strstr(err, "\n4: "),
	      "lines 2 and 4 reported: \"%s\"", err);
	CHECK(!strstr(err, "1: ") && !strstr(err, "3: ") && !strstr(err, "5: "),
	      "good lines not reported");
	free(err);

	status = check("-C\n-R\n-L -n\n", "rules.txt", &plan, &err);
	CHECK(status == RESTORE_EXIT_SYNTAX && !strncmp(err, "rules.txt:2: ", 13),
	      "-R inside the input is reported with the file name: \"%s\"", err);
	free(err);

	status = check("-h\n", NULL, &plan, &err);
	CHECK(status == RESTORE_EXIT_SYNTAX && !strncmp(err, "1: ", 3) &&
	      !strstr(err, "Usage"), "-h inside the input is an error: \"%s\"", err);
	free(err);

	long_line = malloc(4200);
	strcpy(long_line, "-A -t 10.0.0.1:80 -s rr\n-A -t 10.0.0.1:81 -s ");
	memset(long_line + strlen(long_line), 'x', 4096);
	strcpy(long_line + strlen("-A -t 10.0.0.1:80 -s rr\n-A -t 10.0.0.1:81 -s ") + 4096,
	       "\n-C\n");
	status = check(long_line, NULL, &plan, &err);
	CHECK(status == RESTORE_EXIT_SYNTAX && !strncmp(err, "2: ", 3) &&
	      strstr(err, "4095"), "a 4096-character word: \"%s\"", err);
	free(err);
	free(long_line);
}

int main(void)
{
	test_split_table();
	test_split_limits();
	test_report();
	test_check_good();
	test_check_bad();
	UNIT_EXIT();
}
