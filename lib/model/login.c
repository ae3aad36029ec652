/*
 * login.c - the logins table on the table object: one row per issued token
 * (by jti), at most one live row per user (the partial unique index
 * logins_live). Starting a login replaces the live one in one transaction;
 * the activity check is one conditional UPDATE. Decides nothing about
 * timeouts or devices: the service passes now, the idle window and the
 * expiry in.
 */
#include "model/login.h"
#include "model/db.h"
#include "model/table.h"

#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

enum { L_ID, L_JTI, L_USER_ID, L_CREATED_MS, L_LAST_SEEN_MS, L_EXPIRES_MS, L_ENDED_MS, L_END_REASON, L__N };

static const struct col login_cols[L__N] = {
	[L_ID] = {"id", COL_INT},
	[L_JTI] = {"jti", COL_TEXT},
	[L_USER_ID] = {"user_id", COL_INT},
	[L_CREATED_MS] = {"created_ms", COL_INT},
	[L_LAST_SEEN_MS] = {"last_seen_ms", COL_INT},
	[L_EXPIRES_MS] = {"expires_ms", COL_INT},
	[L_ENDED_MS] = {"ended_ms", COL_INT},
	[L_END_REASON] = {"end_reason", COL_TEXT},
};

static const struct table logins = {"logins", login_cols, L__N};

#define LOGIN_ALL (TCOL(L__N) - 1)
#define JTI_MAX (sizeof(((struct login *)0)->jti) - 1)

static const char *const end_names[] = {
	[LOGIN_LIVE] = "live",
	[LOGIN_LOGOUT] = "logout",
	[LOGIN_REPLACED] = "replaced",
	[LOGIN_EXPIRED] = "expired",
};

const char *login_end_name(enum login_end r)
{
	if ((unsigned)r > LOGIN_EXPIRED)
		return "live";
	return end_names[r];
}

/* The reason stored as text (NULL: live). */
static enum login_end end_parse(const struct val *v)
{
	if (v->is_null)
		return LOGIN_LIVE;
	for (int r = LOGIN_LOGOUT; r <= LOGIN_EXPIRED; r++)
		if (strlen(end_names[r]) == v->len && memcmp(end_names[r], v->s, v->len) == 0)
			return (enum login_end)r;
	return LOGIN_LIVE;
}

/* A jti the table can hold: 1 to 32 characters. */
static int jti_ok(const char *jti)
{
	return jti && *jti && strlen(jti) <= JTI_MAX;
}

struct login_row {
	struct login *l;
	int found;
};

/* Row callback for LOGIN_ALL. */
static int login_row_fn(void *arg, const struct val *v, int n)
{
	struct login_row *r = arg;
	struct login *l = r->l;

	(void)n;
	memset(l, 0, sizeof *l);
	l->id = v[L_ID].i;
	snprintf(l->jti, sizeof l->jti, "%.*s", (int)(v[L_JTI].len < JTI_MAX ? v[L_JTI].len : JTI_MAX),
		 v[L_JTI].s ? v[L_JTI].s : "");
	l->user_id = v[L_USER_ID].i;
	l->created_ms = v[L_CREATED_MS].i;
	l->last_seen_ms = v[L_LAST_SEEN_MS].i;
	l->expires_ms = v[L_EXPIRES_MS].i;
	l->ended_ms = v[L_ENDED_MS].is_null ? 0 : v[L_ENDED_MS].i;
	l->end_reason = end_parse(&v[L_END_REASON]);
	r->found = 1;
	return 1;
}

/* Selects the one login matching conds. Returns 0, -ERR_NOT_FOUND, -ERR_*. */
static int login_select(struct db *db, const struct cond *conds, int nconds, struct login *out)
{
	struct login tmp;
	struct login_row r = {.l = out ? out : &tmp};
	int ret = table_select(db, &logins, LOGIN_ALL, conds, nconds, NULL, login_row_fn, &r, NULL);
	if (ret)
		return ret;
	return r.found ? 0 : -ERR_NOT_FOUND;
}

struct start_args {
	int64_t user_id;
	const char *jti;
	int64_t now_ms;
	int64_t expires_ms;
	int64_t id;
};

/* Inside db_txn: end the live login (replaced), insert the new one. */
static int start_txn(struct db *db, void *arg)
{
	struct start_args *a = arg;
	struct val set[] = {VAL_INT(a->now_ms), VAL_TEXT(end_names[LOGIN_REPLACED])};
	struct cond live[] = {
		{.col = L_USER_ID, .op = OP_EQ, .v = VAL_INT(a->user_id)},
		{.col = L_ENDED_MS, .op = OP_IS_NULL},
	};
	struct val ins[] = {VAL_TEXT(a->jti), VAL_INT(a->user_id), VAL_INT(a->now_ms), VAL_INT(a->now_ms),
			    VAL_INT(a->expires_ms)};
	int ret;

	ret = table_update(db, &logins, TCOL(L_ENDED_MS) | TCOL(L_END_REASON), set, live, 2, NULL);
	if (ret)
		return ret;
	return table_insert(db, &logins,
			    TCOL(L_JTI) | TCOL(L_USER_ID) | TCOL(L_CREATED_MS) | TCOL(L_LAST_SEEN_MS) |
				    TCOL(L_EXPIRES_MS),
			    ins, &a->id);
}

int login_start(struct db *db, int64_t user_id, const char *jti, int64_t now_ms, int64_t expires_ms, struct login *out)
{
	struct start_args a = {.user_id = user_id, .jti = jti, .now_ms = now_ms, .expires_ms = expires_ms};
	int ret;

	if (!jti_ok(jti)) {
		log_event(LL_ERROR, "model", "login_start", "bad_jti", NULL);
		return -ERR_INTERNAL;
	}
	ret = db_txn(db, start_txn, &a);
	if (ret)
		return ret;
	if (out) {
		memset(out, 0, sizeof *out);
		out->id = a.id;
		snprintf(out->jti, sizeof out->jti, "%s", jti);
		out->user_id = user_id;
		out->created_ms = now_ms;
		out->last_seen_ms = now_ms;
		out->expires_ms = expires_ms;
		out->ended_ms = 0;
		out->end_reason = LOGIN_LIVE;
	}
	return 0;
}

int login_find(struct db *db, const char *jti, struct login *out)
{
	if (!jti_ok(jti))
		return -ERR_NOT_FOUND;
	struct cond c = {.col = L_JTI, .op = OP_EQ, .v = VAL_TEXT(jti)};
	return login_select(db, &c, 1, out);
}

int login_touch(struct db *db, const char *jti, int64_t now_ms, int64_t idle_ms, int *touched)
{
	int changes = 0, ret;

	if (touched)
		*touched = 0;
	if (!jti_ok(jti))
		return 0;
	struct val set[] = {VAL_INT(now_ms)};
	struct cond c[] = {
		{.col = L_JTI, .op = OP_EQ, .v = VAL_TEXT(jti)},
		{.col = L_ENDED_MS, .op = OP_IS_NULL},
		{.col = L_LAST_SEEN_MS, .op = OP_GE, .v = VAL_INT(now_ms - idle_ms)},
	};
	ret = table_update(db, &logins, TCOL(L_LAST_SEEN_MS), set, c, 3, &changes);
	if (ret)
		return ret;
	if (touched)
		*touched = changes > 0;
	return 0;
}

int login_end(struct db *db, const char *jti, enum login_end reason, int64_t now_ms, int *ended)
{
	int changes = 0, ret;

	if (ended)
		*ended = 0;
	if (reason < LOGIN_LOGOUT || reason > LOGIN_EXPIRED) {
		log_event(LL_ERROR, "model", "login_end", "bad_reason", "reason=%d", (int)reason);
		return -ERR_INTERNAL;
	}
	if (!jti_ok(jti))
		return 0;
	struct val set[] = {VAL_INT(now_ms), VAL_TEXT(end_names[reason])};
	struct cond c[] = {
		{.col = L_JTI, .op = OP_EQ, .v = VAL_TEXT(jti)},
		{.col = L_ENDED_MS, .op = OP_IS_NULL},
	};
	ret = table_update(db, &logins, TCOL(L_ENDED_MS) | TCOL(L_END_REASON), set, c, 2, &changes);
	if (ret)
		return ret;
	if (ended)
		*ended = changes > 0;
	return 0;
}

int login_current(struct db *db, int64_t user_id, struct login *out)
{
	struct cond c[] = {
		{.col = L_USER_ID, .op = OP_EQ, .v = VAL_INT(user_id)},
		{.col = L_ENDED_MS, .op = OP_IS_NULL},
	};
	return login_select(db, c, 2, out);
}
