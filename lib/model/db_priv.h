/*
 * db_priv.h - the inside of the model layer: the raw SQLite handle and the
 * statement cache, for the files of lib/model (and the model's unit tests)
 * only. No other layer includes this header: it pulls in sqlite3.h.
 *
 * Discipline for every statement taken from the cache: it is handed out
 * reset and unbound, and the taker resets it and clears its bindings
 * before returning, on every path (db_step_done and db_stmt_done do it).
 * A statement must not be taken again while it is being stepped (for
 * example by running the same select from inside its own row callback):
 * db_stmt refuses that.
 */
#ifndef MODEL_DB_PRIV_H
#define MODEL_DB_PRIV_H

#include <sqlite3.h>

#include "model/db.h"

/* The connection. Owned by db; never closed by the caller. */
sqlite3 *db_handle(struct db *db);

/*
 * The prepared statement for exactly this SQL text, prepared with
 * SQLITE_PREPARE_PERSISTENT on first use and kept until db_close. Returns
 * 0 and *out (reset, no bindings; owned by db, never finalised by the
 * caller), or -ERR_* after logging: -ERR_BUSY when the schema was locked,
 * -ERR_INTERNAL for bad SQL, no memory, or a statement already in use.
 */
int db_prepare(struct db *db, const char *sql, sqlite3_stmt **out);

/* Same as db_prepare; returns the statement or NULL (already logged). */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);

/* Resets st and clears its bindings. Accepts NULL. */
void db_stmt_done(sqlite3_stmt *st);

/*
 * Steps st once for a statement that returns no rows (a row is ignored),
 * then resets it and clears its bindings. *changes (may be NULL) gets
 * sqlite3_changes. Returns 0 or db_err's mapping of the failure.
 */
int db_step_done(struct db *db, sqlite3_stmt *st, int *changes);

/*
 * Runs sql (one or more statements, no parameters, never built from data)
 * with sqlite3_exec. For migrations and tests. Returns 0 or -ERR_*.
 */
int db_exec(struct db *db, const char *sql);

/* The number of statements in the cache (for tests). */
int db_stmt_cache_size(const struct db *db);

#endif
