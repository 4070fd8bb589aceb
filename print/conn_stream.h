/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /proc/net/ip_vs_conn read as a stream: one fixed buffer, whatever the
 * size of the table, handing out the pieces the reference's
 * fgets(buf, 256) would (a line, or its first 255 characters).
 */
#ifndef PRINT_CONN_STREAM_H
#define PRINT_CONN_STREAM_H

#include <stddef.h>

#define CONN_PROC_FILE "/proc/net/ip_vs_conn"
#define CONN_PIECE_LEN 256
/* The kernel walks the table from its start to the read position on
 * every read(): the fewer reads, the less it walks (cat reads 128 KiB). */
#define CONN_STREAM_BUF (256 * 1024)

struct conn_stream {
	int fd;
	int error;			/* errno of a failed read, or 0 */
	size_t pos, len;		/* the unread part of buf */
	char buf[CONN_STREAM_BUF];
};

/* Returns 0, or -1 with errno when the file cannot be opened. */
int conn_stream_open(struct conn_stream *cs, const char *path);
/* A stream over an open fd (the unit tests use pipes); cs owns it. */
void conn_stream_init(struct conn_stream *cs, int fd);
/* The next piece into out (CONN_PIECE_LEN bytes), or NULL at the end or
 * on a read error (then cs->error is set). */
const char *conn_stream_next(struct conn_stream *cs, char *out);
void conn_stream_close(struct conn_stream *cs);

#endif
