/*
 * route.h - the route table and the dispatcher. The dispatcher answers
 * not_found, method_not_allowed (with Allow), payload_too_large,
 * unsupported_media_type and unauthorized before any handler runs, and
 * logs one line per request with its status.
 */
#ifndef CONTROLLER_ROUTE_H
#define CONTROLLER_ROUTE_H

struct request;

/* Serves one request: route, checks, handler, log line. */
void controller_dispatch(struct request *r);

#endif
