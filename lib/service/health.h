/*
 * health.h - whether this worker can serve: its database answers.
 */
#ifndef SERVICE_HEALTH_H
#define SERVICE_HEALTH_H

struct app;

/* Returns 0 when the database answers, -ERR_UNAVAILABLE otherwise. */
int health_check(struct app *app);

#endif
