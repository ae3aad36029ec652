/*
 * auth.h - the rules of accounts and logins: registration by first login,
 * one device per user, the idle timeout, login throttling, logout.
 * Knows no HTTP and no SQL: it works through lib/model and lib/crypto.
 */
#ifndef SERVICE_AUTH_H
#define SERVICE_AUTH_H

#include <stddef.h>
#include <stdint.h>

struct app;

/* Who made an authenticated request. */
struct principal {
	int64_t user_id;
	char username[64];
	char jti[33];
};

struct login_result {
	char *token;        /* the signed JWT; the caller frees it with free() */
	int64_t expires_ms; /* when the token expires */
	char username[33];  /* as registered (the case of the first login) */
	int64_t user_id;
	int registered;  /* 1 when this login created the account */
	int retry_after; /* seconds, set with -ERR_LOGIN_THROTTLED */
};

/*
 * Logs username in with password from client address addr: registers an
 * unknown name while registration is open, ends the user's previous login,
 * records the new one (its start is where the new conversation begins) and
 * signs a token. Throttles per username (login_max_failures within
 * login_window) and per address (four times as many).
 * Returns 0 and fills out; -ERR_LOGIN_THROTTLED (out->retry_after set),
 * -ERR_INVALID_CREDENTIALS, -ERR_REGISTRATION_CLOSED, -ERR_UNAUTHORIZED
 * (disabled account), -ERR_BUSY, -ERR_INTERNAL.
 */
int auth_login(struct app *app, const char *username, const char *password, size_t pwlen, const char *addr,
	       struct login_result *out);

/*
 * Checks a token and records the activity: signature and claims, then the
 * login it names must be the user's live one and active within
 * idle_timeout. Returns 0 and fills who; -ERR_UNAUTHORIZED (bad token,
 * logged out, unknown), -ERR_LOGGED_IN_ELSEWHERE (replaced by a newer
 * login), -ERR_SESSION_EXPIRED (idle too long), -ERR_BUSY, -ERR_INTERNAL.
 */
int auth_check(struct app *app, const char *token, struct principal *who);

/* Ends the login of a checked principal. Returns 0 or -ERR_*. */
int auth_logout(struct app *app, const struct principal *who);

#endif
