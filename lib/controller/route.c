/*
 * route.c - the route table and the dispatcher (see route.h).
 */
#include "controller/route.h"
#include "controller/handlers.h"
#include "controller/reply.h"
#include "core/app.h"
#include "core/err.h"
#include "core/log.h"
#include "http/request.h"

#include <stdio.h>
#include <string.h>

struct route {
	const char *method;
	const char *path; /* a '*' segment matches one non-empty segment */
	void (*handler)(struct request *r);
	int needs_login;
	int takes_body;
};

/* one route a line */
/* clang-format off */
static const struct route routes[] = {
	/* method  path               handler         login body */
	{"GET",  "/api/health",    health_get,     0, 0},
	{"POST", "/api/login",     login_post,     0, 1},
	{"POST", "/api/logout",    logout_post,    0, 1},
	{"POST", "/api/heartbeat", heartbeat_post, 1, 0},
	{"GET",  "/api/prompts",   prompts_get,    1, 0},
};
/* clang-format on */

#define NROUTES (sizeof routes / sizeof routes[0])

/* 1 if path matches the pattern; '*' stands for one segment of at least one character. */
static int path_match(const char *pat, const char *path)
{
	while (*pat && *path) {
		if (*pat == '*') {
			size_t n = strcspn(path, "/");
			if (n == 0)
				return 0;
			path += n;
			pat++;
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *pat == '\0' && *path == '\0';
}

static int method_is(const struct request *r, const char *m)
{
	/* HEAD is served as GET; the response writer drops the body */
	return strcmp(r->method, m) == 0 || (strcmp(m, "GET") == 0 && strcmp(r->method, "HEAD") == 0);
}

/* Answers 405 with the methods of every route on this path. */
static void not_allowed(struct request *r)
{
	char allow[128] = "";
	for (size_t i = 0; i < NROUTES; i++) {
		if (!path_match(routes[i].path, r->path) || strstr(allow, routes[i].method))
			continue;
		size_t n = strlen(allow);
		snprintf(allow + n, sizeof allow - n, "%s%s%s", n ? ", " : "", routes[i].method,
			 strcmp(routes[i].method, "GET") == 0 ? ", HEAD" : "");
	}
	http_add_header(r, "Allow", allow);
	reply_error(r, -ERR_METHOD_NOT_ALLOWED, NULL, NULL, 0);
}

/*
 * The body checks of every request: a declared size over max_body, then a
 * declared body that is not JSON. Only routes that take a body read it,
 * with the same cap (a body of undeclared length is checked as it comes).
 * Returns 0 or the error to answer.
 */
static int check_body(struct request *r, int takes_body)
{
	size_t max = (size_t)r->app->cfg.max_body;
	if (r->content_length > (int64_t)max)
		return -ERR_PAYLOAD_TOO_LARGE;
	if (r->content_length > 0 && !http_is_json(r))
		return -ERR_UNSUPPORTED_MEDIA;
	if (!takes_body || r->content_length == 0)
		return 0;
	int rc = http_read_body(r, max);
	if (rc)
		return rc;
	if (r->body_len > 0 && !http_is_json(r))
		return -ERR_UNSUPPORTED_MEDIA;
	return 0;
}

static void run(struct request *r)
{
	const struct route *hit = NULL;
	int path_known = 0;
	for (size_t i = 0; i < NROUTES && !hit; i++) {
		if (!path_match(routes[i].path, r->path))
			continue;
		path_known = 1;
		if (method_is(r, routes[i].method))
			hit = &routes[i];
	}
	if (!hit) {
		if (path_known)
			not_allowed(r);
		else
			reply_error(r, -ERR_NOT_FOUND, NULL, NULL, 0);
		return;
	}
	int rc = check_body(r, hit->takes_body);
	if (rc) {
		reply_error(r, rc, NULL, NULL, 0);
		return;
	}
	if (hit->needs_login) {
		rc = controller_auth(r, NULL);
		if (rc) {
			reply_error(r, rc, NULL, NULL, 0);
			return;
		}
	}
	hit->handler(r);
	if (!r->status) /* a handler that wrote nothing is a bug: the client still gets an answer */
		reply_error(r, -ERR_INTERNAL, NULL, NULL, 0);
}

void controller_dispatch(struct request *r)
{
	run(r);
	log_event(r->status >= 500 ? LL_ERROR : LL_INFO, "controller", "request",
		  r->client_gone ? "client_gone" : (r->status < 400 ? "ok" : "refused"),
		  "method=%s path=%.128s status=%d uid=%lld addr=%s", r->method, r->path[0] ? r->path : "-", r->status,
		  (long long)r->user_id, r->remote_addr);
}
