/*
 * user.c - the users table on the table object: create (hashing the
 * password through lib/crypto before any transaction), find by name
 * (case-insensitive, the column is COLLATE NOCASE) or id, and
 * authenticate. The password hash is read and compared here and never
 * leaves this file. No business rules (who may register, what a valid
 * name is): that is the service's.
 */
#include "model/user.h"
#include "model/table.h"

#include "core/err.h"
#include "core/log.h"
#include "crypto/password.h"

#include <stdio.h>
#include <string.h>

enum { U_ID, U_USERNAME, U_PASSWORD_HASH, U_CREATED_MS, U_DISABLED, U__N };

static const struct col user_cols[U__N] = {
	[U_ID] = {"id", COL_INT},
	[U_USERNAME] = {"username", COL_TEXT},
	[U_PASSWORD_HASH] = {"password_hash", COL_TEXT},
	[U_CREATED_MS] = {"created_ms", COL_INT},
	[U_DISABLED] = {"disabled", COL_INT},
};

static const struct table users = {"users", user_cols, U__N};

/* The columns a struct user is made of, in mask order. */
#define USER_MASK (TCOL(U_ID) | TCOL(U_USERNAME) | TCOL(U_CREATED_MS) | TCOL(U_DISABLED))

#define USERNAME_MAX (sizeof(((struct user *)0)->username) - 1)

struct user_row {
	struct user *u;
	char hash[PASSWORD_HASH_MAX]; /* only when the hash is selected */
	int found;
};

/* Row callback for USER_MASK, optionally followed by password_hash. */
static int user_row_fn(void *arg, const struct val *v, int n)
{
	struct user_row *r = arg;
	struct user *u = r->u;

	memset(u, 0, sizeof *u);
	u->id = v[0].i;
	snprintf(u->username, sizeof u->username, "%.*s", (int)(v[1].len < USERNAME_MAX ? v[1].len : USERNAME_MAX),
		 v[1].s ? v[1].s : "");
	if (n == 5) { /* id, username, password_hash, created_ms, disabled */
		if (!v[2].is_null && v[2].len < sizeof r->hash) {
			memcpy(r->hash, v[2].s, v[2].len);
			r->hash[v[2].len] = '\0';
		}
		u->created_ms = v[3].i;
		u->disabled = v[4].i != 0;
	} else {
		u->created_ms = v[2].i;
		u->disabled = v[3].i != 0;
	}
	r->found = 1;
	return 1;
}

/* Selects the user where column col equals val; with_hash also reads the hash into r->hash. */
static int user_select(struct db *db, int col, struct val val, int with_hash, struct user_row *r)
{
	struct cond c = {.col = col, .op = OP_EQ, .v = val};
	uint32_t mask = USER_MASK | (with_hash ? TCOL(U_PASSWORD_HASH) : 0);
	int ret = table_select(db, &users, mask, &c, 1, NULL, user_row_fn, r, NULL);
	if (ret)
		return ret;
	return r->found ? 0 : -ERR_NOT_FOUND;
}

int user_create(struct db *db, const char *username, const char *password, size_t pwlen, int64_t now_ms,
		struct user *out)
{
	char hash[PASSWORD_HASH_MAX] = "";
	int64_t id = 0;
	int ret;

	if (!username || !*username || strlen(username) > USERNAME_MAX || !password) {
		log_event(LL_ERROR, "model", "user_create", "bad_argument", NULL);
		ret = -ERR_INTERNAL;
		goto out;
	}
	/* Slow on purpose (argon2id): done before, never inside, a write transaction. */
	ret = password_hash(password, pwlen, hash);
	if (ret)
		goto out;
	struct val vals[] = {VAL_TEXT(username), VAL_TEXT(hash), VAL_INT(now_ms), VAL_INT(0)};
	ret = table_insert(db, &users, TCOL(U_USERNAME) | TCOL(U_PASSWORD_HASH) | TCOL(U_CREATED_MS) | TCOL(U_DISABLED),
			   vals, &id);
	if (ret)
		goto out;
	if (out) {
		memset(out, 0, sizeof *out);
		out->id = id;
		snprintf(out->username, sizeof out->username, "%s", username);
		out->created_ms = now_ms;
		out->disabled = 0;
	}
out:
	explicit_bzero(hash, sizeof hash);
	return ret;
}

int user_find(struct db *db, const char *username, struct user *out)
{
	struct user tmp;
	struct user_row r = {.u = out ? out : &tmp};

	if (!username)
		return -ERR_NOT_FOUND;
	return user_select(db, U_USERNAME, VAL_TEXT(username), 0, &r);
}

int user_get(struct db *db, int64_t id, struct user *out)
{
	struct user tmp;
	struct user_row r = {.u = out ? out : &tmp};

	return user_select(db, U_ID, VAL_INT(id), 0, &r);
}

int user_authenticate(struct db *db, const char *username, const char *password, size_t pwlen, struct user *out)
{
	struct user found;
	struct user_row r = {.u = &found};
	int ret;

	if (!password)
		password = "";
	ret = username ? user_select(db, U_USERNAME, VAL_TEXT(username), 1, &r) : -ERR_NOT_FOUND;
	/*
	 * An unknown name answers at once: no dummy hash to even out the time,
	 * since the API tells anyway whether a name exists (a first login
	 * registers it, or answers registration_closed).
	 */
	if (ret)
		goto out;
	ret = password_verify(r.hash, password, pwlen);
	if (ret)
		goto out;
	if (out)
		*out = found;
out:
	explicit_bzero(r.hash, sizeof r.hash);
	return ret;
}
