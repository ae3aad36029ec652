/*
 * response.c - writing a response: status line, the API's fixed headers
 * (set here and only here), extra headers, body, and streamed bodies.
 */
#include "http/request.h"
#include "core/json.h"

#include <json.h>
#include <stdio.h>
#include <string.h>

/* The headers every API response carries: no caching, and nothing a browser may render or frame. */
static const char api_headers[] = "Cache-Control: no-store\r\n"
				  "X-Content-Type-Options: nosniff\r\n"
				  "X-Frame-Options: DENY\r\n"
				  "Referrer-Policy: no-referrer\r\n"
				  "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n";

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return "Status";
	}
}

void http_add_header(struct request *r, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
		return;
	size_t room = sizeof r->headers - r->headers_len;
	int n = snprintf(r->headers + r->headers_len, room, "%s: %s\r\n", name, value);
	if (n > 0 && (size_t)n < room)
		r->headers_len += (size_t)n;
	else
		r->headers[r->headers_len] = '\0';
}

static int put(struct request *r, const char *s, size_t len)
{
	if (r->client_gone)
		return -1;
	while (len > 0) {
		int chunk = len > 65536 ? 65536 : (int)len;
		if (r->io->write(r->io_ctx, s, chunk) != chunk) {
			r->client_gone = 1;
			return -1;
		}
		s += chunk;
		len -= (size_t)chunk;
	}
	return 0;
}

static int head(struct request *r, int status, const char *content_type, long long length)
{
	char buf[512];
	r->status = status;
	int n = snprintf(buf, sizeof buf, "Status: %d %s\r\nContent-Type: %s\r\n", status, reason(status),
			 content_type);
	if (length >= 0)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "Content-Length: %lld\r\n", length);
	if (put(r, buf, (size_t)n) || put(r, api_headers, sizeof api_headers - 1) || put(r, r->headers, r->headers_len))
		return -1;
	return 0;
}

int http_send(struct request *r, int status, const char *content_type, const char *body, size_t len)
{
	if (r->status)
		return -1; /* a response was already written */
	if (head(r, status, content_type, (long long)len) || put(r, "\r\n", 2))
		return -1;
	/* HEAD gets the headers only */
	if (strcmp(r->method, "HEAD") != 0 && put(r, body, len))
		return -1;
	return 0;
}

int http_send_json(struct request *r, int status, struct json_object *o)
{
	size_t len;
	const char *s = json_text(o, &len);
	return http_send(r, status, "application/json", s, len);
}

int http_stream_begin(struct request *r, int status, const char *content_type)
{
	if (r->status)
		return -1;
	http_add_header(r, "X-Accel-Buffering", "no");
	if (head(r, status, content_type, -1) || put(r, "\r\n", 2))
		return -1;
	r->streaming = 1;
	if (r->io->flush(r->io_ctx) != 0) {
		r->client_gone = 1;
		return -1;
	}
	return 0;
}

int http_stream_write(struct request *r, const char *buf, size_t len)
{
	if (put(r, buf, len))
		return -1;
	if (r->io->flush(r->io_ctx) != 0) {
		r->client_gone = 1;
		return -1;
	}
	return 0;
}
