/*
 * request.h - one HTTP request as FastCGI (or plain CGI) hands it over, and
 * the response written back. Knows FastCGI params, headers, cookies, the
 * query string, the body with its size cap, and how to write a status,
 * headers and a body; knows nothing of routes, rules or SQL.
 *
 * Every pointer into the request (method, query, params, body) is borrowed
 * until the next accept. struct request is reset for each request.
 */
#ifndef HTTP_REQUEST_H
#define HTTP_REQUEST_H

#include <stddef.h>
#include <stdint.h>

struct app;
struct json_object;

/* How a request's bytes come and go: FastCGI streams, or stdin/stdout for plain CGI. */
struct http_io {
	const char *(*param)(void *ctx, const char *name); /* NULL when absent */
	int (*read)(void *ctx, char *buf, int n);          /* bytes read, 0 at the end, -1 on error */
	int (*write)(void *ctx, const char *buf, int n);   /* n, or -1 when the client is gone */
	int (*flush)(void *ctx);                           /* 0, or -1 when the client is gone */
};

#define HTTP_PATH_MAX 512
#define HTTP_HEADERS_MAX 2048

struct request {
	const struct http_io *io;
	void *io_ctx;
	struct app *app;

	const char *method;       /* REQUEST_METHOD, "GET" when absent */
	char path[HTTP_PATH_MAX]; /* the path from "/api/" on, no query; "" when outside /api/ */
	const char *query;        /* after '?', "" when none */
	const char *content_type; /* NULL when absent */
	int64_t content_length;   /* -1 when absent or not a number */
	const char *remote_addr;  /* "-" when absent */
	int https;                /* the client came over TLS */
	char rid[40];             /* request id, also in every log line */
	int64_t start_us;

	char *body; /* NUL-terminated; owned by the request, freed at reset */
	size_t body_len;

	/* response */
	int status;                     /* 0 until a response is written */
	char headers[HTTP_HEADERS_MAX]; /* extra header lines, "Name: value\r\n" each */
	size_t headers_len;
	int client_gone; /* a write or flush failed */
	int streaming;   /* headers are out, the body goes piecewise */

	/* the caller once a login was checked (set by the controller) */
	int64_t user_id;
	char username[64];
	char jti[33];
};

/* Fills r from the io's params; r->body stays empty until http_read_body. */
void http_request_init(struct request *r, struct app *app, const struct http_io *io, void *io_ctx);

/* Frees what the request owns. */
void http_request_reset(struct request *r);

/* A FastCGI param ("REQUEST_METHOD", "HTTP_ACCEPT_LANGUAGE"); NULL when absent. */
const char *http_param(const struct request *r, const char *name);

/* A request header by its HTTP name ("Authorization"); NULL when absent. */
const char *http_header(const struct request *r, const char *name);

/*
 * Copies the value of cookie name into out (outlen bytes). Returns 1 when
 * found, 0 when absent, -1 when longer than outlen - 1.
 */
int http_cookie(const struct request *r, const char *name, char *out, size_t outlen);

/*
 * Copies the percent-decoded value of query parameter name into out
 * (outlen bytes, NUL-terminated). *outn (may be NULL) gets the decoded
 * length, which may include NUL bytes. Returns 1 when found, 0 when
 * absent, -1 when too long or badly encoded.
 */
int http_query(const struct request *r, const char *name, char *out, size_t outlen, size_t *outn);

/*
 * Reads the body into r->body, at most max bytes. A declared
 * CONTENT_LENGTH above max is refused before anything is read.
 * Returns 0, -ERR_PAYLOAD_TOO_LARGE, -ERR_BAD_REQUEST (body shorter than
 * declared) or -ERR_INTERNAL (no memory).
 */
int http_read_body(struct request *r, size_t max);

/* 1 if the media type of the body is application/json (case-insensitive, parameters allowed). */
int http_is_json(const struct request *r);

/* Adds a response header line; the name and value must not hold CR or LF. Dropped when full. */
void http_add_header(struct request *r, const char *name, const char *value);

/*
 * Writes the whole response: status, the API's fixed headers (Content-Type,
 * Content-Length, Cache-Control: no-store, security headers), the extra
 * headers, then the body. Returns 0 or -1 when the client is gone.
 */
int http_send(struct request *r, int status, const char *content_type, const char *body, size_t len);

/* http_send of the JSON text of o with Content-Type application/json. */
int http_send_json(struct request *r, int status, struct json_object *o);

/*
 * Starts a streamed response (text/event-stream, no Content-Length,
 * X-Accel-Buffering: no) and flushes the headers. Returns 0 or -1.
 */
int http_stream_begin(struct request *r, int status, const char *content_type);

/* Writes len bytes of a streamed body and flushes them. Returns 0 or -1 when the client is gone. */
int http_stream_write(struct request *r, const char *buf, size_t len);

#endif
