/*
 * request.c - reading a request: params, path, query, cookies and the body.
 * See request.h. No routes, rules or SQL here.
 */
#include "http/request.h"
#include "core/err.h"
#include "core/log.h"
#include "core/clock.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const char *http_param(const struct request *r, const char *name)
{
	return r->io->param(r->io_ctx, name);
}

const char *http_header(const struct request *r, const char *name)
{
	char key[128] = "HTTP_";
	size_t n = strlen(name);
	if (n + 6 > sizeof key)
		return NULL;
	for (size_t i = 0; i < n; i++)
		key[5 + i] = name[i] == '-' ? '_' : (char)toupper((unsigned char)name[i]);
	key[5 + n] = '\0';
	const char *v = http_param(r, key);
	/* CONTENT_TYPE and CONTENT_LENGTH come without the HTTP_ prefix */
	if (!v && (strcmp(key, "HTTP_CONTENT_TYPE") == 0 || strcmp(key, "HTTP_CONTENT_LENGTH") == 0))
		v = http_param(r, key + 5);
	return v;
}

/* Takes the route path from REQUEST_URI: from the first "/api/" segment on, without the query. */
static void request_path(struct request *r)
{
	const char *uri = http_param(r, "REQUEST_URI");
	r->query = "";
	r->path[0] = '\0';
	if (!uri)
		return;
	const char *q = strchr(uri, '?');
	size_t plen = q ? (size_t)(q - uri) : strlen(uri);
	if (q)
		r->query = q + 1;
	const char *api = NULL;
	for (const char *p = uri; p + 5 <= uri + plen; p++)
		if (memcmp(p, "/api/", 5) == 0 || (memcmp(p, "/api", 4) == 0 && p + 4 == uri + plen)) {
			api = p;
			break;
		}
	if (!api)
		return;
	size_t n = plen - (size_t)(api - uri);
	if (n >= sizeof r->path)
		n = sizeof r->path - 1; /* too long to be a route: cut, and it matches none */
	memcpy(r->path, api, n);
	r->path[n] = '\0';
}

void http_request_init(struct request *r, struct app *app, const struct http_io *io, void *io_ctx)
{
	static unsigned long long counter;
	static char prefix[8];
	if (!prefix[0])
		snprintf(prefix, sizeof prefix, "%05x", (unsigned)getpid() & 0xfffff);

	memset(r, 0, sizeof *r);
	r->io = io;
	r->io_ctx = io_ctx;
	r->app = app;
	r->start_us = clock_mono_us();
	r->method = http_param(r, "REQUEST_METHOD");
	if (!r->method)
		r->method = "GET";
	r->content_type = http_param(r, "CONTENT_TYPE");
	if (r->content_type && !*r->content_type)
		r->content_type = NULL;
	r->content_length = -1;
	const char *cl = http_param(r, "CONTENT_LENGTH");
	if (cl && *cl) {
		char *end;
		errno = 0;
		long long v = strtoll(cl, &end, 10);
		if (!*end && !errno && v >= 0)
			r->content_length = v;
	}
	r->remote_addr = http_param(r, "REMOTE_ADDR");
	if (!r->remote_addr || !*r->remote_addr)
		r->remote_addr = "-";
	const char *https = http_param(r, "HTTPS");
	r->https = https && (strcasecmp(https, "on") == 0 || strcmp(https, "1") == 0);
	request_path(r);
	snprintf(r->rid, sizeof r->rid, "%s-%llu", prefix, ++counter);
	log_begin(r->rid);
}

void http_request_reset(struct request *r)
{
	free(r->body);
	r->body = NULL;
	r->body_len = 0;
	log_end();
}

int http_cookie(const struct request *r, const char *name, char *out, size_t outlen)
{
	const char *c = http_param(r, "HTTP_COOKIE");
	size_t nlen = strlen(name);
	while (c && *c) {
		while (*c == ' ' || *c == ';')
			c++;
		const char *end = strchr(c, ';');
		size_t len = end ? (size_t)(end - c) : strlen(c);
		if (len > nlen && memcmp(c, name, nlen) == 0 && c[nlen] == '=') {
			size_t vlen = len - nlen - 1;
			const char *v = c + nlen + 1;
			while (vlen && v[vlen - 1] == ' ')
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if (vlen >= outlen)
				return -1;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return 1;
		}
		c = end;
	}
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes s[0..n) ('+' is a space) into out; returns the length or -1. */
static long url_decode(const char *s, size_t n, char *out, size_t outlen)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		int ch = (unsigned char)s[i];
		if (ch == '+')
			ch = ' ';
		else if (ch == '%') {
			if (i + 2 >= n) /* needs s[i+1] and s[i+2] */
				return -1;
			int hi = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			ch = hi * 16 + lo;
			i += 2;
		}
		if (o + 1 >= outlen)
			return -1;
		out[o++] = (char)ch;
	}
	out[o] = '\0';
	return (long)o;
}

int http_query(const struct request *r, const char *name, char *out, size_t outlen, size_t *outn)
{
	const char *q = r->query;
	char key[64];
	while (q && *q) {
		const char *amp = strchr(q, '&');
		size_t len = amp ? (size_t)(amp - q) : strlen(q);
		const char *eq = memchr(q, '=', len);
		size_t klen = eq ? (size_t)(eq - q) : len;
		long kn = url_decode(q, klen, key, sizeof key);
		if (kn >= 0 && (size_t)kn == strlen(name) && memcmp(key, name, (size_t)kn) == 0) {
			const char *v = eq ? eq + 1 : q + len;
			size_t vlen = eq ? len - klen - 1 : 0;
			long vn = url_decode(v, vlen, out, outlen);
			if (vn < 0)
				return -1;
			if (outn)
				*outn = (size_t)vn;
			return 1;
		}
		q = amp ? amp + 1 : NULL;
	}
	return 0;
}

int http_read_body(struct request *r, size_t max)
{
	if (r->body)
		return 0;
	if (r->content_length > (int64_t)max)
		return -ERR_PAYLOAD_TOO_LARGE;
	int known = r->content_length >= 0;
	/* a declared length is read exactly; otherwise the buffer grows up to max + 1 bytes */
	size_t cap = (known ? (size_t)r->content_length : (max < 4096 ? max + 1 : 4096)) + 1;
	char *buf = malloc(cap);
	if (!buf)
		return -ERR_INTERNAL;
	size_t len = 0;
	while (!known || len < (size_t)r->content_length) {
		if (len + 1 == cap) {
			size_t ncap = cap * 2 > max + 2 ? max + 2 : cap * 2;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				return -ERR_INTERNAL;
			}
			buf = nb;
			cap = ncap;
		}
		size_t room = cap - 1 - len;
		int n = r->io->read(r->io_ctx, buf + len, room > 65536 ? 65536 : (int)room);
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len > max) {
			free(buf);
			return -ERR_PAYLOAD_TOO_LARGE;
		}
	}
	if (known && len != (size_t)r->content_length) {
		free(buf);
		return -ERR_BAD_REQUEST;
	}
	buf[len] = '\0';
	r->body = buf;
	r->body_len = len;
	return 0;
}

int http_is_json(const struct request *r)
{
	const char *ct = r->content_type;
	if (!ct)
		return 0;
	while (*ct == ' ')
		ct++;
	static const char json[] = "application/json";
	if (strncasecmp(ct, json, sizeof json - 1) != 0)
		return 0;
	ct += sizeof json - 1;
	while (*ct == ' ')
		ct++;
	return *ct == '\0' || *ct == ';';
}
