/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --query's terms, its filters and counts on parsed /proc lines, and the
 * stream's pieces (the reference's fgets of 256). */
#include <stdlib.h>
#include <unistd.h>

#include "print/conn_query.h"
#include "print/conn_stream.h"
#include "unit.h"

static const char *const lines[] = {
	/* a connection and its persistence template */
	"TCP C0A80105 D431 0A000001 0050 0A010101 1F90 ESTABLISHED    899\n",
	"TCP C0A80105 0000 0A000001 0050 0A010101 1F90 NONE           299\n",
	"TCP C0A80206 D432 0A000001 0050 0A010102 1F90 TIME_WAIT       59\n",
	/* a fwmark service's template: protocol IP, the mark as address */
	"IP  C0A80105 0000 00000007 0000 0A010103 0000 NONE            59\n",
	"UDP C0A80105 D433 0A000002 0035 0A010103 0035 UDP            299\n",
};
#define NLINES (sizeof(lines) / sizeof(lines[0]))

static int matches(const struct conn_query *q, char *which, size_t len)
{
	struct conn_line c;
	size_t i;
	int n = 0;

	for (i = 0; i < NLINES && i + 1 < len; i++) {
		conn_parse_line(lines[i], &c);
		which[i] = conn_query_match(q, &c) ? '1' : '0';
		n += which[i] == '1';
	}
	which[i] = '\0';
	return n;
}

static void check_query(const char *text, const char *want)
{
	struct conn_query q;
	char err[256] = "", which[16];

	memset(&q, 0, sizeof(q));
	if (conn_query_parse(text, &q, err, sizeof(err))) {
		CHECK(0, "--query=%s parses: %s", text, err);
		return;
	}
	matches(&q, which, sizeof(which));
	CHECK(!strcmp(which, want), "--query=%s keeps %s (got %s)", text, want, which);
}

static void check_bad(const char *text)
{
	struct conn_query q;
	char err[256] = "";

	memset(&q, 0, sizeof(q));
	CHECK(conn_query_parse(text, &q, err, sizeof(err)) && err[0],
	      "--query=%s refused: %s", text, err);
}

static void test_filters(void)
{
	struct conn_query q;
	char which[16];

	check_query("", "11111");
	check_query("client=192.168.1.5", "11011");
	check_query("client=192.168.0.0/16", "11111");
	check_query("client=192.168.2.0/23", "00100");
	check_query("client=192.168.2.0/24", "00100");
	check_query("client=0.0.0.0/0", "11111");
	check_query("client=fd00::1", "00000");
	check_query("state=established", "10000");
	check_query("state=TEMPLATE", "01010");
	check_query("state=NONE", "00000");
	check_query("state=UDP,client=192.168.1.5", "00001");
	check_query("count", "11111");
	check_bad("client=192.168.1.5/33");
	check_bad("client=fd00::/129");
	check_bad("client=");
	check_bad("client=host.example");
	check_bad("client=10.0.0.1/");
	check_bad("client=10.0.0.1/-1");
	check_bad("state=");
	check_bad("state=A B");
	check_bad("state=X,state=Y");
	check_bad("count,count");
	check_bad("colour=red");
	check_bad("client");
	check_bad(",count");
	check_bad("count,");
	check_bad("count,,state=X");

	/* -t 10.0.0.1:80 and -r 10.1.1.1 (any port), -f 7 by its template */
	memset(&q, 0, sizeof(q));
	q.has = CQ_SERVICE;
	q.svc.af = AF_INET;
	q.svc.protocol = IPPROTO_TCP;
	q.svc.addr.v4.s_addr = htonl(0x0A000001);
	q.svc.port = 80;
	matches(&q, which, sizeof(which));
	CHECK(!strcmp(which, "11100"), "-t 10.0.0.1:80 keeps 11100 (got %s)", which);
	q.has |= CQ_SERVER;
	q.server_af = AF_INET;
	q.server.v4.s_addr = htonl(0x0A010102);
	matches(&q, which, sizeof(which));
	CHECK(!strcmp(which, "00100"), "-t and -r 10.1.1.2 keep 00100 (got %s)", which);
	q.server_port = 8081;
	matches(&q, which, sizeof(which));
	CHECK(!strcmp(which, "00000"), "-r 10.1.1.2:8081 keeps none (got %s)", which);
	memset(&q, 0, sizeof(q));
	q.has = CQ_SERVICE;
	q.svc.af = AF_INET;
	q.svc.fwmark = 7;
	matches(&q, which, sizeof(which));
	CHECK(!strcmp(which, "00010"), "-f 7 without its servers keeps its template (got %s)", which);
}

static void test_counts(void)
{
	struct conn_counts cc = { 0 };
	struct conn_line c;
	size_t i, rep;

	for (rep = 0; rep < 1000; rep++)
		for (i = 0; i < NLINES; i++) {
			conn_parse_line(lines[i], &c);
			conn_counts_add(&cc, &c);
		}
	conn_counts_sort(&cc);
	CHECK(cc.total == 5000, "5000 entries counted (%llu)", cc.total);
	CHECK(cc.len == 5, "5 (server, state) rows (%zu)", cc.len);
	CHECK(cc.len == 5 && !strcmp(cc.rows[0].state, "ESTABLISHED") &&
	      cc.rows[0].count == 1000 && cc.rows[0].port == 8080,
	      "first row: 10.1.1.1:8080 ESTABLISHED 1000");
	CHECK(cc.len == 5 && !strcmp(cc.rows[1].state, "TEMPLATE") &&
	      cc.rows[1].port == 8080, "then its template");
	conn_counts_free(&cc);
}

/* A table through a pipe: lines over 255 characters come in pieces. */
static void test_stream(void)
{
	char long_line[600], piece[CONN_PIECE_LEN];
	struct conn_stream *cs = malloc(sizeof(*cs));
	int fds[2], n = 0;
	size_t total = 0;

	memset(long_line, 'x', sizeof(long_line) - 2);
	long_line[sizeof(long_line) - 2] = '\n';
	long_line[sizeof(long_line) - 1] = '\0';
	if (!cs || pipe(fds))
		return;
	CHECK(write(fds[1], "title\n", 6) == 6, "write");
	CHECK(write(fds[1], long_line, strlen(long_line)) == (ssize_t)strlen(long_line), "write");
	CHECK(write(fds[1], "tail", 4) == 4, "write");
	close(fds[1]);
	conn_stream_init(cs, fds[0]);
	while (conn_stream_next(cs, piece)) {
		n++;
		total += strlen(piece);
		CHECK(strlen(piece) <= 255, "piece %d of at most 255 characters", n);
	}
	CHECK(n == 5, "title, 3 pieces of the long line, the tail (%d)", n);
	CHECK(total == 6 + strlen(long_line) + 4, "every byte once (%zu)", total);
	conn_stream_close(cs);
	free(cs);
}

int main(void)
{
	test_filters();
	test_counts();
	test_stream();
	UNIT_EXIT();
}
