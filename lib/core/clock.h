/*
 * clock.h - wall-clock time in milliseconds and its ISO 8601 form.
 * All times in the database are integer Unix milliseconds (UTC).
 */
#ifndef CORE_CLOCK_H
#define CORE_CLOCK_H

#include <stdint.h>

/* Milliseconds since the Unix epoch, UTC. */
int64_t clock_now_ms(void);

/* Monotonic microseconds, for durations only. */
int64_t clock_mono_us(void);

/*
 * Writes ms as "2026-11-24T10:00:00Z" (whole seconds, UTC) into buf of at
 * least CLOCK_ISO_LEN bytes; returns buf.
 */
#define CLOCK_ISO_LEN 32
char *clock_iso(int64_t ms, char *buf);

#endif
