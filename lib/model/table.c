/*
 * table.c - the table object (table.h): generic insert, select of chosen
 * columns, count, update and delete on a statically described table. The
 * SQL text is assembled only from the description (table and column names,
 * quoted) and the shape of the call (which columns, which operators,
 * whether there is an ORDER BY / LIMIT / OFFSET); every value is bound.
 * Statements come from the db's cache (db_priv.h), so each distinct text is
 * prepared once per connection, and are reset with their bindings cleared
 * before each function returns. Knows no table in particular.
 */
#include "model/table.h"
#include "model/db_priv.h"

#include "core/err.h"
#include "core/log.h"

#include <stdint.h>
#include <string.h>

#define TABLE_SQL_MAX 2048
#define TABLE_MAX_COLS 32

struct sqlbuf {
	char s[TABLE_SQL_MAX];
	size_t n;
	int overflow;
};

static void sb_add(struct sqlbuf *b, const char *s)
{
	size_t len = strlen(s);
	if (b->overflow || b->n + len >= sizeof b->s) {
		b->overflow = 1;
		return;
	}
	memcpy(b->s + b->n, s, len + 1);
	b->n += len;
}

/* Appends a quoted identifier; names come from static descriptions and never hold a quote. */
static void sb_ident(struct sqlbuf *b, const char *name)
{
	if (strchr(name, '"')) {
		b->overflow = 1;
		return;
	}
	sb_add(b, "\"");
	sb_add(b, name);
	sb_add(b, "\"");
}

/* The number of columns in mask, or -1 when it names a column t does not have. */
static int mask_count(const struct table *t, uint32_t mask)
{
	int n = 0;
	if (t->ncols < 1 || t->ncols > TABLE_MAX_COLS)
		return -1;
	if (t->ncols < TABLE_MAX_COLS && (mask >> t->ncols) != 0)
		return -1;
	for (int i = 0; i < t->ncols; i++)
		if (mask & TCOL(i))
			n++;
	return n;
}

/* Appends the chosen column names separated by sep (each followed by suffix). */
static void sb_cols(struct sqlbuf *b, const struct table *t, uint32_t mask, const char *suffix)
{
	int first = 1;
	for (int i = 0; i < t->ncols; i++) {
		if (!(mask & TCOL(i)))
			continue;
		if (!first)
			sb_add(b, ",");
		sb_ident(b, t->cols[i].name);
		sb_add(b, suffix);
		first = 0;
	}
}

/* Appends " WHERE ..." for conds (nothing when nconds is 0). Returns 0 or -1 for a bad term. */
static int sb_where(struct sqlbuf *b, const struct table *t, const struct cond *conds, int nconds)
{
	static const char *const ops[] = {
		[OP_EQ] = " = ?", [OP_NE] = " <> ?", [OP_LT] = " < ?",          [OP_LE] = " <= ?",
		[OP_GT] = " > ?", [OP_GE] = " >= ?", [OP_IS_NULL] = " IS NULL", [OP_NOT_NULL] = " IS NOT NULL",
	};
	if (nconds < 0 || (nconds > 0 && !conds))
		return -1;
	for (int i = 0; i < nconds; i++) {
		const struct cond *c = &conds[i];
		if (c->col < 0 || c->col >= t->ncols || (unsigned)c->op > OP_NOT_NULL)
			return -1;
		sb_add(b, i == 0 ? " WHERE " : " AND ");
		sb_ident(b, t->cols[c->col].name);
		sb_add(b, ops[c->op]);
	}
	return 0;
}

/* Binds v at idx as a value of a column of type type. Returns an SQLite code. */
static int bind_val(sqlite3_stmt *st, int idx, enum col_type type, const struct val *v)
{
	if (v->is_null)
		return sqlite3_bind_null(st, idx);
	if (type == COL_INT)
		return sqlite3_bind_int64(st, idx, v->i);
	/* The value outlives the step: the statement is reset and cleared before we return. */
	return sqlite3_bind_text64(st, idx, v->s ? v->s : "", v->s ? v->len : 0, SQLITE_STATIC, SQLITE_UTF8);
}

/* Binds the chosen columns' values from *idx on; advances *idx. */
static int bind_vals(sqlite3_stmt *st, int *idx, const struct table *t, uint32_t mask, const struct val *vals)
{
	int k = 0, rc = SQLITE_OK;
	for (int i = 0; i < t->ncols && rc == SQLITE_OK; i++)
		if (mask & TCOL(i))
			rc = bind_val(st, (*idx)++, t->cols[i].type, &vals[k++]);
	return rc;
}

/* Binds the values of the "?" terms of conds from *idx on; advances *idx. */
static int bind_conds(sqlite3_stmt *st, int *idx, const struct table *t, const struct cond *conds, int nconds)
{
	int rc = SQLITE_OK;
	for (int i = 0; i < nconds && rc == SQLITE_OK; i++) {
		if (conds[i].op == OP_IS_NULL || conds[i].op == OP_NOT_NULL)
			continue;
		rc = bind_val(st, (*idx)++, t->cols[conds[i].col].type, &conds[i].v);
	}
	return rc;
}

/* Logs a malformed call (a programming error) and returns -ERR_INTERNAL. */
static int bad_call(const struct table *t, const char *what)
{
	log_event(LL_ERROR, "model", "table", what, "table=%s", t && t->name ? t->name : "?");
	return -ERR_INTERNAL;
}

/* The statement for the built text, or an error when the text overflowed. */
static int get_stmt(struct db *db, const struct table *t, const struct sqlbuf *b, sqlite3_stmt **st)
{
	*st = NULL;
	if (b->overflow)
		return bad_call(t, "sql_too_long");
	return db_prepare(db, b->s, st);
}

int table_insert(struct db *db, const struct table *t, uint32_t mask, const struct val *vals, int64_t *rowid)
{
	struct sqlbuf b = {.n = 0};
	sqlite3_stmt *st = NULL;
	int idx = 1, rc, ret;
	int n = mask_count(t, mask);

	if (n < 0 || (n > 0 && !vals))
		return bad_call(t, "bad_columns");
	sb_add(&b, "INSERT INTO ");
	sb_ident(&b, t->name);
	if (n == 0) {
		sb_add(&b, " DEFAULT VALUES");
	} else {
		sb_add(&b, " (");
		sb_cols(&b, t, mask, "");
		sb_add(&b, ") VALUES (");
		for (int i = 0; i < n; i++)
			sb_add(&b, i ? ",?" : "?");
		sb_add(&b, ")");
	}
	ret = get_stmt(db, t, &b, &st);
	if (ret)
		goto out;
	rc = bind_vals(st, &idx, t, mask, vals);
	if (rc != SQLITE_OK) {
		ret = db_err(db, rc);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		ret = db_err(db, rc);
		goto out;
	}
	if (rowid)
		*rowid = sqlite3_last_insert_rowid(db_handle(db));
	ret = 0;
out:
	db_stmt_done(st);
	return ret;
}

/* Fills vals from the current row of st (columns 0.. in mask order). Returns 0 or -ERR_INTERNAL. */
static int read_row(struct db *db, sqlite3_stmt *st, const struct table *t, uint32_t mask, struct val *vals)
{
	int k = 0;
	for (int i = 0; i < t->ncols; i++) {
		if (!(mask & TCOL(i)))
			continue;
		struct val *v = &vals[k];
		*v = (struct val){.is_null = 0};
		if (sqlite3_column_type(st, k) == SQLITE_NULL) {
			v->is_null = 1;
		} else if (t->cols[i].type == COL_INT) {
			v->i = sqlite3_column_int64(st, k);
		} else {
			const unsigned char *p = sqlite3_column_text(st, k);
			if (!p) {
				if (sqlite3_errcode(db_handle(db)) == SQLITE_NOMEM)
					return bad_call(t, "out_of_memory");
				p = (const unsigned char *)"";
			}
			v->s = (const char *)p;
			v->len = (size_t)sqlite3_column_bytes(st, k);
		}
		k++;
	}
	return 0;
}

int table_select(struct db *db, const struct table *t, uint32_t mask, const struct cond *conds, int nconds,
		 const struct select_opts *opts, row_fn fn, void *arg, int *nrows)
{
	struct sqlbuf b = {.n = 0};
	struct val vals[TABLE_MAX_COLS];
	sqlite3_stmt *st = NULL;
	int idx = 1, rc, ret, rows = 0;
	int n = mask_count(t, mask);

	if (nrows)
		*nrows = 0;
	if (n <= 0 || !fn)
		return bad_call(t, "bad_columns");
	if (opts && (opts->order_col >= t->ncols || opts->limit < 0 || opts->offset < 0))
		return bad_call(t, "bad_options");
	sb_add(&b, "SELECT ");
	sb_cols(&b, t, mask, "");
	sb_add(&b, " FROM ");
	sb_ident(&b, t->name);
	if (sb_where(&b, t, conds, nconds) != 0)
		return bad_call(t, "bad_condition");
	if (opts && opts->order_col >= 0) {
		sb_add(&b, " ORDER BY ");
		sb_ident(&b, t->cols[opts->order_col].name);
		sb_add(&b, opts->desc ? " DESC" : " ASC");
	}
	if (opts && opts->limit > 0)
		sb_add(&b, " LIMIT ?");
	else if (opts && opts->offset > 0)
		sb_add(&b, " LIMIT -1");
	if (opts && opts->offset > 0)
		sb_add(&b, " OFFSET ?");

	ret = get_stmt(db, t, &b, &st);
	if (ret)
		goto out;
	rc = bind_conds(st, &idx, t, conds, nconds);
	if (rc == SQLITE_OK && opts && opts->limit > 0)
		rc = sqlite3_bind_int64(st, idx++, opts->limit);
	if (rc == SQLITE_OK && opts && opts->offset > 0)
		rc = sqlite3_bind_int64(st, idx++, opts->offset);
	if (rc != SQLITE_OK) {
		ret = db_err(db, rc);
		goto out;
	}
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			ret = db_err(db, rc);
			goto out;
		}
		ret = read_row(db, st, t, mask, vals);
		if (ret)
			goto out;
		rows++;
		int r = fn(arg, vals, n);
		if (r < 0) {
			ret = r;
			goto out;
		}
		if (r > 0)
			break;
	}
	ret = 0;
out:
	if (nrows)
		*nrows = rows;
	db_stmt_done(st);
	return ret;
}

int table_count(struct db *db, const struct table *t, const struct cond *conds, int nconds, int64_t *count)
{
	struct sqlbuf b = {.n = 0};
	sqlite3_stmt *st = NULL;
	int idx = 1, rc, ret;

	*count = 0;
	if (mask_count(t, 0) < 0)
		return bad_call(t, "bad_table");
	sb_add(&b, "SELECT count(*) FROM ");
	sb_ident(&b, t->name);
	if (sb_where(&b, t, conds, nconds) != 0)
		return bad_call(t, "bad_condition");
	ret = get_stmt(db, t, &b, &st);
	if (ret)
		goto out;
	rc = bind_conds(st, &idx, t, conds, nconds);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		ret = db_err(db, rc);
		if (ret == 0)
			ret = bad_call(t, "no_count");
		goto out;
	}
	*count = sqlite3_column_int64(st, 0);
	ret = 0;
out:
	db_stmt_done(st);
	return ret;
}

int table_update(struct db *db, const struct table *t, uint32_t mask, const struct val *vals, const struct cond *conds,
		 int nconds, int *changes)
{
	struct sqlbuf b = {.n = 0};
	sqlite3_stmt *st = NULL;
	int idx = 1, rc, ret;
	int n = mask_count(t, mask);

	if (changes)
		*changes = 0;
	if (n <= 0 || !vals)
		return bad_call(t, "bad_columns");
	sb_add(&b, "UPDATE ");
	sb_ident(&b, t->name);
	sb_add(&b, " SET ");
	sb_cols(&b, t, mask, " = ?");
	if (sb_where(&b, t, conds, nconds) != 0)
		return bad_call(t, "bad_condition");
	ret = get_stmt(db, t, &b, &st);
	if (ret)
		goto out;
	rc = bind_vals(st, &idx, t, mask, vals);
	if (rc == SQLITE_OK)
		rc = bind_conds(st, &idx, t, conds, nconds);
	if (rc != SQLITE_OK) {
		ret = db_err(db, rc);
		goto out;
	}
	return db_step_done(db, st, changes);
out:
	db_stmt_done(st);
	return ret;
}

int table_delete(struct db *db, const struct table *t, const struct cond *conds, int nconds, int *changes)
{
	struct sqlbuf b = {.n = 0};
	sqlite3_stmt *st = NULL;
	int idx = 1, rc, ret;

	if (changes)
		*changes = 0;
	if (mask_count(t, 0) < 0)
		return bad_call(t, "bad_table");
	sb_add(&b, "DELETE FROM ");
	sb_ident(&b, t->name);
	if (sb_where(&b, t, conds, nconds) != 0)
		return bad_call(t, "bad_condition");
	ret = get_stmt(db, t, &b, &st);
	if (ret)
		goto out;
	rc = bind_conds(st, &idx, t, conds, nconds);
	if (rc != SQLITE_OK) {
		ret = db_err(db, rc);
		goto out;
	}
	return db_step_done(db, st, changes);
out:
	db_stmt_done(st);
	return ret;
}
