/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Hostile inputs for the parsers the fuzz targets (tests/fuzz/) drive,
 * each in a buffer of exactly its size so that the sanitizers and
 * valgrind see any read past it: the inputs the fuzzers are seeded with
 * at their edges, and any input a fuzzer ever reported (none so far;
 * add each one here and to tests/fuzz/corpus/<target>/).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>

#include "cli/cmd.h"
#include "print/list_fmt.h"
#include "save_restore/restore_int.h"
#include "unit.h"

static char *exact_copy(const void *data, size_t len)
{
	char *p = malloc(len ? len : 1);

	memcpy(p, data, len);
	return p;
}

/* ---- /proc/net/ip_vs_conn lines */
static void conn_cases(void)
{
	struct conn_line c;
	size_t big = 100000;
	char *line = malloc(big + 1);

	/* one word far longer than every field buffer, in each position */
	for (int field = 0; field < 11; field++) {
		size_t n = 0;

		for (int k = 0; k < 11; k++) {
			if (k == field) {
				memset(line + n, k % 2 ? 'F' : 'a', 4000);
				n += 4000;
			} else {
				memcpy(line + n, "0A000001", 8);
				n += 8;
			}
			line[n++] = ' ';
		}
		line[n] = '\0';
		CHECK(conn_parse_line(line, &c) == 0 && c.fields == 11 &&
		      strlen(c.protocol) < sizeof(c.protocol) &&
		      strlen(c.state) < sizeof(c.state) &&
		      strlen(c.pe_name) < sizeof(c.pe_name) &&
		      strlen(c.pe_data) < sizeof(c.pe_data),
		      "conn: a 4000-byte word as field %d is cut to its buffer", field);
	}
	memset(line, 'x', big);
	line[big] = '\0';
	CHECK(conn_parse_line(line, &c) == 0 && c.fields == 1,
	      "conn: one 100000-byte word");
	free(line);

	line = exact_copy("TCP 0A000001 FFFFFFFFFFFFFFFFFFFFFF [::1] -1 x:y:z ZZZZ S -2147483649 pe", 72);
	line[71] = '\0';
	CHECK(conn_parse_line(line, &c) == 0, "conn: out-of-range numbers and odd addresses");
	free(line);
	line = exact_copy("\t\r\v\f", 5);
	CHECK(conn_parse_line(line, &c) == -1, "conn: only blanks");
	free(line);
}

/* ---- restore: split and check */
static int check_text(const char *text, size_t len, unsigned long *bad)
{
	struct restore_reader r = { .name = "f", .argv0 = "ipvsadm" };
	char *copy = exact_copy(text, len);
	FILE *in = fmemopen(copy, len, "r");
	FILE *err = fopen("/dev/null", "w");
	int status;

	r.err = err;
	status = restore_read(in, &r);
	*bad = r.bad_lines;
	free(r.scope);
	fclose(in);
	fclose(err);
	free(copy);
	return status;
}

static void restore_cases(void)
{
	static const char nul[] = "-A -t 10.0.0.1:80\n-A\0 -t 10.0.0.2:80\n-A -t 10.0.0.3:80";
	static const char crlf[] = "\r\n\r\n-A -t 10.0.0.1:80 -s rr\r\n\r";
	size_t big = 70000;
	char *text = malloc(big), **argv = NULL, *line;
	const char *why = NULL;
	unsigned long bad;
	size_t cap = 0;
	int n;

	CHECK(check_text(nul, sizeof(nul) - 1, &bad) == RESTORE_EXIT_SYNTAX && bad == 1,
	      "restore: a NUL byte inside a line is one bad line");
	CHECK(check_text(crlf, sizeof(crlf) - 1, &bad) == 0 && bad == 0,
	      "restore: CRLF and a lone CR at the end");
	CHECK(check_text("\n\n\n", 3, &bad) == 0, "restore: only newlines");

	/* a line of one huge word, no final newline */
	memset(text, 'w', big);
	CHECK(check_text(text, big, &bad) == RESTORE_EXIT_SYNTAX && bad == 1,
	      "restore: a 70000-byte word without a newline");
	/* many words: argv grows */
	for (size_t i = 0; i < big; i += 2) {
		text[i] = '-';
		text[i + 1] = ' ';
	}
	CHECK(check_text(text, big, &bad) == RESTORE_EXIT_SYNTAX && bad == 1,
	      "restore: 35000 words on one line");

	line = malloc(RESTORE_MAX_WORD + 1);
	memset(line, 'x', RESTORE_MAX_WORD);
	n = restore_split(line, RESTORE_MAX_WORD, "ipvsadm", &argv, &cap, &why);
	CHECK(n == 2 && strlen(argv[1]) == RESTORE_MAX_WORD,
	      "restore: a word of exactly %d bytes fills its line buffer", RESTORE_MAX_WORD);
	free(line);
	line = malloc(1);
	n = restore_split(line, 0, "ipvsadm", &argv, &cap, &why);
	CHECK(n == 1 && argv[1] == NULL, "restore: an empty line in a 1-byte buffer");
	free(line);
	free(argv);
	free(text);
}

/* ---- the command line */
static int parse_words(int argc, const char *const *words)
{
	static struct cli_status st;
	struct ipvs_cmdline cl;
	char *argv[80];
	int rc;

	for (int i = 0; i < argc; i++)
		argv[i] = exact_copy(words[i], strlen(words[i]) + 1);
	argv[argc] = NULL;
	memset(&cl, 0, sizeof(cl));
	rc = cmdline_parse(argc, argv, &cl, &st);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	return rc;
}

static void cmdline_cases(void)
{
	static const char *const empties[] = {
		"ipvsadm", "", "", "", "", "", "", "", "", "", "",
	};
	static const char *const odd[][8] = {
		{ "ipvsadm", "-A", "-t", "[", NULL },
		{ "ipvsadm", "-A", "-t", "[::1]", NULL },
		{ "ipvsadm", "-A", "-t", "[::1]:", NULL },
		{ "ipvsadm", "-A", "-t", ":", NULL },
		{ "ipvsadm", "-A", "-t", "10.0.0.1:99999999999999999999", NULL },
		{ "ipvsadm", "-A", "-f", "-", NULL },
		{ "ipvsadm", "-A", "-t", "10.0.0.1:80", "-s", "rr", "-b", "," },
		{ "ipvsadm", "-A", "-t", "10.0.0.1:80", "-M", "", NULL },
		{ "ipvsadm", "--set", "", "", "", NULL },
		{ "ipvsadm", "--start-daemon", "", "--mcast-group", "", NULL },
		{ "ipvsadm", "-a", "-t", "10.0.0.1:80", "-r", "[::1]:0", "--tun-type", "" },
		{ "ipvsadm", "-", "--", "---", "-=", "--=", NULL },
	};
	char longword[5000];
	const char *argv[] = { "ipvsadm", "-A", "-t", longword, NULL };

	CHECK(parse_words(11, empties) < 0, "cmdline: ten empty words");
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		int argc = 0;

		while (argc < 8 && odd[i][argc])
			argc++;
		parse_words(argc, odd[i]);
		CHECK(1, "cmdline: odd words, case %zu, no crash", i);
	}
	memset(longword, '1', sizeof(longword) - 1);
	longword[sizeof(longword) - 1] = '\0';
	CHECK(parse_words(4, argv) < 0, "cmdline: a 4999-character address");
}

/* ---- netlink replies */
static void decode_cases(void)
{
	/* a header claiming more than the buffer is not reachable (the
	 * socket layer gives the length); short and odd lengths are */
	for (size_t len = NLMSG_HDRLEN; len <= NLMSG_HDRLEN + 12; len++) {
		struct nlmsghdr *nlh = calloc(1, len);
		struct ipvs_service svc;
		struct ipvs_dest dest;
		struct ipvs_daemon d;
		struct ipvs_timeouts t;
		struct ipvs_info info;
		int ok = 1;

		nlh->nlmsg_len = (uint32_t)len;
		if (len > NLMSG_HDRLEN)
			((unsigned char *)nlh)[NLMSG_HDRLEN] = IPVS_CMD_SET_CONFIG;
		if (len > NLMSG_HDRLEN + 4)
			memset((char *)nlh + NLMSG_HDRLEN + 4, 0xff, len - NLMSG_HDRLEN - 4);
		ok &= ipvs_decode_service(nlh, &svc) == -EINVAL;
		ok &= ipvs_decode_dest(nlh, &dest) == -EINVAL;
		ok &= ipvs_decode_daemon(nlh, &d) == -EINVAL;
		ipvs_decode_timeouts(nlh, &t);
		ok &= ipvs_decode_info(nlh, &info) == -EINVAL;
		CHECK(ok, "decode: a %zu-byte message with garbage attributes", len);
		free(nlh);
	}
}

int main(void)
{
	conn_cases();
	restore_cases();
	cmdline_cases();
	decode_cases();
	UNIT_EXIT();
}
