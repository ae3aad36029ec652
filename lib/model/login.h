/*
 * login.h - the logins table: one row per login, the server's knowledge of
 * every token it issued (by jti). A login is live while ended_ms is NULL;
 * at most one live login per user (a partial unique index guards it).
 * The live login's created_ms is where the user's current conversation
 * starts: the chat context is derived from it.
 */
#ifndef MODEL_LOGIN_H
#define MODEL_LOGIN_H

#include <stdint.h>

struct db;

enum login_end { LOGIN_LIVE = 0, LOGIN_LOGOUT, LOGIN_REPLACED, LOGIN_EXPIRED };

struct login {
	int64_t id;
	char jti[33];
	int64_t user_id;
	int64_t created_ms;
	int64_t last_seen_ms;
	int64_t expires_ms;
	int64_t ended_ms; /* 0 while live */
	enum login_end end_reason;
};

/*
 * In one transaction (db_txn): ends the user's live login, if any, with
 * reason "replaced", and inserts a new live login. Returns 0 and fills out
 * (may be NULL), or -ERR_*.
 */
int login_start(struct db *db, int64_t user_id, const char *jti, int64_t now_ms, int64_t expires_ms, struct login *out);

/* Finds a login by jti. Returns 0, -ERR_NOT_FOUND, -ERR_BUSY, -ERR_INTERNAL. */
int login_find(struct db *db, const char *jti, struct login *out);

/*
 * The activity check in one statement: sets last_seen_ms = now_ms where
 * jti matches, the login is live and last_seen_ms >= now_ms - idle_ms.
 * *touched is 1 if a row was updated, 0 otherwise (then login_find tells
 * why). Returns 0 or -ERR_*.
 */
int login_touch(struct db *db, const char *jti, int64_t now_ms, int64_t idle_ms, int *touched);

/*
 * Ends the login with jti if it is still live. *ended (may be NULL) is 1 if
 * this call ended it. Returns 0 or -ERR_*.
 */
int login_end(struct db *db, const char *jti, enum login_end reason, int64_t now_ms, int *ended);

/* The user's live login. Returns 0, -ERR_NOT_FOUND, ... */
int login_current(struct db *db, int64_t user_id, struct login *out);

/* Text of a reason: "live", "logout", "replaced", "expired". */
const char *login_end_name(enum login_end r);

#endif
