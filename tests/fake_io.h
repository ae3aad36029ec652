/*
 * fake_io.h - an in-memory struct http_io for tests and fuzz harnesses:
 * params from a NULL-terminated name/value array (a NULL value is an absent
 * param), a body handed out in short reads of varying size (1 to 7 bytes,
 * as a socket gives them), and the response captured in out.
 * Header-only: include it in one test program.
 */
#ifndef TESTS_FAKE_IO_H
#define TESTS_FAKE_IO_H

#include <string.h>

#include "http/request.h"

struct fake_io {
	const char *const *params; /* name, value, name, value, ..., NULL */
	const char *body;
	size_t body_len, body_pos;
	int reads; /* read calls made */
	char out[8192];
	size_t out_len;
};

static inline const char *fake_param(void *ctx, const char *name)
{
	struct fake_io *f = ctx;
	for (const char *const *p = f->params; *p; p += 2)
		if (strcmp(p[0], name) == 0)
			return p[1];
	return NULL;
}

static inline int fake_read(void *ctx, char *buf, int n)
{
	struct fake_io *f = ctx;
	size_t left = f->body_len - f->body_pos;
	size_t k = 1 + f->body_pos % 7;
	f->reads++;
	if (k > left)
		k = left;
	if (k > (size_t)n)
		k = (size_t)n;
	if (k)
		memcpy(buf, f->body + f->body_pos, k);
	f->body_pos += k;
	return (int)k;
}

static inline int fake_write(void *ctx, const char *buf, int n)
{
	struct fake_io *f = ctx;
	if (f->out_len + (size_t)n >= sizeof f->out)
		return -1;
	memcpy(f->out + f->out_len, buf, (size_t)n);
	f->out_len += (size_t)n;
	f->out[f->out_len] = '\0';
	return n;
}

static inline int fake_flush(void *ctx)
{
	(void)ctx;
	return 0;
}

static const struct http_io fake_io_ops = {fake_param, fake_read, fake_write, fake_flush};

#endif
