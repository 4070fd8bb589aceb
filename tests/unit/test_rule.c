/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The short way for -S's lines (cli/rule.c) against the general parser,
 * on lines -S writes and on random lines made of their words, of near
 * misses and of noise: whenever the short way takes a line, the general
 * parser (after the restore reader's split) must take it too and fill
 * the very same command, byte for byte.  Lines it leaves go the general
 * way, so their errors need no check here.
 */
#include <stdlib.h>
#include <string.h>

#include "save_restore/restore_int.h"
#include "unit.h"

/* The general way, as restore_read takes a line: 1 when it is good. */
static int parse_general(const char *line, struct ipvs_cmdline *cl)
{
	static struct cli_status st;
	size_t len = strlen(line), cap = 0;
	char *copy = malloc(len + 1), **argv = NULL;
	const char *why = NULL;
	int argc, ok = 0;

	memcpy(copy, line, len + 1);
	argc = restore_split(copy, len, "ipvsadm", &argv, &cap, &why);
	memset(cl, 0, sizeof(*cl));
	if (argc > 1 && argv[1][0] != '#')
		ok = cmdline_parse(argc, argv, cl, &st) == 0 &&
		     cl->cmd != CMD_RESTORE;
	free(argv);
	free(copy);
	return ok;
}

/* 0 when the short way agrees with the general one on line (or leaves
 * it); *taken counts the lines it took. */
static int differs(const char *line, unsigned long *taken)
{
	struct ipvs_cmdline fast, general;
	size_t len = strlen(line);
	char *exact = malloc(len ? len : 1);	/* no NUL after it */
	int took;

	memcpy(exact, line, len);
	memset(&fast, 0xa5, sizeof(fast));
	took = cmdline_parse_rule(exact, len, &fast);
	free(exact);
	if (!took)
		return 0;
	(*taken)++;
	return !parse_general(line, &general) ||
	       memcmp(&fast, &general, sizeof(fast)) != 0;
}

static const char *const taken_lines[] = {
	"-A -t 10.0.0.1:80 -s wlc",
	"-A -u 192.168.255.254:53 -s rr",
	"-a -t 10.0.0.1:80 -r 172.16.0.1:8000 -m -w 1",
	"-a -t 10.0.0.1:80 -r 172.16.0.1:8000 -g -w 0",
	"-a -u 10.0.0.1:53 -r 172.16.0.1 -i -w 2147483647",
	"-a -t 10.0.0.1 -r 172.16.0.1:81 -m -w 5",
};

static const char *const left_lines[] = {
	"-A -t 10.0.0.1:0 -s wlc",		/* zero port: an error */
	"-A -t 10.0.0.1:80 -s wlc -p 300",	/* another form */
	"-A  -t 10.0.0.1:80 -s wlc",		/* two spaces */
	"-A -t 10.0.0.1:80 -s wlc ",		/* a trailing blank */
	"-A\t-t 10.0.0.1:80 -s wlc",
	"ipvsadm -A -t 10.0.0.1:80 -s wlc",
	"-A -t 10.0.0.1:80 -s ipvsadm",		/* the word the reader drops */
	"-A -t [::1]:80 -s wlc",
	"-A -t host:80 -s wlc",
	"-a -t 10.0.0.1:80 -r 172.16.0.1 -m -w -1",
	"-a -t 10.0.0.1:80 -r 172.16.0.1 -m -w 2147483648",
	"-a -t 10.0.0.1:80 -r 172.16.0.1 -w 1 -m",	/* another order */
	"# -A -t 10.0.0.1:80 -s wlc",
};

static void test_fixed(void)
{
	unsigned long taken = 0, before;
	size_t i;

	for (i = 0; i < sizeof(taken_lines) / sizeof(taken_lines[0]); i++) {
		before = taken;
		CHECK(!differs(taken_lines[i], &taken) && taken == before + 1,
		      "taken the short way, as the general parser reads it: %s",
		      taken_lines[i]);
	}
	for (i = 0; i < sizeof(left_lines) / sizeof(left_lines[0]); i++) {
		before = taken;
		CHECK(!differs(left_lines[i], &taken) && taken == before,
		      "left to the general parser: %s", left_lines[i]);
	}
}

/* Words of -S's lines, near misses and noise. */
static const char *const pool[][24] = {
	{ "-A", "-a", "-A", "-a", "-E", "-e", "-d", "-D", "ipvsadm", "-t", "-R", "-A", NULL },
	{ "-t", "-u", "-t", "-u", "-f", "--tcp-service", "-T", "-r", "-s", NULL },
	{ "10.0.0.1:80", "10.0.0.1", "10.0.0.1:0", "10.0.0.1:65535", "10.0.0.1:65536",
	  "256.0.0.1:80", "010.0.0.1:80", "1.2.3:80", "1:80", "0x1.2.3.4:80", "::1",
	  "[::1]:80", "10.0.0.1:http", "10.0.0.1::80", "1.2.3.4:080", "1.2.3.4.5:80",
	  "4294967295:1", "0.0.0.0:1", "255.255.255.255:65535", "1.2.3.4:", ":80",
	  "1..2.3:4", "127.0.0.1:00080", NULL },
	{ "-s", "-r", "-s", "-r", "-m", "-w", "-x", "-p", "-M", "-g", NULL },
	{ "wlc", "rr", "ipvsadm", "abcdefghijklmnopqrstuvw", "WLC", "sh", "a_b", "w-l",
	  "10.0.0.2:8080", "10.0.0.2", "10.0.0.2:0", "300.0.0.2:1", "fd00::1", NULL },
	{ "-m", "-g", "-i", "-m", "-w", "-x", "-6", "-o", NULL },
	{ "-w", "-w", "-w", "-x", "-y", "-m", NULL },
	{ "0", "1", "-1", "2147483647", "2147483648", "007", "1e3",
	  "99999999999999999999", "", "5", NULL },
};
static const char *const blanks[] = { " ", " ", " ", " ", " ", " ", "  ", "\t", "\r" };

static const char *pick(const char *const *words)
{
	size_t n = 0;

	while (words[n])
		n++;
	return words[(size_t)rand() % n];
}

static void random_addr(char *buf, size_t len)
{
	int n = snprintf(buf, len, "%d.%d.%d.%d", rand() % 256, rand() % 256,
			 rand() % 256, rand() % 256);

	if (rand() % 4)
		snprintf(buf + n, len - (size_t)n, ":%d", rand() % 65536);
}

/* A line as -S writes it, with up to three words swapped for words of
 * the pools, a word more or less, or other blanks now and then. */
static void random_line(char *buf, size_t len)
{
	static const char *const scheds[] = { "wlc", "rr", "sh", "mh", "lblcr", NULL };
	static const char *const methods[] = { "-m", "-g", "-i", NULL };
	char vip[32], rip[32], weight[16];
	const char *w[9];
	size_t words, i, n = 0;
	int k;

	random_addr(vip, sizeof(vip));
	random_addr(rip, sizeof(rip));
	snprintf(weight, sizeof(weight), "%d", rand() % 3 ? rand() % 100 : rand());
	w[1] = rand() % 2 ? "-t" : "-u";
	w[2] = vip;
	if (rand() % 2) {
		words = 5;
		w[0] = "-A", w[3] = "-s", w[4] = pick(scheds);
	} else {
		words = 8;
		w[0] = "-a", w[3] = "-r", w[4] = rip, w[5] = pick(methods);
		w[6] = "-w", w[7] = weight;
	}
	for (k = rand() % 4; k > 0; k--) {
		i = (size_t)rand() % words;
		w[i] = pick(pool[i]);
	}
	if (rand() % 20 == 0)
		words += words < 9 && rand() % 2 ? 1 : (size_t)-1;
	w[8] = "-x";
	for (i = 0; i < words && n + 64 < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s",
				      !i ? "" : rand() % 30 ? " " : blanks[rand() % 9],
				      w[i]);
	if (rand() % 30 == 0)
		snprintf(buf + n, len - n, "%s", blanks[rand() % 9]);
}

static void test_random(void)
{
	unsigned long taken = 0, bad = 0, i;
	char line[512], first[512] = "";

	srand(20);
	for (i = 0; i < 300000; i++) {
		random_line(line, sizeof(line));
		if (differs(line, &taken) && !bad++)
			snprintf(first, sizeof(first), "%s", line);
	}
	CHECK(bad == 0, "300000 random lines: the short way agrees with the general parser (%lu differ, first \"%s\")",
	      bad, first);
	CHECK(taken > 1000, "and it takes many of them (%lu)", taken);
}

int main(void)
{
	test_fixed();
	test_random();
	UNIT_EXIT();
}
