/*
 * db.c - the SQLite connection of one worker: opening with the pragmas,
 * migrating from the compiled-in sql/ files (migrations.h), the cache of
 * prepared statements shared by the whole model layer (db_priv.h), the
 * retrying transaction wrapper and the mapping of SQLite result codes to
 * enum err. Holds no table knowledge and no SQL built from data: the only
 * SQL here is fixed text (pragmas, BEGIN/COMMIT/ROLLBACK, SELECT 1) plus
 * the migration count formatted as an integer. Calls lib/core and
 * lib/crypto/random.h only.
 */
#include "model/db_priv.h"
#include "model/migrations.h"

#include "core/err.h"
#include "core/log.h"
#include "crypto/random.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DB_BUSY_TIMEOUT_MS 5000
#define DB_TXN_ATTEMPTS 8
#define DB_OPEN_ATTEMPTS 50

struct stmt_entry {
	char *sql;
	uint32_t hash;
	sqlite3_stmt *st;
};

struct db {
	sqlite3 *h;
	struct stmt_entry *cache;
	int ncache;
	int capcache;
	int txn_depth; /* > 0 while db_txn runs fn */
};

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";
static const char SQL_SAVEPOINT[] = "SAVEPOINT db_txn";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO db_txn";
static const char SQL_RELEASE[] = "RELEASE db_txn";

sqlite3 *db_handle(struct db *db)
{
	return db->h;
}

int db_migrations_count(void)
{
	return db_migration_count;
}

int db_stmt_cache_size(const struct db *db)
{
	return db ? db->ncache : 0;
}

/* Sleeps ms milliseconds (interrupted sleeps are resumed). */
static void sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* A random pause before retry number attempt (1-based): 1 .. 2^(attempt+1) ms, at most 100 ms. */
static void backoff(int attempt)
{
	uint32_t r;
	long span = 1L << (attempt + 1 < 7 ? attempt + 1 : 7);
	if (span > 100)
		span = 100;
	random_bytes(&r, sizeof r);
	sleep_ms(1 + (long)(r % (uint32_t)span));
}

/* FNV-1a of the SQL text: a cheap first filter before strcmp. */
static uint32_t sql_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

int db_err(struct db *db, int sqlite_rc)
{
	int ext = sqlite_rc;
	const char *msg;

	if (sqlite_rc == SQLITE_OK || sqlite_rc == SQLITE_ROW || sqlite_rc == SQLITE_DONE)
		return 0;
	if (db && db->h && (sqlite3_extended_errcode(db->h) & 0xff) == (sqlite_rc & 0xff)) {
		if (sqlite_rc == (sqlite_rc & 0xff))
			ext = sqlite3_extended_errcode(db->h);
		msg = sqlite3_errmsg(db->h);
	} else {
		msg = sqlite3_errstr(sqlite_rc);
	}
	switch (ext & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED: log_event(LL_WARN, "model", "sqlite", "busy", "rc=%d", ext); return -ERR_BUSY;
	case SQLITE_CONSTRAINT:
		if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
			return -ERR_CONFLICT;
		break;
	default: break;
	}
	log_event(LL_ERROR, "model", "sqlite", "error", "rc=%d msg=\"%s\"", ext, msg ? msg : "?");
	return -ERR_INTERNAL;
}

int db_prepare(struct db *db, const char *sql, sqlite3_stmt **out)
{
	uint32_t h = sql_hash(sql);
	sqlite3_stmt *st = NULL;
	char *copy = NULL;
	int rc, ret;

	*out = NULL;
	for (int i = 0; i < db->ncache; i++) {
		struct stmt_entry *e = &db->cache[i];
		if (e->hash != h || strcmp(e->sql, sql) != 0)
			continue;
		if (sqlite3_stmt_busy(e->st)) {
			log_event(LL_ERROR, "model", "stmt", "in_use", "sql=\"%.60s\"", sql);
			return -ERR_INTERNAL;
		}
		sqlite3_reset(e->st);
		sqlite3_clear_bindings(e->st);
		*out = e->st;
		return 0;
	}

	if (db->ncache == db->capcache) {
		int cap = db->capcache ? 2 * db->capcache : 32;
		struct stmt_entry *n = realloc(db->cache, (size_t)cap * sizeof *n);
		if (!n) {
			log_event(LL_ERROR, "model", "stmt", "out_of_memory", NULL);
			ret = -ERR_INTERNAL;
			goto out;
		}
		db->cache = n;
		db->capcache = cap;
	}
	copy = strdup(sql);
	if (!copy) {
		log_event(LL_ERROR, "model", "stmt", "out_of_memory", NULL);
		ret = -ERR_INTERNAL;
		goto out;
	}
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK || !st) {
		ret = rc == SQLITE_OK ? -ERR_INTERNAL : db_err(db, rc);
		log_event(LL_ERROR, "model", "prepare", "failed", "sql=\"%.60s\"", sql);
		goto out;
	}
	db->cache[db->ncache++] = (struct stmt_entry){.sql = copy, .hash = h, .st = st};
	*out = st;
	copy = NULL;
	st = NULL;
	ret = 0;
out:
	sqlite3_finalize(st);
	free(copy);
	return ret;
}

sqlite3_stmt *db_stmt(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	return db_prepare(db, sql, &st) == 0 ? st : NULL;
}

void db_stmt_done(sqlite3_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int db_step_done(struct db *db, sqlite3_stmt *st, int *changes)
{
	int rc = sqlite3_step(st);
	int ret = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? 0 : db_err(db, rc);
	if (ret == 0 && changes)
		*changes = sqlite3_changes(db->h);
	db_stmt_done(st);
	return ret;
}

int db_exec(struct db *db, const char *sql)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_err(db, rc);
}

/* Runs one of the fixed transaction statements through the cache. */
static int run_fixed(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	int ret = db_prepare(db, sql, &st);
	return ret ? ret : db_step_done(db, st, NULL);
}

/* Rolls back the open transaction, if SQLite has not already done so. */
static void rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h) && run_fixed(db, SQL_ROLLBACK) != 0)
		log_event(LL_ERROR, "model", "rollback", "failed", NULL);
}

int db_txn(struct db *db, int (*fn)(struct db *db, void *arg), void *arg)
{
	int ret = -ERR_BUSY;

	/*
	 * Already inside a transaction: fn joins it under a savepoint, so that
	 * its failure undoes only its own writes; the outermost db_txn retries.
	 */
	if (db->txn_depth > 0 || !sqlite3_get_autocommit(db->h)) {
		ret = run_fixed(db, SQL_SAVEPOINT);
		if (ret)
			return ret;
		db->txn_depth++;
		ret = fn(db, arg);
		db->txn_depth--;
		if (ret != 0 && !sqlite3_get_autocommit(db->h) && run_fixed(db, SQL_ROLLBACK_TO) != 0)
			log_event(LL_ERROR, "model", "rollback_to", "failed", NULL);
		if (!sqlite3_get_autocommit(db->h)) {
			int r = run_fixed(db, SQL_RELEASE);
			if (ret == 0)
				ret = r;
		}
		return ret;
	}
	for (int attempt = 0; attempt < DB_TXN_ATTEMPTS; attempt++) {
		if (attempt > 0)
			backoff(attempt);
		ret = run_fixed(db, SQL_BEGIN);
		if (ret == -ERR_BUSY)
			continue;
		if (ret != 0)
			return ret;
		db->txn_depth++;
		ret = fn(db, arg);
		db->txn_depth--;
		if (ret == 0)
			ret = run_fixed(db, SQL_COMMIT);
		if (ret == 0)
			return 0;
		rollback(db);
		if (ret != -ERR_BUSY)
			return ret;
	}
	log_event(LL_ERROR, "model", "txn", "busy", "attempts=%d", DB_TXN_ATTEMPTS);
	return -ERR_BUSY;
}

int db_schema_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (!db || db_prepare(db, "PRAGMA user_version", &st) != 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	db_stmt_done(st);
	return v;
}

int db_ping(struct db *db)
{
	sqlite3_stmt *st;
	int rc;

	if (!db || db_prepare(db, "SELECT 1", &st) != 0)
		return -ERR_UNAVAILABLE;
	rc = sqlite3_step(st);
	db_stmt_done(st);
	return rc == SQLITE_ROW ? 0 : -ERR_UNAVAILABLE;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i].st);
		free(db->cache[i].sql);
	}
	free(db->cache);
	if (db->h && sqlite3_close_v2(db->h) != SQLITE_OK)
		log_event(LL_ERROR, "model", "close", "failed", NULL);
	free(db);
}

/* ---- opening: pragmas and migrations ---- */

static void set_why(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_why(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static int is_busy(int rc)
{
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* PRAGMA journal_mode=WAL; returns an SQLite code (busy: the caller retries), with why on other failures. */
static int set_wal(struct db *db, char *why, size_t whylen)
{
	sqlite3_stmt *st = NULL;
	const char *mode;
	int rc = sqlite3_prepare_v2(db->h, "PRAGMA journal_mode=WAL", -1, &st, NULL);

	if (rc != SQLITE_OK)
		goto fail;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		goto fail;
	mode = (const char *)sqlite3_column_text(st, 0);
	if (!mode || sqlite3_stricmp(mode, "wal") != 0) {
		set_why(why, whylen, "journal_mode is %s, not wal", mode ? mode : "?");
		rc = SQLITE_ERROR;
		goto out;
	}
	rc = SQLITE_OK;
	goto out;
fail:
	if (!is_busy(rc))
		set_why(why, whylen, "journal_mode=WAL: %s", sqlite3_errmsg(db->h));
out:
	sqlite3_finalize(st);
	return rc;
}

/* Reads PRAGMA user_version without the cache (migrations run before any statement is kept). */
static int read_version(struct db *db, int *version)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*version = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_ERROR;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * One attempt at migrating inside BEGIN IMMEDIATE. Returns SQLITE_OK, a
 * busy code (the caller retries), or another code with why filled.
 */
static int migrate_once(struct db *db, char *why, size_t whylen)
{
	char *msg = NULL;
	int version = 0, rc;

	rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		if (!is_busy(rc))
			set_why(why, whylen, "BEGIN: %s", sqlite3_errmsg(db->h));
		return rc;
	}
	rc = read_version(db, &version);
	if (rc != SQLITE_OK) {
		set_why(why, whylen, "reading user_version: %s", sqlite3_errmsg(db->h));
		goto out;
	}
	if (version > db_migration_count) {
		set_why(why, whylen, "schema version %d is newer than this program's %d", version, db_migration_count);
		rc = SQLITE_ERROR;
		goto out;
	}
	if (version == db_migration_count)
		goto out; /* nothing to do: the COMMIT below ends the empty transaction */
	for (int i = version; i < db_migration_count; i++) {
		rc = sqlite3_exec(db->h, db_migration_sql[i], NULL, NULL, &msg);
		if (rc != SQLITE_OK) {
			set_why(why, whylen, "migration %d: %s", i + 1, msg ? msg : sqlite3_errstr(rc));
			goto out;
		}
	}
	{
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_migration_count);
		rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			set_why(why, whylen, "setting user_version: %s", sqlite3_errmsg(db->h));
			goto out;
		}
	}
out:
	if (rc == SQLITE_OK) {
		rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK && !is_busy(rc))
			set_why(why, whylen, "COMMIT: %s", sqlite3_errmsg(db->h));
	}
	if (rc != SQLITE_OK && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_free(msg);
	return rc;
}

/* Pragmas then migrations, retried while another worker holds the locks. 0 or -1 with why. */
static int setup(struct db *db, char *why, size_t whylen)
{
	int rc = SQLITE_BUSY;

	rc = sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		set_why(why, whylen, "%s", sqlite3_errmsg(db->h));
		return -1;
	}
	for (int attempt = 0; attempt < DB_OPEN_ATTEMPTS; attempt++) {
		if (attempt > 0)
			backoff(attempt);
		why[0] = '\0';
		rc = set_wal(db, why, whylen);
		if (is_busy(rc))
			continue;
		if (rc != SQLITE_OK)
			return -1;
		rc = sqlite3_exec(db->h, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
		if (is_busy(rc))
			continue;
		if (rc != SQLITE_OK) {
			set_why(why, whylen, "synchronous=NORMAL: %s", sqlite3_errmsg(db->h));
			return -1;
		}
		rc = migrate_once(db, why, whylen);
		if (is_busy(rc))
			continue;
		return rc == SQLITE_OK ? 0 : -1;
	}
	set_why(why, whylen, "database stayed locked");
	return -1;
}

int db_open(const char *path, struct db **out, char *err, size_t errlen)
{
	struct db *db = NULL;
	char why[256] = "";
	int rc, ret = -1;

	*out = NULL;
	db = calloc(1, sizeof *db);
	if (!db) {
		set_why(why, sizeof why, "out of memory");
		goto out;
	}
	rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		set_why(why, sizeof why, "%s", db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		goto out;
	}
	sqlite3_extended_result_codes(db->h, 1);
	if (setup(db, why, sizeof why) != 0)
		goto out;
	*out = db;
	db = NULL;
	ret = 0;
out:
	if (ret != 0) {
		set_why(err, errlen, "%s: %s", path, why[0] ? why : "cannot open");
		log_event(LL_ERROR, "model", "db_open", "failed", "why=\"%s\"", why[0] ? why : "cannot open");
	}
	db_close(db);
	return ret;
}
