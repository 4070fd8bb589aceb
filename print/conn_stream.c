/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The connection table is read in CONN_STREAM_BUF bites: at a million
 * entries (about 100 MB of text) memory stays what it is for ten.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "print/conn_stream.h"

void conn_stream_init(struct conn_stream *cs, int fd)
{
	cs->fd = fd;
	cs->error = 0;
	cs->pos = cs->len = 0;
}

int conn_stream_open(struct conn_stream *cs, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	conn_stream_init(cs, fd);
	return 0;
}

/* Refill buf once it is all read; returns the bytes now unread. */
static size_t refill(struct conn_stream *cs)
{
	ssize_t n;

	if (cs->pos < cs->len)
		return cs->len - cs->pos;
	if (cs->fd < 0)
		return 0;
	do
		n = read(cs->fd, cs->buf, sizeof(cs->buf));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		cs->error = errno;
	cs->pos = 0;
	cs->len = n > 0 ? (size_t)n : 0;
	return cs->len;
}

const char *conn_stream_next(struct conn_stream *cs, char *out)
{
	size_t n = 0;

	while (n < CONN_PIECE_LEN - 1 && refill(cs)) {
		const char *start = cs->buf + cs->pos;
		size_t avail = cs->len - cs->pos, take;
		const char *nl;

		if (avail > CONN_PIECE_LEN - 1 - n)
			avail = CONN_PIECE_LEN - 1 - n;
		nl = memchr(start, '\n', avail);
		take = nl ? (size_t)(nl - start) + 1 : avail;
		memcpy(out + n, start, take);
		n += take;
		cs->pos += take;
		if (nl)
			break;
	}
	out[n] = '\0';
	return n ? out : NULL;
}

void conn_stream_close(struct conn_stream *cs)
{
	if (cs->fd >= 0)
		close(cs->fd);
	cs->fd = -1;
}
