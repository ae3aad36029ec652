/*
 * server.c - the accept loop over libfcgi's request API, and the plain CGI
 * path. The only file besides cgi-bin/ that includes the FastCGI headers.
 */
#include "http/server.h"
#include "http/request.h"
#include "core/log.h"

#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

/* FastCGI io */
static const char *fcgi_param(void *ctx, const char *name)
{
	return FCGX_GetParam(name, ((FCGX_Request *)ctx)->envp);
}
static int fcgi_read(void *ctx, char *buf, int n)
{
	return FCGX_GetStr(buf, n, ((FCGX_Request *)ctx)->in);
}
static int fcgi_write(void *ctx, const char *buf, int n)
{
	FCGX_Stream *out = ((FCGX_Request *)ctx)->out;
	int w = FCGX_PutStr(buf, n, out);
	return w == n && !FCGX_GetError(out) ? n : -1;
}
static int fcgi_flush(void *ctx)
{
	return FCGX_FFlush(((FCGX_Request *)ctx)->out) == 0 ? 0 : -1;
}
static const struct http_io fcgi_io = {fcgi_param, fcgi_read, fcgi_write, fcgi_flush};

/* plain CGI io */
static const char *cgi_param(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}
static int cgi_read(void *ctx, char *buf, int n)
{
	(void)ctx;
	size_t got = fread(buf, 1, (size_t)n, stdin);
	return got == 0 && ferror(stdin) ? -1 : (int)got;
}
static int cgi_write(void *ctx, const char *buf, int n)
{
	(void)ctx;
	return fwrite(buf, 1, (size_t)n, stdout) == (size_t)n ? n : -1;
}
static int cgi_flush(void *ctx)
{
	(void)ctx;
	return fflush(stdout) == 0 ? 0 : -1;
}
static const struct http_io cgi_io = {cgi_param, cgi_read, cgi_write, cgi_flush};

int http_is_cgi(void)
{
	return FCGX_IsCGI();
}

static void serve_one(struct app *app, http_handler handler, const struct http_io *io, void *ctx)
{
	struct request r;
	http_request_init(&r, app, io, ctx);
	handler(&r);
	http_request_reset(&r);
}

int http_serve(struct app *app, http_handler handler)
{
	signal(SIGPIPE, SIG_IGN);
	if (FCGX_IsCGI()) {
		serve_one(app, handler, &cgi_io, NULL);
		return 0;
	}
	if (FCGX_Init() != 0) {
		log_event(LL_ERROR, "http", "fcgi_init", "failed", NULL);
		return 1;
	}
	/* No SA_RESTART: a signal interrupts accept() so that the loop can end. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	FCGX_Request req;
	if (FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_event(LL_ERROR, "http", "fcgi_init", "failed", NULL);
		return 1;
	}
	log_event(LL_INFO, "http", "worker_start", "ok", "pid=%d", (int)getpid());
	while (!stopping) {
		if (FCGX_Accept_r(&req) < 0)
			break;
		serve_one(app, handler, &fcgi_io, &req);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 1);
	log_event(LL_INFO, "http", "worker_stop", "ok", "pid=%d", (int)getpid());
	return 0;
}
