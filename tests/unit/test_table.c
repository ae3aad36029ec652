/*
 * test_table.c - unit tests of the table object (lib/model/table.c) on a
 * scratch table of its own, created with db_exec in a fresh database in a
 * mkdtemp folder for each test. One behaviour per test. Touches nothing
 * outside its temporary folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "crypto/random.h"
#include "model/db.h"
#include "model/db_priv.h"
#include "model/table.h"

enum { T_ID, T_NAME, T_N, T_NOTE, T__N };

static const struct col t_cols[T__N] = {
	[T_ID] = {"id", COL_INT},
	[T_NAME] = {"name", COL_TEXT},
	[T_N] = {"n", COL_INT},
	[T_NOTE] = {"note", COL_TEXT},
};

static const struct table t_tab = {"t", t_cols, T__N};

#define ALL (TCOL(T_ID) | TCOL(T_NAME) | TCOL(T_N) | TCOL(T_NOTE))
#define INS (TCOL(T_NAME) | TCOL(T_N) | TCOL(T_NOTE))

struct fx {
	char dir[64];
	char path[128];
	struct db *db;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char err[256];

	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/test_table.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	assert_int_equal(db_open(f->path, &f->db, err, sizeof err), 0);
	assert_int_equal(db_exec(f->db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
					"n INTEGER, note TEXT)"),
			 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[160];

	db_close(f->db);
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Inserts (name, n, note); n < 0 and note NULL are stored as NULL. */
static int64_t put(struct db *db, const char *name, int64_t n, const char *note)
{
	struct val v[] = {VAL_TEXT(name), n < 0 ? VAL_NULL : VAL_INT(n), note ? VAL_TEXT(note) : VAL_NULL};
	int64_t id = 0;
	assert_int_equal(table_insert(db, &t_tab, INS, v, &id), 0);
	return id;
}

/* What a select saw: up to 8 rows of up to 4 values, text copied. */
struct rows {
	int n;
	int nvals;
	struct {
		int64_t i[4];
		int is_null[4];
		char s[4][64];
		size_t len[4];
	} r[8];
};

static int collect(void *arg, const struct val *v, int nvals)
{
	struct rows *rs = arg;
	if (rs->n >= 8)
		return 1;
	rs->nvals = nvals;
	for (int k = 0; k < nvals && k < 4; k++) {
		rs->r[rs->n].i[k] = v[k].i;
		rs->r[rs->n].is_null[k] = v[k].is_null;
		rs->r[rs->n].len[k] = v[k].len;
		if (v[k].s && v[k].len < 64)
			memcpy(rs->r[rs->n].s[k], v[k].s, v[k].len);
	}
	rs->n++;
	return 0;
}

static int64_t count(struct db *db, const struct cond *c, int nc)
{
	int64_t n = -1;
	assert_int_equal(table_count(db, &t_tab, c, nc, &n), 0);
	return n;
}

static void insert_then_select_chosen_columns(void **state)
{
	struct fx *f = *state;
	struct rows rs = {0};
	int64_t id = put(f->db, "alpha", 7, "first");
	put(f->db, "beta", 8, "second");
	struct cond c = {.col = T_ID, .op = OP_EQ, .v = VAL_INT(id)};
	int nrows = -1;

	assert_int_equal(table_select(f->db, &t_tab, TCOL(T_NAME) | TCOL(T_N), &c, 1, NULL, collect, &rs, &nrows), 0);
	assert_int_equal(nrows, 1);
	assert_int_equal(rs.nvals, 2);
	assert_string_equal(rs.r[0].s[0], "alpha");
	assert_int_equal(rs.r[0].len[0], 5);
	assert_int_equal(rs.r[0].i[1], 7);
}

static void null_values_read_back_as_null(void **state)
{
	struct fx *f = *state;
	struct rows rs = {0};
	put(f->db, "nothing", -1, NULL);

	assert_int_equal(table_select(f->db, &t_tab, TCOL(T_N) | TCOL(T_NOTE), NULL, 0, NULL, collect, &rs, NULL), 0);
	assert_int_equal(rs.n, 1);
	assert_true(rs.r[0].is_null[0]);
	assert_true(rs.r[0].is_null[1]);
}

static void text_with_quotes_utf8_and_nul_round_trips_by_length(void **state)
{
	struct fx *f = *state;
	static const char odd[] = "it's \"quoted\" \\ 这里 \0 after-nul";
	struct val v[] = {VAL_TEXT("odd"), VAL_INT(1), {.s = odd, .len = sizeof odd - 1}};
	struct rows rs = {0};
	struct cond c = {.col = T_NAME, .op = OP_EQ, .v = VAL_TEXT("odd")};

	assert_int_equal(table_insert(f->db, &t_tab, INS, v, NULL), 0);
	assert_int_equal(table_select(f->db, &t_tab, TCOL(T_NOTE), &c, 1, NULL, collect, &rs, NULL), 0);
	assert_int_equal(rs.n, 1);
	assert_int_equal(rs.r[0].len[0], sizeof odd - 1);
	assert_memory_equal(rs.r[0].s[0], odd, sizeof odd - 1);
}

static void conditions_eq_lt_ge_is_null_filter_rows(void **state)
{
	struct fx *f = *state;
	put(f->db, "a", 1, NULL);
	put(f->db, "b", 2, "x");
	put(f->db, "c", 3, NULL);
	put(f->db, "d", 4, "y");
	put(f->db, "e", 5, "z");

	struct cond eq = {.col = T_N, .op = OP_EQ, .v = VAL_INT(3)};
	struct cond lt = {.col = T_N, .op = OP_LT, .v = VAL_INT(3)};
	struct cond ge = {.col = T_N, .op = OP_GE, .v = VAL_INT(3)};
	struct cond isnull = {.col = T_NOTE, .op = OP_IS_NULL};
	struct cond notnull = {.col = T_NOTE, .op = OP_NOT_NULL};
	struct cond both[] = {ge, isnull};

	assert_int_equal(count(f->db, &eq, 1), 1);
	assert_int_equal(count(f->db, &lt, 1), 2);
	assert_int_equal(count(f->db, &ge, 1), 3);
	assert_int_equal(count(f->db, &isnull, 1), 2);
	assert_int_equal(count(f->db, &notnull, 1), 3);
	assert_int_equal(count(f->db, both, 2), 1);
	assert_int_equal(count(f->db, NULL, 0), 5);
}

static void order_limit_offset_page_rows(void **state)
{
	struct fx *f = *state;
	struct rows rs = {0};
	for (int i = 1; i <= 5; i++) {
		char name[16];
		snprintf(name, sizeof name, "n%d", i);
		put(f->db, name, i * 10, NULL);
	}
	struct select_opts o = {.order_col = T_N, .desc = 1, .limit = 2, .offset = 1};

	assert_int_equal(table_select(f->db, &t_tab, TCOL(T_N), NULL, 0, &o, collect, &rs, NULL), 0);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.r[0].i[0], 40);
	assert_int_equal(rs.r[1].i[0], 30);

	memset(&rs, 0, sizeof rs);
	o = (struct select_opts){.order_col = T_N, .desc = 0, .limit = 0, .offset = 3};
	assert_int_equal(table_select(f->db, &t_tab, TCOL(T_N), NULL, 0, &o, collect, &rs, NULL), 0);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.r[0].i[0], 40);
	assert_int_equal(rs.r[1].i[0], 50);
}

static void update_reports_number_of_changes(void **state)
{
	struct fx *f = *state;
	put(f->db, "a", 1, NULL);
	put(f->db, "b", 1, NULL);
	put(f->db, "c", 2, NULL);
	struct val set[] = {VAL_TEXT("seen")};
	struct cond c = {.col = T_N, .op = OP_EQ, .v = VAL_INT(1)};
	struct cond none = {.col = T_N, .op = OP_EQ, .v = VAL_INT(99)};
	struct cond noted = {.col = T_NOTE, .op = OP_EQ, .v = VAL_TEXT("seen")};
	int changes = -1;

	assert_int_equal(table_update(f->db, &t_tab, TCOL(T_NOTE), set, &c, 1, &changes), 0);
	assert_int_equal(changes, 2);
	assert_int_equal(count(f->db, &noted, 1), 2);
	assert_int_equal(table_update(f->db, &t_tab, TCOL(T_NOTE), set, &none, 1, &changes), 0);
	assert_int_equal(changes, 0);
}

static void delete_removes_matching_rows(void **state)
{
	struct fx *f = *state;
	put(f->db, "a", 1, NULL);
	put(f->db, "b", 2, NULL);
	put(f->db, "c", 3, NULL);
	struct cond c = {.col = T_N, .op = OP_LE, .v = VAL_INT(2)};
	int changes = -1;

	assert_int_equal(table_delete(f->db, &t_tab, &c, 1, &changes), 0);
	assert_int_equal(changes, 2);
	assert_int_equal(count(f->db, NULL, 0), 1);
}

static void unique_violation_gives_conflict(void **state)
{
	struct fx *f = *state;
	put(f->db, "same", 1, NULL);
	struct val v[] = {VAL_TEXT("same"), VAL_INT(2), VAL_NULL};
	struct val set[] = {VAL_TEXT("same")};
	struct cond c = {.col = T_N, .op = OP_EQ, .v = VAL_INT(3)};

	assert_int_equal(table_insert(f->db, &t_tab, INS, v, NULL), -ERR_CONFLICT);
	put(f->db, "other", 3, NULL);
	assert_int_equal(table_update(f->db, &t_tab, TCOL(T_NAME), set, &c, 1, NULL), -ERR_CONFLICT);
	assert_int_equal(count(f->db, NULL, 0), 2);
}

static void same_statement_is_prepared_once(void **state)
{
	struct fx *f = *state;
	struct rows rs = {0};
	struct cond c = {.col = T_N, .op = OP_GT, .v = VAL_INT(0)};
	put(f->db, "a", 1, NULL);

	assert_int_equal(table_select(f->db, &t_tab, TCOL(T_NAME), &c, 1, NULL, collect, &rs, NULL), 0);
	int after_first = db_stmt_cache_size(f->db);
	c.v = VAL_INT(-5);
	assert_int_equal(table_select(f->db, &t_tab, TCOL(T_NAME), &c, 1, NULL, collect, &rs, NULL), 0);
	assert_int_equal(db_stmt_cache_size(f->db), after_first);
	assert_int_equal(rs.n, 2);
	assert_int_equal(table_select(f->db, &t_tab, TCOL(T_N), &c, 1, NULL, collect, &rs, NULL), 0);
	assert_int_equal(db_stmt_cache_size(f->db), after_first + 1);
}

static void value_that_looks_like_sql_is_stored_literally(void **state)
{
	struct fx *f = *state;
	static const char evil[] = "x'); DROP TABLE t; --";
	struct rows rs = {0};
	struct cond c = {.col = T_NAME, .op = OP_EQ, .v = VAL_TEXT(evil)};
	put(f->db, evil, 1, "\" OR 1=1 --");

	assert_int_equal(table_select(f->db, &t_tab, TCOL(T_NAME) | TCOL(T_NOTE), &c, 1, NULL, collect, &rs, NULL), 0);
	assert_int_equal(rs.n, 1);
	assert_string_equal(rs.r[0].s[0], evil);
	assert_string_equal(rs.r[0].s[1], "\" OR 1=1 --");
	assert_int_equal(count(f->db, NULL, 0), 1);
}

static int stop_after_one(void *arg, const struct val *v, int n)
{
	(void)v;
	(void)n;
	(*(int *)arg)++;
	return 1;
}

static int fail_with_not_found(void *arg, const struct val *v, int n)
{
	(void)arg;
	(void)v;
	(void)n;
	return -ERR_NOT_FOUND;
}

static void callback_can_stop_or_fail_the_select(void **state)
{
	struct fx *f = *state;
	int calls = 0, nrows = -1;
	put(f->db, "a", 1, NULL);
	put(f->db, "b", 2, NULL);

	assert_int_equal(table_select(f->db, &t_tab, ALL, NULL, 0, NULL, stop_after_one, &calls, &nrows), 0);
	assert_int_equal(calls, 1);
	assert_int_equal(nrows, 1);
	assert_int_equal(table_select(f->db, &t_tab, ALL, NULL, 0, NULL, fail_with_not_found, NULL, NULL),
			 -ERR_NOT_FOUND);
	/* The statement was reset on both paths: the table can be written again. */
	put(f->db, "c", 3, NULL);
	assert_int_equal(count(f->db, NULL, 0), 3);
}

static void mask_beyond_the_columns_is_refused(void **state)
{
	struct fx *f = *state;
	struct rows rs = {0};

	assert_int_equal(table_select(f->db, &t_tab, TCOL(T__N), NULL, 0, NULL, collect, &rs, NULL), -ERR_INTERNAL);
	assert_int_equal(rs.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(insert_then_select_chosen_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(null_values_read_back_as_null, setup, teardown),
		cmocka_unit_test_setup_teardown(text_with_quotes_utf8_and_nul_round_trips_by_length, setup, teardown),
		cmocka_unit_test_setup_teardown(conditions_eq_lt_ge_is_null_filter_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(order_limit_offset_page_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(update_reports_number_of_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(delete_removes_matching_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(unique_violation_gives_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(same_statement_is_prepared_once, setup, teardown),
		cmocka_unit_test_setup_teardown(value_that_looks_like_sql_is_stored_literally, setup, teardown),
		cmocka_unit_test_setup_teardown(callback_can_stop_or_fail_the_select, setup, teardown),
		cmocka_unit_test_setup_teardown(mask_beyond_the_columns_is_refused, setup, teardown),
	};
	if (crypto_init() != 0)
		return 1;
	log_init(LL_ERROR, NULL);
	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
