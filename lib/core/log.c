/*
 * log.c - event lines on stderr. See log.h for the format.
 */
#include "core/log.h"

#include <stdarg.h>
#include <string.h>
#include <time.h>

static enum log_level log_min = LL_INFO;
static FILE *log_out;
static char log_rid_buf[32] = "-";
static struct timespec log_start;
static int log_started;

static const char *const level_names[] = {"DEBUG", "INFO", "WARN", "ERROR"};

void log_init(enum log_level min, FILE *out)
{
	log_min = min;
	log_out = out;
}

int log_level_parse(const char *s, enum log_level *out)
{
	static const char *const names[] = {"debug", "info", "warn", "error"};
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum log_level)i;
			return 0;
		}
	return -1;
}

void log_begin(const char *rid)
{
	snprintf(log_rid_buf, sizeof log_rid_buf, "%s", rid && *rid ? rid : "-");
	clock_gettime(CLOCK_MONOTONIC, &log_start);
	log_started = 1;
}

void log_end(void)
{
	strcpy(log_rid_buf, "-");
	log_started = 0;
}

const char *log_rid(void)
{
	return log_rid_buf;
}

void log_event(enum log_level lvl, const char *layer, const char *event, const char *outcome, const char *fmt, ...)
{
	if (lvl < log_min || lvl > LL_ERROR)
		return;
	char line[1024];
	struct timespec now, mono;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	int n = snprintf(
		line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s rid=%s layer=%s event=%s outcome=%s",
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, now.tv_nsec / 1000000L,
		level_names[lvl], log_rid_buf, layer ? layer : "-", event ? event : "-", outcome ? outcome : "-");
	if (log_started && n > 0 && (size_t)n < sizeof line) {
		clock_gettime(CLOCK_MONOTONIC, &mono);
		double ms = (double)(mono.tv_sec - log_start.tv_sec) * 1e3 +
			    (double)(mono.tv_nsec - log_start.tv_nsec) / 1e6;
		n += snprintf(line + n, sizeof line - (size_t)n, " dur_ms=%.3f", ms);
	}
	if (fmt && n > 0 && (size_t)n < sizeof line - 1) {
		line[n++] = ' ';
		va_list ap;
		va_start(ap, fmt);
		int m = vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
		va_end(ap);
		if (m > 0)
			n += m;
	}
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = (int)sizeof line - 1;
	for (int i = 0; i < n; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	FILE *out = log_out ? log_out : stderr;
	fprintf(out, "%.*s\n", n, line);
	fflush(out);
}
