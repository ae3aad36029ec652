/*
 * fuzz_http_request.c - libFuzzer target: one request through the http
 * layer over a fake io. The input is split at NUL bytes into REQUEST_URI,
 * HTTP_COOKIE, CONTENT_TYPE, CONTENT_LENGTH and the body (the rest, NULs
 * included); a part that is not there is an absent param. Exercises the
 * path, the query (decoded, then checked as declared fields), cookies, the
 * media type, the body cap with short reads, and a JSON response.
 * Invariants: the path is "" or starts with "/api"; a body read is never
 * longer than the cap and is exactly CONTENT_LENGTH when one is declared;
 * decoded values fit their buffers; the response head is well formed.
 */
#include <json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "controller/field.h"
#include "core/err.h"
#include "core/log.h"
#include "http/request.h"
#include "../fake_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BODY_CAP 64

static const struct field limit_field = {"limit", FT_INT, 0, 1, 100, NULL, NULL};
static const struct field before_field = {"before", FT_STRING, 0, 1, 40, field_is_token_chars, NULL};
static const struct field temp_field = {"t", FT_NUMBER, 0, 0, 2, NULL, NULL};

static void check_query(struct request *r, const char *name, const struct field *f)
{
	char v[64], msg[FIELD_MSG_MAX];
	size_t n = (size_t)-1;
	int rc = http_query(r, name, v, sizeof v, &n);
	if (rc < -1 || rc > 1)
		abort();
	if (rc != 1)
		return;
	if (n >= sizeof v || v[n] != '\0')
		abort();
	struct field_value fv;
	if (f && field_parse_text(f, v, n, &fv, msg) == 0) {
		if (!fv.present)
			abort();
		if (f->type == FT_INT && ((double)fv.i < f->min || (double)fv.i > f->max))
			abort();
		if (f->type == FT_NUMBER && !(fv.d >= f->min && fv.d <= f->max))
			abort();
		if (f->type == FT_STRING && (fv.len != n || memchr(fv.s, '\0', fv.len) || !f->check(fv.s, fv.len)))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	if (!once) {
		log_init(LL_ERROR, NULL);
		once = 1;
	}
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';

	/* the four params, each up to the next NUL; the body is what follows */
	const char *part[4] = {NULL, NULL, NULL, NULL};
	size_t pos = 0;
	int np = 0;
	for (; np < 4 && pos < size; np++) {
		part[np] = buf + pos;
		pos += strlen(buf + pos) + 1;
	}
	struct fake_io *f = calloc(1, sizeof *f);
	if (!f) {
		free(buf);
		return 0;
	}
	const char *const params[] = {"REQUEST_METHOD", "POST",  "REQUEST_URI",    part[0], "HTTP_COOKIE", part[1],
				      "CONTENT_TYPE",   part[2], "CONTENT_LENGTH", part[3], NULL};
	f->params = params;
	f->body = pos < size ? buf + pos : "";
	f->body_len = pos < size ? size - pos : 0;

	struct request r;
	http_request_init(&r, NULL, &fake_io_ops, f);
	size_t plen = strnlen(r.path, sizeof r.path);
	if (plen == sizeof r.path || (plen && strncmp(r.path, "/api", 4) != 0))
		abort();
	if (!r.query || r.content_length < -1)
		abort();

	check_query(&r, "limit", &limit_field);
	check_query(&r, "before", &before_field);
	check_query(&r, "t", &temp_field);
	check_query(&r, "a b", NULL);

	char cookie[33];
	int rc = http_cookie(&r, "chat_token", cookie, sizeof cookie);
	if (rc < -1 || rc > 1 || (rc == 1 && strlen(cookie) >= sizeof cookie))
		abort();
	if (rc != 1)
		strcpy(cookie, "-");

	int js = http_is_json(&r);
	if ((js != 0 && js != 1) || (js && !r.content_type))
		abort();
	const char *ct = http_header(&r, "Content-Type");
	if (ct != r.content_type && !(r.content_type == NULL && ct && !*ct))
		abort();

	rc = http_read_body(&r, BODY_CAP);
	if (rc == 0) {
		if (!r.body || r.body_len > BODY_CAP || r.body[r.body_len] != '\0')
			abort();
		if (r.content_length >= 0 && r.body_len != (size_t)r.content_length)
			abort();
		if (http_read_body(&r, BODY_CAP) != 0) /* a second read keeps the first body */
			abort();
	} else if (rc != -ERR_PAYLOAD_TOO_LARGE && rc != -ERR_BAD_REQUEST) {
		abort();
	} else if (r.body) {
		abort();
	}

	/* a response echoing request text: the header value must not split the head */
	http_add_header(&r, "X-Fuzz", cookie);
	for (size_t i = 0; i < r.headers_len; i++)
		if ((r.headers[i] == '\n') != (i > 0 && r.headers[i - 1] == '\r'))
			abort();
	struct json_object *o = json_object_new_object();
	if (o) {
		json_object_object_add(o, "path", json_object_new_string(r.path));
		json_object_object_add(o, "cookie", json_object_new_string(cookie));
		json_object_object_add(o, "json", json_object_new_boolean(js));
		if (http_send_json(&r, 200, o) == 0) {
			if (strncmp(f->out, "Status: 200 OK\r\n", 16) != 0 || !strstr(f->out, "\r\n\r\n"))
				abort();
		}
		json_object_put(o);
	}
	http_request_reset(&r);
	if (r.body)
		abort();
	free(f);
	free(buf);
	return 0;
}
