/*
 * clock.c - time helpers. See clock.h.
 */
#include "core/clock.h"

#include <stdio.h>
#include <time.h>

int64_t clock_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

char *clock_iso(int64_t ms, char *buf)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, CLOCK_ISO_LEN, "1970-01-01T00:00:00Z");
		return buf;
	}
	/* strftime, not snprintf of the fields: gcc cannot bound int fields and fails -Werror=format-truncation. */
	if (strftime(buf, CLOCK_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, CLOCK_ISO_LEN, "1970-01-01T00:00:00Z");
	return buf;
}
