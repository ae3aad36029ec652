/*
 * test_model.c - unit tests of the model layer's tables and of db.c:
 * migrations, users, logins, login failures, preset prompts and the
 * retrying transaction. Each test gets a fresh database in a mkdtemp
 * folder; one behaviour per test. Password hashing is slow on purpose, so
 * only the user tests call user_create; the others insert their user rows
 * with db_exec. Touches nothing outside its temporary folders.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "crypto/random.h"
#include "model/db.h"
#include "model/db_priv.h"
#include "model/login.h"
#include "model/login_failure.h"
#include "model/migrations.h"
#include "model/prompt.h"
#include "model/user.h"

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
	snprintf(f->dir, sizeof f->dir, "/tmp/test_model.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/chat.db", f->dir);
	assert_int_equal(db_open(f->path, &f->db, err, sizeof err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	static const char *const suffix[] = {"", "-wal", "-shm"};
	char p[160];

	db_close(f->db);
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* A user row without hashing (ids 1 and 2), for the login tests. */
static void add_plain_users(struct db *db)
{
	assert_int_equal(db_exec(db, "INSERT INTO users (id, username, password_hash, created_ms) VALUES "
				     "(1, 'ann', 'x', 0), (2, 'ben', 'x', 0)"),
			 0);
}

static int64_t scalar(struct db *db, const char *sql)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int64_t v = -1;
	assert_non_null(st);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	db_stmt_done(st);
	return v;
}

static int count_prompt(void *arg, int64_t id, const char *name, const char *prompt)
{
	(void)id;
	assert_true(strlen(name) > 0);
	assert_true(strlen(prompt) > 40);
	(*(int *)arg)++;
	return 0;
}

static int prompt_count(struct db *db, const char *lang)
{
	int n = 0;
	assert_int_equal(prompt_list(db, lang, count_prompt, &n), 0);
	return n;
}

/* ---- db ---- */

static void migrations_set_user_version_to_their_count(void **state)
{
	struct fx *f = *state;
	assert_true(db_migration_count >= 2);
	assert_int_equal(db_migrations_count(), db_migration_count);
	assert_int_equal(db_schema_version(f->db), db_migration_count);
	assert_int_equal(db_ping(f->db), 0);
}

static void reopening_does_not_migrate_again(void **state)
{
	struct fx *f = *state;
	char err[256];
	int before = prompt_count(f->db, "en");

	db_close(f->db);
	f->db = NULL;
	assert_int_equal(db_open(f->path, &f->db, err, sizeof err), 0);
	assert_int_equal(db_schema_version(f->db), db_migration_count);
	assert_int_equal(prompt_count(f->db, "en"), before);
}

static void newer_schema_is_refused(void **state)
{
	struct fx *f = *state;
	char sql[64], err[256] = "";
	struct db *other = NULL;

	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_migration_count + 1);
	assert_int_equal(db_exec(f->db, sql), 0);
	assert_int_equal(db_open(f->path, &other, err, sizeof err), -1);
	assert_null(other);
	assert_non_null(strstr(err, "is newer than this program's"));
	assert_non_null(strstr(err, f->path));
}

static void concurrent_opens_of_a_fresh_file_all_succeed(void **state)
{
	struct fx *f = *state;
	char path[160], err[256];
	enum { WORKERS = 8 };
	pid_t pids[WORKERS];
	int64_t start = clock_now_ms() + 150;

	snprintf(path, sizeof path, "%s/fresh.db", f->dir);
	for (int i = 0; i < WORKERS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			struct db *db = NULL;
			while (clock_now_ms() < start)
				usleep(1000);
			int ok =
				db_open(path, &db, err, sizeof err) == 0 && db_schema_version(db) == db_migration_count;
			if (!ok)
				fprintf(stderr, "worker %d: %s\n", i, err);
			db_close(db);
			_exit(ok ? 0 : 1);
		}
	}
	for (int i = 0; i < WORKERS; i++) {
		int st = 0;
		assert_int_equal(waitpid(pids[i], &st, 0), pids[i]);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	struct db *db = NULL;
	assert_int_equal(db_open(path, &db, err, sizeof err), 0);
	assert_int_equal(prompt_count(db, "en"), prompt_count(f->db, "en"));
	db_close(db);
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char p[180];
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

struct txn_arg {
	int calls;
	int busy_times;
	int fail;
};

static int txn_insert(struct db *db, void *arg)
{
	struct txn_arg *a = arg;
	a->calls++;
	int ret = login_failure_add(db, "txn", "127.0.0.1", a->calls);
	if (ret)
		return ret;
	if (a->calls <= a->busy_times)
		return -ERR_BUSY;
	return a->fail ? -ERR_INTERNAL : 0;
}

static int64_t txn_rows(struct db *db)
{
	return scalar(db, "SELECT count(*) FROM login_failures WHERE username = 'txn'");
}

static void txn_retries_when_fn_reports_busy(void **state)
{
	struct fx *f = *state;
	struct txn_arg a = {.busy_times = 2};

	assert_int_equal(db_txn(f->db, txn_insert, &a), 0);
	assert_int_equal(a.calls, 3);
	assert_int_equal(txn_rows(f->db), 1); /* the first two attempts were rolled back */
}

static void txn_gives_up_busy_after_eight_attempts(void **state)
{
	struct fx *f = *state;
	struct txn_arg a = {.busy_times = 1000};

	assert_int_equal(db_txn(f->db, txn_insert, &a), -ERR_BUSY);
	assert_int_equal(a.calls, 8);
	assert_int_equal(txn_rows(f->db), 0);
}

static void txn_rolls_back_and_returns_other_errors(void **state)
{
	struct fx *f = *state;
	struct txn_arg a = {.fail = 1};

	assert_int_equal(db_txn(f->db, txn_insert, &a), -ERR_INTERNAL);
	assert_int_equal(a.calls, 1);
	assert_int_equal(txn_rows(f->db), 0);
}

struct locker {
	const char *path;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int locked;
	int rc;
};

/* Holds a write lock from a second connection for 200 ms. */
static void *hold_write_lock(void *arg)
{
	struct locker *l = arg;
	sqlite3 *h = NULL;

	l->rc = sqlite3_open_v2(l->path, &h, SQLITE_OPEN_READWRITE, NULL);
	if (l->rc == SQLITE_OK)
		l->rc = sqlite3_exec(h,
				     "BEGIN IMMEDIATE; INSERT INTO login_failures (username, addr, at_ms) "
				     "VALUES ('locker', '::1', 1)",
				     NULL, NULL, NULL);
	pthread_mutex_lock(&l->mu);
	l->locked = 1;
	pthread_cond_signal(&l->cv);
	pthread_mutex_unlock(&l->mu);
	if (l->rc == SQLITE_OK) {
		usleep(200 * 1000);
		l->rc = sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	}
	sqlite3_close(h);
	return NULL;
}

static void txn_waits_out_a_writer_on_another_connection(void **state)
{
	struct fx *f = *state;
	struct locker l = {.path = f->path, .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
	struct txn_arg a = {0};
	pthread_t th;

	assert_int_equal(pthread_create(&th, NULL, hold_write_lock, &l), 0);
	pthread_mutex_lock(&l.mu);
	while (!l.locked)
		pthread_cond_wait(&l.cv, &l.mu);
	pthread_mutex_unlock(&l.mu);
	int64_t t0 = clock_mono_us();
	int ret = db_txn(f->db, txn_insert, &a);
	int64_t waited_us = clock_mono_us() - t0;
	pthread_join(th, NULL);

	assert_int_equal(l.rc, SQLITE_OK);
	assert_int_equal(ret, 0);
	assert_true(waited_us >= 100 * 1000);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM login_failures"), 2);
}

static int txn_starts_login(struct db *db, void *arg)
{
	(void)arg;
	return login_start(db, 1, "nested-jti", 1000, 9000, NULL);
}

static void txn_inside_txn_joins_the_outer_one(void **state)
{
	struct fx *f = *state;
	struct login l;
	add_plain_users(f->db);

	assert_int_equal(db_txn(f->db, txn_starts_login, NULL), 0);
	assert_int_equal(login_find(f->db, "nested-jti", &l), 0);
	assert_int_equal(l.user_id, 1);
}

static int inner_fails(struct db *db, void *arg)
{
	(void)arg;
	assert_int_equal(login_failure_add(db, "inner", "::1", 2), 0);
	return -ERR_CONFLICT;
}

static int outer_ignores_inner_failure(struct db *db, void *arg)
{
	int *inner_ret = arg;
	int ret = login_failure_add(db, "outer", "::1", 1);
	if (ret)
		return ret;
	*inner_ret = db_txn(db, inner_fails, NULL);
	return 0;
}

static void txn_inside_txn_failure_undoes_only_its_own_writes(void **state)
{
	struct fx *f = *state;
	int inner_ret = 0;

	assert_int_equal(db_txn(f->db, outer_ignores_inner_failure, &inner_ret), 0);
	assert_int_equal(inner_ret, -ERR_CONFLICT);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM login_failures WHERE username = 'outer'"), 1);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM login_failures WHERE username = 'inner'"), 0);
}

/* ---- users ---- */

static void user_create_then_find_ignores_case(void **state)
{
	struct fx *f = *state;
	struct user u, found;

	assert_int_equal(user_create(f->db, "Alice", "correct horse", 13, 1234, &u), 0);
	assert_true(u.id > 0);
	assert_int_equal(user_find(f->db, "aLICE", &found), 0);
	assert_int_equal(found.id, u.id);
	assert_string_equal(found.username, "Alice");
	assert_int_equal(found.created_ms, 1234);
	assert_int_equal(found.disabled, 0);
	assert_int_equal(user_get(f->db, u.id, &found), 0);
	assert_string_equal(found.username, "Alice");
	assert_int_equal(user_get(f->db, u.id + 100, &found), -ERR_NOT_FOUND);
	assert_int_equal(user_find(f->db, "nobody", &found), -ERR_NOT_FOUND);
}

static void user_create_same_name_other_case_conflicts(void **state)
{
	struct fx *f = *state;
	struct user u;

	assert_int_equal(user_create(f->db, "Bob", "password1", 9, 1, &u), 0);
	assert_int_equal(user_create(f->db, "BOB", "password2", 9, 2, &u), -ERR_CONFLICT);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM users"), 1);
}

static void user_authenticate_checks_the_password(void **state)
{
	struct fx *f = *state;
	struct user u, out;

	assert_int_equal(user_create(f->db, "carol", "s3cret-pass", 11, 1, &u), 0);
	memset(&out, 0, sizeof out);
	assert_int_equal(user_authenticate(f->db, "CAROL", "s3cret-pass", 11, &out), 0);
	assert_int_equal(out.id, u.id);
	assert_string_equal(out.username, "carol");
	assert_int_equal(user_authenticate(f->db, "carol", "s3cret-pasS", 11, &out), -ERR_INVALID_CREDENTIALS);
	assert_int_equal(user_authenticate(f->db, "dave", "s3cret-pass", 11, &out), -ERR_NOT_FOUND);
}

static void user_password_hash_is_stored_hashed(void **state)
{
	struct fx *f = *state;
	struct user u;

	assert_int_equal(user_create(f->db, "erin", "plain-text-pw", 13, 1, &u), 0);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM users WHERE password_hash LIKE '$argon2id$%'"), 1);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM users WHERE password_hash LIKE '%plain-text-pw%'"), 0);
}

/* ---- logins ---- */

static void login_start_then_find(void **state)
{
	struct fx *f = *state;
	struct login out, l;
	add_plain_users(f->db);

	assert_int_equal(login_start(f->db, 1, "jti-one", 1000, 5000, &out), 0);
	assert_true(out.id > 0);
	assert_int_equal(login_find(f->db, "jti-one", &l), 0);
	assert_int_equal(l.id, out.id);
	assert_string_equal(l.jti, "jti-one");
	assert_int_equal(l.user_id, 1);
	assert_int_equal(l.created_ms, 1000);
	assert_int_equal(l.last_seen_ms, 1000);
	assert_int_equal(l.expires_ms, 5000);
	assert_int_equal(l.ended_ms, 0);
	assert_int_equal(l.end_reason, LOGIN_LIVE);
	assert_int_equal(login_find(f->db, "jti-unknown", &l), -ERR_NOT_FOUND);
}

static void login_touch_inside_idle_window_updates_last_seen(void **state)
{
	struct fx *f = *state;
	struct login l;
	int touched = -1;
	add_plain_users(f->db);
	assert_int_equal(login_start(f->db, 1, "jti-t", 1000, 99000, NULL), 0);

	assert_int_equal(login_touch(f->db, "jti-t", 1000 + 30000, 30000, &touched), 0);
	assert_int_equal(touched, 1);
	assert_int_equal(login_find(f->db, "jti-t", &l), 0);
	assert_int_equal(l.last_seen_ms, 31000);
}

static void login_touch_outside_idle_window_does_nothing(void **state)
{
	struct fx *f = *state;
	struct login l;
	int touched = -1;
	add_plain_users(f->db);
	assert_int_equal(login_start(f->db, 1, "jti-t", 1000, 99000, NULL), 0);

	assert_int_equal(login_touch(f->db, "jti-t", 1000 + 30001, 30000, &touched), 0);
	assert_int_equal(touched, 0);
	assert_int_equal(login_find(f->db, "jti-t", &l), 0);
	assert_int_equal(l.last_seen_ms, 1000);
	assert_int_equal(l.ended_ms, 0);
}

static void second_start_replaces_the_first_login(void **state)
{
	struct fx *f = *state;
	struct login l;
	int touched = -1;
	add_plain_users(f->db);

	assert_int_equal(login_start(f->db, 1, "jti-a", 1000, 99000, NULL), 0);
	assert_int_equal(login_start(f->db, 2, "jti-other-user", 1500, 99000, NULL), 0);
	assert_int_equal(login_start(f->db, 1, "jti-b", 2000, 99000, NULL), 0);
	assert_int_equal(login_find(f->db, "jti-a", &l), 0);
	assert_int_equal(l.end_reason, LOGIN_REPLACED);
	assert_int_equal(l.ended_ms, 2000);
	assert_int_equal(login_current(f->db, 1, &l), 0);
	assert_string_equal(l.jti, "jti-b");
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM logins WHERE user_id = 1 AND ended_ms IS NULL"), 1);
	assert_int_equal(login_current(f->db, 2, &l), 0);
	assert_string_equal(l.jti, "jti-other-user");
	assert_int_equal(login_touch(f->db, "jti-a", 2100, 30000, &touched), 0);
	assert_int_equal(touched, 0);
}

static void login_start_with_a_used_jti_conflicts(void **state)
{
	struct fx *f = *state;
	struct login l;
	add_plain_users(f->db);

	assert_int_equal(login_start(f->db, 1, "jti-dup", 1000, 99000, NULL), 0);
	assert_int_equal(login_start(f->db, 2, "jti-dup", 2000, 99000, NULL), -ERR_CONFLICT);
	assert_int_equal(login_current(f->db, 2, &l), -ERR_NOT_FOUND);
}

static void login_end_logout_ends_it_once(void **state)
{
	struct fx *f = *state;
	struct login l;
	int ended = -1, touched = -1;
	add_plain_users(f->db);
	assert_int_equal(login_start(f->db, 1, "jti-x", 1000, 99000, NULL), 0);

	assert_int_equal(login_end(f->db, "jti-x", LOGIN_LOGOUT, 3000, &ended), 0);
	assert_int_equal(ended, 1);
	assert_int_equal(login_end(f->db, "jti-x", LOGIN_EXPIRED, 4000, &ended), 0);
	assert_int_equal(ended, 0);
	assert_int_equal(login_find(f->db, "jti-x", &l), 0);
	assert_int_equal(l.end_reason, LOGIN_LOGOUT);
	assert_int_equal(l.ended_ms, 3000);
	assert_string_equal(login_end_name(l.end_reason), "logout");
	assert_int_equal(login_current(f->db, 1, &l), -ERR_NOT_FOUND);
	assert_int_equal(login_touch(f->db, "jti-x", 3001, 30000, &touched), 0);
	assert_int_equal(touched, 0);
}

/* ---- login failures ---- */

static void nth_recent_counts_only_failures_since_the_window(void **state)
{
	struct fx *f = *state;
	int64_t at = -1;
	assert_int_equal(login_failure_add(f->db, "Eve", "10.0.0.1", 100), 0);
	assert_int_equal(login_failure_add(f->db, "eve", "10.0.0.1", 200), 0);
	assert_int_equal(login_failure_add(f->db, "EVE", "10.0.0.2", 300), 0);

	assert_int_equal(login_failure_nth_recent(f->db, "eve", NULL, 150, 1, &at), 0);
	assert_int_equal(at, 300);
	assert_int_equal(login_failure_nth_recent(f->db, "eve", NULL, 150, 2, &at), 0);
	assert_int_equal(at, 200);
	assert_int_equal(login_failure_nth_recent(f->db, "eve", NULL, 150, 3, &at), 0);
	assert_int_equal(at, 0);
	assert_int_equal(login_failure_nth_recent(f->db, "eve", NULL, 0, 3, &at), 0);
	assert_int_equal(at, 100);
}

static void nth_recent_is_per_username_or_per_addr(void **state)
{
	struct fx *f = *state;
	int64_t at = -1;
	assert_int_equal(login_failure_add(f->db, "eve", "10.0.0.1", 100), 0);
	assert_int_equal(login_failure_add(f->db, "mallory", "10.0.0.1", 200), 0);
	assert_int_equal(login_failure_add(f->db, "mallory", "10.0.0.9", 300), 0);

	assert_int_equal(login_failure_nth_recent(f->db, "eve", NULL, 0, 2, &at), 0);
	assert_int_equal(at, 0);
	assert_int_equal(login_failure_nth_recent(f->db, NULL, "10.0.0.1", 0, 2, &at), 0);
	assert_int_equal(at, 100);
	assert_int_equal(login_failure_nth_recent(f->db, NULL, "10.0.0.9", 0, 1, &at), 0);
	assert_int_equal(at, 300);
	assert_int_equal(login_failure_nth_recent(f->db, NULL, "10.0.0.7", 0, 1, &at), 0);
	assert_int_equal(at, 0);
}

static void clear_forgets_one_username(void **state)
{
	struct fx *f = *state;
	int64_t at = -1;
	assert_int_equal(login_failure_add(f->db, "eve", "10.0.0.1", 100), 0);
	assert_int_equal(login_failure_add(f->db, "Eve", "10.0.0.1", 110), 0);
	assert_int_equal(login_failure_add(f->db, "trent", "10.0.0.1", 120), 0);

	assert_int_equal(login_failure_clear(f->db, "EVE"), 0);
	assert_int_equal(login_failure_nth_recent(f->db, "eve", NULL, 0, 1, &at), 0);
	assert_int_equal(at, 0);
	assert_int_equal(login_failure_nth_recent(f->db, "trent", NULL, 0, 1, &at), 0);
	assert_int_equal(at, 120);
}

static void prune_deletes_failures_older_than_the_cut(void **state)
{
	struct fx *f = *state;
	int64_t at = -1;
	assert_int_equal(login_failure_add(f->db, "eve", "10.0.0.1", 100), 0);
	assert_int_equal(login_failure_add(f->db, "eve", "10.0.0.1", 200), 0);
	assert_int_equal(login_failure_add(f->db, "eve", "10.0.0.1", 300), 0);

	assert_int_equal(login_failure_prune(f->db, 250), 0);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM login_failures"), 1);
	assert_int_equal(login_failure_nth_recent(f->db, "eve", NULL, 0, 1, &at), 0);
	assert_int_equal(at, 300);
}

/* ---- prompts ---- */

static void english_prompts_are_at_least_eight(void **state)
{
	struct fx *f = *state;
	assert_true(prompt_count(f->db, "en") >= 8);
}

static void chinese_prompts_match_the_english_count(void **state)
{
	struct fx *f = *state;
	assert_int_equal(prompt_count(f->db, "zh"), prompt_count(f->db, "en"));
	assert_int_equal(prompt_count(f->db, "fr"), 0);
}

/* True when s holds a UTF-8 character of the CJK Unified Ideographs block (U+4E00..U+9FFF). */
static int has_cjk(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0xe4 && *p <= 0xe9 && p[1] >= 0x80 && p[1] <= 0xbf && p[2] >= 0x80 && p[2] <= 0xbf)
			return 1;
	return 0;
}

struct zh_check {
	int n;
	int64_t last_id;
};

static int check_zh(void *arg, int64_t id, const char *name, const char *prompt)
{
	struct zh_check *c = arg;
	assert_true(has_cjk(name));
	assert_true(has_cjk(prompt));
	assert_true(id > 100);
	assert_true(id > c->last_id); /* ids follow positions */
	c->last_id = id;
	c->n++;
	return 0;
}

static void chinese_prompt_names_are_written_in_chinese(void **state)
{
	struct fx *f = *state;
	struct zh_check c = {0};
	assert_int_equal(prompt_list(f->db, "zh", check_zh, &c), 0);
	assert_true(c.n >= 8);
}

static int stop_at_once(void *arg, int64_t id, const char *name, const char *prompt)
{
	(void)id;
	(void)name;
	(void)prompt;
	(*(int *)arg)++;
	return 1;
}

static void prompt_list_stops_when_the_callback_says_so(void **state)
{
	struct fx *f = *state;
	int calls = 0;
	assert_int_equal(prompt_list(f->db, "en", stop_at_once, &calls), 0);
	assert_int_equal(calls, 1);
}

static void prompt_get_returns_copies_of_one_prompt(void **state)
{
	struct fx *f = *state;
	char *name = NULL, *prompt = NULL;

	assert_int_equal(prompt_get(f->db, 1, &name, &prompt), 0);
	assert_string_equal(name, "Translator");
	assert_true(strlen(prompt) > 40);
	free(name);
	free(prompt);
	assert_int_equal(prompt_get(f->db, 101, &name, &prompt), 0);
	assert_true(has_cjk(name));
	free(name);
	free(prompt);
}

static void prompt_get_of_an_unknown_id_is_not_found(void **state)
{
	struct fx *f = *state;
	char *name = (char *)"x", *prompt = (char *)"y";

	assert_int_equal(prompt_get(f->db, 99999, &name, &prompt), -ERR_NOT_FOUND);
	assert_null(name);
	assert_null(prompt);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(migrations_set_user_version_to_their_count),
		T(reopening_does_not_migrate_again),
		T(newer_schema_is_refused),
		T(concurrent_opens_of_a_fresh_file_all_succeed),
		T(txn_retries_when_fn_reports_busy),
		T(txn_gives_up_busy_after_eight_attempts),
		T(txn_rolls_back_and_returns_other_errors),
		T(txn_waits_out_a_writer_on_another_connection),
		T(txn_inside_txn_joins_the_outer_one),
		T(txn_inside_txn_failure_undoes_only_its_own_writes),
		T(user_create_then_find_ignores_case),
		T(user_create_same_name_other_case_conflicts),
		T(user_authenticate_checks_the_password),
		T(user_password_hash_is_stored_hashed),
		T(login_start_then_find),
		T(login_touch_inside_idle_window_updates_last_seen),
		T(login_touch_outside_idle_window_does_nothing),
		T(second_start_replaces_the_first_login),
		T(login_start_with_a_used_jti_conflicts),
		T(login_end_logout_ends_it_once),
		T(nth_recent_counts_only_failures_since_the_window),
		T(nth_recent_is_per_username_or_per_addr),
		T(clear_forgets_one_username),
		T(prune_deletes_failures_older_than_the_cut),
		T(english_prompts_are_at_least_eight),
		T(chinese_prompts_match_the_english_count),
		T(chinese_prompt_names_are_written_in_chinese),
		T(prompt_list_stops_when_the_callback_says_so),
		T(prompt_get_returns_copies_of_one_prompt),
		T(prompt_get_of_an_unknown_id_is_not_found),
	};
	if (crypto_init() != 0)
		return 1;
	log_init(LL_ERROR, NULL);
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
