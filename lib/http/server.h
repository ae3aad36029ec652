/*
 * server.h - the accept loop: FastCGI when started by a web server (or
 * spawn-fcgi), one plain CGI request otherwise (environment and stdin).
 */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

struct app;
struct request;

typedef void (*http_handler)(struct request *r);

/*
 * Serves requests until SIGTERM, SIGINT or SIGHUP (the current request is
 * finished first) or the web server closes the listening socket. Under
 * plain CGI it serves exactly one request. Returns 0, or 1 when the
 * FastCGI library could not start.
 */
int http_serve(struct app *app, http_handler handler);

/* 1 when the process was started as a plain CGI (no FastCGI socket on fd 0). */
int http_is_cgi(void);

#endif
