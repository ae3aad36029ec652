/*
 * log.h - one line per event on stderr (the web server's error log).
 *
 * Line format, key=value after a fixed prefix:
 *   2026-11-24T10:00:00.123Z INFO rid=1a2b3c-42 layer=controller event=request outcome=ok dur_ms=1.234 status=200
 * The request id and the request's start time are the one piece of
 * per-request state kept outside struct request: every layer logs, and
 * passing the request down into model or crypto would break the layering.
 * The http layer sets it at accept (log_begin) and clears it (log_end).
 * Never pass passwords, tokens, keys or message text to these functions.
 */
#ifndef CORE_LOG_H
#define CORE_LOG_H

#include <stdio.h>

enum log_level { LL_DEBUG, LL_INFO, LL_WARN, LL_ERROR };

/* Minimum level written; lines go to out (stderr when NULL). */
void log_init(enum log_level min, FILE *out);

/* Parses "debug" / "info" / "warn" / "error"; returns 0 or -1. */
int log_level_parse(const char *s, enum log_level *out);

/* Sets the request id (copied, at most 31 chars) and starts the clock. */
void log_begin(const char *rid);
/* Clears the request id ("-" is logged outside a request). */
void log_end(void);
/* The current request id, "-" outside a request. Static storage. */
const char *log_rid(void);

/*
 * Writes one line: level, rid, layer, event, outcome, dur_ms since
 * log_begin, then the optional printf-formatted extra (key=value pairs).
 * Newlines in the extra are replaced so that an event stays one line.
 */
void log_event(enum log_level lvl, const char *layer, const char *event, const char *outcome, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
