/*
 * login_failure.h - failed logins, kept to throttle password guessing per
 * username (case-insensitive) and per client address.
 */
#ifndef MODEL_LOGIN_FAILURE_H
#define MODEL_LOGIN_FAILURE_H

#include <stdint.h>

struct db;

/* Records one failed login. Returns 0 or -ERR_*. */
int login_failure_add(struct db *db, const char *username, const char *addr, int64_t now_ms);

/*
 * The time of the n-th most recent failure (n >= 1) at or after since_ms,
 * for the username (when username is not NULL) or else for addr.
 * *at_ms is 0 when there are fewer than n such failures. Returns 0 or -ERR_*.
 */
int login_failure_nth_recent(struct db *db, const char *username, const char *addr, int64_t since_ms, int n,
			     int64_t *at_ms);

/* Forgets the failures of a username (after a successful login). Returns 0 or -ERR_*. */
int login_failure_clear(struct db *db, const char *username);

/* Deletes failures older than before_ms. Returns 0 or -ERR_*. */
int login_failure_prune(struct db *db, int64_t before_ms);

#endif
