/*
 * auth.c - accounts and logins (see auth.h). Decisions are logged with
 * layer=service; never the password or the token.
 */
#include "service/auth.h"
#include "core/app.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "crypto/token.h"
#include "model/login.h"
#include "model/login_failure.h"
#include "model/user.h"

#include <string.h>

/*
 * Activity is recorded at most once a second per login, so that heartbeats
 * need no write each; a tenth of the idle timeout when that is shorter, so
 * that a client active more often than the timeout never expires.
 */
#define TOUCH_GRANULARITY_MS 1000

static int64_t touch_granularity(int64_t idle_ms)
{
	return idle_ms / 10 < TOUCH_GRANULARITY_MS ? idle_ms / 10 : TOUCH_GRANULARITY_MS;
}

/* Seconds until the n-th most recent failure since the window start leaves the window; 0 when not throttled. */
static int throttled_for(struct app *app, const char *username, const char *addr, int n, int64_t now, int *err)
{
	int64_t window_ms = (int64_t)app->cfg.login_window * 1000, at = 0;
	*err = login_failure_nth_recent(app->db, username, addr, now - window_ms, n, &at);
	if (*err || at == 0)
		return 0;
	int64_t left = at + window_ms - now;
	int secs = (int)((left + 999) / 1000);
	return secs < 1 ? 1 : secs;
}

static int record_failure(struct app *app, const char *username, const char *addr, int64_t now)
{
	int rc = login_failure_add(app->db, username, addr, now);
	if (rc)
		log_event(LL_WARN, "service", "login_failure_record", err_code(rc), NULL);
	return rc;
}

int auth_login(struct app *app, const char *username, const char *password, size_t pwlen, const char *addr,
	       struct login_result *out)
{
	const struct config *cfg = &app->cfg;
	int64_t now = clock_now_ms();
	struct user u;
	int rc, secs;

	memset(out, 0, sizeof *out);
	secs = throttled_for(app, username, NULL, cfg->login_max_failures, now, &rc);
	if (!rc && !secs)
		secs = throttled_for(app, NULL, addr, cfg->login_max_failures * 4, now, &rc);
	if (rc)
		return rc;
	if (secs) {
		out->retry_after = secs;
		log_event(LL_WARN, "service", "login", "throttled", "user=%s addr=%s retry_after=%d", username, addr,
			  secs);
		return -ERR_LOGIN_THROTTLED;
	}

	rc = user_authenticate(app->db, username, password, pwlen, &u);
	if (rc == -ERR_NOT_FOUND) {
		if (!cfg->registration_open) {
			record_failure(app, username, addr, now);
			log_event(LL_INFO, "service", "login", "registration_closed", "user=%s addr=%s", username,
				  addr);
			return -ERR_REGISTRATION_CLOSED;
		}
		rc = user_create(app->db, username, password, pwlen, now, &u);
		if (rc == 0) {
			out->registered = 1;
			log_event(LL_INFO, "service", "register", "ok", "user=%s uid=%lld", u.username,
				  (long long)u.id);
		} else if (rc == -ERR_CONFLICT) {
			/* registered by a concurrent first login: check against that account */
			rc = user_authenticate(app->db, username, password, pwlen, &u);
		}
	}
	if (rc == -ERR_INVALID_CREDENTIALS) {
		record_failure(app, username, addr, now);
		log_event(LL_INFO, "service", "login", "invalid_credentials", "user=%s addr=%s", username, addr);
		return rc;
	}
	if (rc)
		return rc;
	if (u.disabled) {
		log_event(LL_INFO, "service", "login", "disabled", "uid=%lld", (long long)u.id);
		return -ERR_UNAUTHORIZED;
	}

	struct token_claims c;
	memset(&c, 0, sizeof c);
	snprintf(c.sub, sizeof c.sub, "%s", u.username);
	c.uid = u.id;
	token_new_jti(c.jti);
	c.iat = now / 1000;
	c.exp = c.iat + cfg->token_lifetime;
	rc = login_start(app->db, u.id, c.jti, now, c.exp * 1000, NULL);
	if (rc)
		return rc;
	rc = token_sign(app->key, &c, &out->token);
	if (rc)
		return rc;
	out->expires_ms = c.exp * 1000;
	snprintf(out->username, sizeof out->username, "%s", u.username);
	out->user_id = u.id;
	/* a success forgets the name's failures; old failures of everyone are pruned on the way */
	if (login_failure_clear(app->db, u.username) ||
	    login_failure_prune(app->db, now - (int64_t)cfg->login_window * 1000))
		log_event(LL_WARN, "service", "login_failure_prune", "failed", NULL);
	log_event(LL_INFO, "service", "login", "ok", "uid=%lld registered=%d", (long long)u.id, out->registered);
	return 0;
}

/* Maps an ended login to the error its token gets. */
static int ended_error(const struct login *l)
{
	switch (l->end_reason) {
	case LOGIN_REPLACED: return -ERR_LOGGED_IN_ELSEWHERE;
	case LOGIN_EXPIRED: return -ERR_SESSION_EXPIRED;
	default: return -ERR_UNAUTHORIZED;
	}
}

int auth_check(struct app *app, const char *token, struct principal *who)
{
	struct token_claims c;
	struct login l;
	int64_t now = clock_now_ms(), idle_ms = (int64_t)app->cfg.idle_timeout * 1000;
	int rc, touched;

	if (!token || token_verify(app->key, token, now / 1000, &c) != 0) {
		log_event(LL_INFO, "service", "auth", "bad_token", NULL);
		return -ERR_UNAUTHORIZED;
	}
	rc = login_find(app->db, c.jti, &l);
	if (rc == -ERR_NOT_FOUND || (rc == 0 && l.user_id != c.uid)) {
		log_event(LL_WARN, "service", "auth", "unknown_login", "uid=%lld", (long long)c.uid);
		return -ERR_UNAUTHORIZED;
	}
	if (rc)
		return rc;
	if (l.ended_ms) {
		log_event(LL_INFO, "service", "auth", login_end_name(l.end_reason), "uid=%lld", (long long)c.uid);
		return ended_error(&l);
	}
	if (l.last_seen_ms < now - idle_ms) {
		rc = login_end(app->db, c.jti, LOGIN_EXPIRED, now, NULL);
		if (rc)
			return rc;
		/* a concurrent request may have ended it otherwise: report what the row says */
		if (login_find(app->db, c.jti, &l) == 0 && l.end_reason != LOGIN_EXPIRED)
			return ended_error(&l);
		log_event(LL_INFO, "service", "auth", "expired", "uid=%lld", (long long)c.uid);
		return -ERR_SESSION_EXPIRED;
	}
	if (now - l.last_seen_ms >= touch_granularity(idle_ms)) {
		rc = login_touch(app->db, c.jti, now, idle_ms, &touched);
		if (rc)
			return rc;
		if (!touched) {
			/* ended between the read and the write */
			if (login_find(app->db, c.jti, &l) == 0 && l.ended_ms)
				return ended_error(&l);
			return -ERR_SESSION_EXPIRED;
		}
	}
	who->user_id = c.uid;
	snprintf(who->username, sizeof who->username, "%s", c.sub);
	memcpy(who->jti, c.jti, sizeof who->jti);
	return 0;
}

int auth_logout(struct app *app, const struct principal *who)
{
	int ended = 0;
	int rc = login_end(app->db, who->jti, LOGIN_LOGOUT, clock_now_ms(), &ended);
	if (rc)
		return rc;
	log_event(LL_INFO, "service", "logout", ended ? "ok" : "already_ended", "uid=%lld", (long long)who->user_id);
	return 0;
}
