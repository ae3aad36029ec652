/*
 * login_failure.c - the login_failures table on the table object: record a
 * failed login, find the time of the n-th most recent failure of a
 * username (case-insensitive) or a client address since a moment, forget
 * a username's failures, prune old rows. The throttling rule itself (how
 * many, how long) is the service's.
 */
#include "model/login_failure.h"
#include "model/table.h"

#include "core/err.h"
#include "core/log.h"

enum { F_ID, F_USERNAME, F_ADDR, F_AT_MS, F__N };

static const struct col failure_cols[F__N] = {
	[F_ID] = {"id", COL_INT},
	[F_USERNAME] = {"username", COL_TEXT},
	[F_ADDR] = {"addr", COL_TEXT},
	[F_AT_MS] = {"at_ms", COL_INT},
};

static const struct table failures = {"login_failures", failure_cols, F__N};

int login_failure_add(struct db *db, const char *username, const char *addr, int64_t now_ms)
{
	if (!username || !addr) {
		log_event(LL_ERROR, "model", "login_failure_add", "bad_argument", NULL);
		return -ERR_INTERNAL;
	}
	struct val vals[] = {VAL_TEXT(username), VAL_TEXT(addr), VAL_INT(now_ms)};
	return table_insert(db, &failures, TCOL(F_USERNAME) | TCOL(F_ADDR) | TCOL(F_AT_MS), vals, NULL);
}

/* Row callback: the one at_ms selected. */
static int at_fn(void *arg, const struct val *v, int n)
{
	(void)n;
	*(int64_t *)arg = v[0].i;
	return 1;
}

int login_failure_nth_recent(struct db *db, const char *username, const char *addr, int64_t since_ms, int n,
			     int64_t *at_ms)
{
	*at_ms = 0;
	if (n < 1 || (!username && !addr)) {
		log_event(LL_ERROR, "model", "login_failure_nth_recent", "bad_argument", "n=%d", n);
		return -ERR_INTERNAL;
	}
	struct cond c[] = {
		username ? (struct cond){.col = F_USERNAME, .op = OP_EQ, .v = VAL_TEXT(username)}
			 : (struct cond){.col = F_ADDR, .op = OP_EQ, .v = VAL_TEXT(addr)},
		{.col = F_AT_MS, .op = OP_GE, .v = VAL_INT(since_ms)},
	};
	struct select_opts o = {.order_col = F_AT_MS, .desc = 1, .limit = 1, .offset = n - 1};
	return table_select(db, &failures, TCOL(F_AT_MS), c, 2, &o, at_fn, at_ms, NULL);
}

int login_failure_clear(struct db *db, const char *username)
{
	if (!username)
		return 0;
	struct cond c = {.col = F_USERNAME, .op = OP_EQ, .v = VAL_TEXT(username)};
	return table_delete(db, &failures, &c, 1, NULL);
}

int login_failure_prune(struct db *db, int64_t before_ms)
{
	struct cond c = {.col = F_AT_MS, .op = OP_LT, .v = VAL_INT(before_ms)};
	return table_delete(db, &failures, &c, 1, NULL);
}
