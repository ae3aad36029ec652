/*
 * db.h - the SQLite connection of one worker.
 *
 * Opened once per worker after it starts: journal_mode=WAL,
 * synchronous=NORMAL, busy_timeout=5000, foreign_keys=ON; migrations from
 * sql/ (compiled into the binary) applied in order inside BEGIN IMMEDIATE
 * and recorded with PRAGMA user_version. Keeps the prepared statements of
 * the whole model layer (see table.h) until db_close.
 * Only lib/model includes sqlite3.h.
 */
#ifndef MODEL_DB_H
#define MODEL_DB_H

#include <stddef.h>

struct db;

/*
 * Opens (creating if needed) the database at path, sets the pragmas and
 * migrates it. Returns 0 and *out, or -1 with "path: why" in err.
 * Free with db_close.
 */
int db_open(const char *path, struct db **out, char *err, size_t errlen);

/* Finalises every kept statement and closes the connection. Accepts NULL. */
void db_close(struct db *db);

/* The schema version (PRAGMA user_version) after migration; -1 on error. */
int db_schema_version(struct db *db);

/* The number of migrations compiled in (the version db_open migrates to). */
int db_migrations_count(void);

/* A cheap liveness check (SELECT 1). Returns 0 or -ERR_UNAVAILABLE. */
int db_ping(struct db *db);

/*
 * Runs fn(db, arg) inside BEGIN IMMEDIATE ... COMMIT. When any step
 * (BEGIN, fn, COMMIT) fails with SQLITE_BUSY or SQLITE_BUSY_SNAPSHOT
 * (fn reports it as -ERR_BUSY), rolls back and runs the whole transaction
 * again, at most 8 times with a short randomised backoff. Any other error
 * from fn rolls back and is returned as is. Returns 0 or -ERR_*.
 * Called while a transaction is already open (fn calls a model function
 * that uses db_txn itself, such as login_start), it runs fn inside the open
 * transaction under a SAVEPOINT (undone if fn fails) and returns fn's
 * result without retrying: a -ERR_BUSY reaches the outermost db_txn, which
 * retries the whole. fn may therefore run more than once: it must not have
 * effects outside the database, or must repeat them safely.
 */
int db_txn(struct db *db, int (*fn)(struct db *db, void *arg), void *arg);

/*
 * Maps an SQLite result code to the project's errors: SQLITE_OK/ROW/DONE
 * -> 0, BUSY/LOCKED (any extended form) -> -ERR_BUSY, CONSTRAINT_UNIQUE
 * and CONSTRAINT_PRIMARYKEY -> -ERR_CONFLICT, anything else -> -ERR_INTERNAL
 * (logged with the SQLite message, layer=model).
 */
int db_err(struct db *db, int sqlite_rc);

#endif
