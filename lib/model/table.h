/*
 * table.h - the table object: a table described once, and generic
 * insert / select of chosen columns / update / delete on it.
 *
 * The SQL text is generated from the static description (table and column
 * names only, never from data); every value is bound with sqlite3_bind_*.
 * Each distinct statement is prepared once per connection and kept in the
 * db's statement cache (reset and cleared after each use).
 *
 * Columns are chosen with a bit mask: bit i stands for t->cols[i]
 * (TCOL(i)). A table has at most 32 columns; cols[0] is the primary key.
 */
#ifndef MODEL_TABLE_H
#define MODEL_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h> /* strlen, for VAL_TEXT */

struct db;

enum col_type { COL_INT, COL_TEXT };

struct col {
	const char *name;
	enum col_type type;
};

struct table {
	const char *name;
	const struct col *cols;
	int ncols;
};

#define TCOL(i) (1u << (i))

/*
 * A value to bind or one read back. Text read back is valid only inside the
 * callback; it may hold NUL bytes before len, and s[len] is always '\0'
 * (SQLite's guarantee), so text without inner NULs can be used as a C string.
 * A bound text value is read during the call only (never kept).
 */
struct val {
	int is_null;
	int64_t i;     /* COL_INT */
	const char *s; /* COL_TEXT, not necessarily NUL-terminated when read back */
	size_t len;    /* length of s in bytes */
};

#define VAL_INT(x) ((struct val){.i = (x)})
#define VAL_TEXT(x) ((struct val){.s = (x), .len = strlen(x)})
#define VAL_NULL ((struct val){.is_null = 1})

enum cond_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IS_NULL, OP_NOT_NULL };

/* One "col op ?" term; terms are joined with AND. v is ignored for IS (NOT) NULL. */
struct cond {
	int col; /* index into t->cols */
	enum cond_op op;
	struct val v;
};

/* Options of a select. order_col < 0: no ORDER BY. limit 0: no limit. */
struct select_opts {
	int order_col;
	int desc;
	int64_t limit;
	int64_t offset;
};

/*
 * Called per row with the chosen columns' values in column order (vals[k]
 * is the k-th set bit). Return 0 to go on, > 0 to stop (table_select then
 * returns 0), or a negative -ERR_* to stop and have table_select return it.
 * fn may call other table functions, but not run the very same select
 * again (its statement is in use: -ERR_INTERNAL).
 */
typedef int (*row_fn)(void *arg, const struct val *vals, int nvals);

/*
 * INSERT INTO t (chosen cols) VALUES (?...). vals[k] is the value of the
 * k-th set bit of mask. *rowid (may be NULL) gets the new rowid.
 * Returns 0, -ERR_CONFLICT on a unique key, -ERR_BUSY, -ERR_INTERNAL.
 */
int table_insert(struct db *db, const struct table *t, uint32_t mask, const struct val *vals, int64_t *rowid);

/*
 * SELECT chosen cols FROM t WHERE conds [ORDER BY] [LIMIT/OFFSET]; calls fn
 * for each row. opts may be NULL. *nrows (may be NULL) gets the number of
 * rows passed to fn. Returns 0, -ERR_BUSY, -ERR_INTERNAL, or fn's negative
 * return.
 */
int table_select(struct db *db, const struct table *t, uint32_t mask, const struct cond *conds, int nconds,
		 const struct select_opts *opts, row_fn fn, void *arg, int *nrows);

/* SELECT count(*) FROM t WHERE conds. */
int table_count(struct db *db, const struct table *t, const struct cond *conds, int nconds, int64_t *count);

/*
 * UPDATE t SET chosen cols = vals WHERE conds. *changes (may be NULL) gets
 * sqlite3_changes. Returns 0, -ERR_CONFLICT, -ERR_BUSY, -ERR_INTERNAL.
 */
int table_update(struct db *db, const struct table *t, uint32_t mask, const struct val *vals, const struct cond *conds,
		 int nconds, int *changes);

/* DELETE FROM t WHERE conds. *changes as above. */
int table_delete(struct db *db, const struct table *t, const struct cond *conds, int nconds, int *changes);

#endif
