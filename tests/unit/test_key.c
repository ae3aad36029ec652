/*
 * test_key.c - unit tests of lib/crypto/key: the signing key file is
 * created once with mode 0600 and 32 bytes, read back unchanged, shared by
 * workers that start together, and refused when it is open to others, of
 * the wrong size or not a regular file. Each test works in a fresh folder
 * under /tmp, removed afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crypto/key.h"
#include "crypto/random.h"

struct fixture {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/test_key.XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/token.key", f->dir);
	*state = f;
	return 0;
}

/* Removes the test folder and what the tests put in it (one level of subfolders). */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];
	struct stat st;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(p);
		else
			unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	remove_tree(f->dir);
	free(f);
	return 0;
}

/* Writes n bytes of 'k' to path with the given mode (mode set with chmod, past the umask). */
static void write_file(const char *path, size_t n, mode_t mode)
{
	unsigned char buf[64];
	memset(buf, 'k', sizeof buf);
	assert_true(n <= sizeof buf);
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static void creates_key_with_mode_0600_and_32_bytes(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES], file[KEY_BYTES + 1], zero[KEY_BYTES] = {0};
	char err[256] = "";
	struct stat st;

	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_int_equal(lstat(f->path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, KEY_BYTES);

	/* What was returned is what the file holds, and it is not all zeros. */
	int fd = open(f->path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, file, sizeof file), KEY_BYTES);
	close(fd);
	assert_memory_equal(key, file, KEY_BYTES);
	assert_memory_not_equal(key, zero, KEY_BYTES);
}

static void creation_leaves_no_temporary_file(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES];
	char err[256];
	int entries = 0;

	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), 0);
	DIR *d = opendir(f->dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			entries++;
	closedir(d);
	assert_int_equal(entries, 1);
}

static void second_call_returns_the_same_key(void **state)
{
	struct fixture *f = *state;
	unsigned char a[KEY_BYTES], b[KEY_BYTES];
	char err[256];

	assert_int_equal(key_load_or_create(f->path, a, err, sizeof err), 0);
	assert_int_equal(key_load_or_create(f->path, b, err, sizeof err), 0);
	assert_memory_equal(a, b, KEY_BYTES);
}

static void existing_key_is_read_not_replaced(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES], want[KEY_BYTES];
	char err[256];

	write_file(f->path, KEY_BYTES, 0600);
	memset(want, 'k', sizeof want);
	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), 0);
	assert_memory_equal(key, want, KEY_BYTES);
}

static void workers_starting_together_agree_on_one_key(void **state)
{
	struct fixture *f = *state;
	enum { WORKERS = 8 };
	unsigned char first[KEY_BYTES], got[KEY_BYTES];
	int fds[2], status;

	assert_int_equal(pipe(fds), 0);
	for (int i = 0; i < WORKERS; i++) {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			unsigned char key[KEY_BYTES];
			char err[256];
			close(fds[0]);
			if (key_load_or_create(f->path, key, err, sizeof err) != 0)
				_exit(1);
			/* 32 bytes < PIPE_BUF: each write lands whole. */
			_exit(write(fds[1], key, sizeof key) == (ssize_t)sizeof key ? 0 : 2);
		}
	}
	close(fds[1]);
	for (int i = 0; i < WORKERS; i++) {
		assert_true(wait(&status) > 0);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(read(fds[0], first, sizeof first), KEY_BYTES);
	for (int i = 1; i < WORKERS; i++) {
		assert_int_equal(read(fds[0], got, sizeof got), KEY_BYTES);
		assert_memory_equal(first, got, KEY_BYTES);
	}
	close(fds[0]);

	/* And the key they agree on is the one in the file. */
	char err[256];
	assert_int_equal(key_load_or_create(f->path, got, err, sizeof err), 0);
	assert_memory_equal(first, got, KEY_BYTES);
}

static void stale_temporary_file_of_our_pid_does_not_block_creation(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES], junk[KEY_BYTES];
	char tmp[256], err[256] = "";

	/* As left by a crashed process that had the same pid. */
	snprintf(tmp, sizeof tmp, "%s.tmp.%ld", f->path, (long)getpid());
	write_file(tmp, 5, 0600);
	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	memset(junk, 'k', sizeof junk);
	assert_memory_not_equal(key, junk, KEY_BYTES);
}

static void key_with_mode_0644_is_refused(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES];
	char err[256] = "";

	write_file(f->path, KEY_BYTES, 0644);
	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), -1);
	assert_non_null(strstr(err, f->path));
}

static void key_writable_by_group_is_refused(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES];
	char err[256] = "";

	write_file(f->path, KEY_BYTES, 0620);
	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), -1);
	assert_non_null(strstr(err, f->path));
}

static void key_of_31_bytes_is_refused(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES];
	char err[256] = "";

	write_file(f->path, KEY_BYTES - 1, 0600);
	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), -1);
	assert_non_null(strstr(err, f->path));
}

static void key_of_33_bytes_is_refused(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES];
	char err[256] = "";

	write_file(f->path, KEY_BYTES + 1, 0600);
	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), -1);
	assert_non_null(strstr(err, f->path));
}

static void empty_key_file_is_refused_not_refilled(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES];
	char err[256] = "";
	struct stat st;

	write_file(f->path, 0, 0600);
	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), -1);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_size, 0);
}

static void directory_in_place_of_key_is_refused(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES];
	char err[256] = "";

	assert_int_equal(mkdir(f->path, 0700), 0);
	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), -1);
	assert_non_null(strstr(err, f->path));
}

static void fifo_in_place_of_key_is_refused_without_blocking(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES];
	char err[256] = "";

	assert_int_equal(mkfifo(f->path, 0600), 0);
	alarm(10); /* a blocking open would hang: let SIGALRM end the test instead */
	assert_int_equal(key_load_or_create(f->path, key, err, sizeof err), -1);
	alarm(0);
	assert_non_null(strstr(err, f->path));
}

static void missing_parent_folder_gives_error_with_path(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES];
	char path[256], err[256] = "";

	snprintf(path, sizeof path, "%s/no/such/folder/token.key", f->dir);
	assert_int_equal(key_load_or_create(path, key, err, sizeof err), -1);
	assert_non_null(strstr(err, path));
}

static void error_message_is_cut_to_errlen(void **state)
{
	struct fixture *f = *state;
	unsigned char key[KEY_BYTES];
	char err[8];

	memset(err, 'Z', sizeof err);
	write_file(f->path, 3, 0600);
	assert_int_equal(key_load_or_create(f->path, key, err, 4), -1);
	assert_int_equal(strlen(err), 3);
	assert_int_equal(err[4], 'Z');
	/* No room for a message at all is fine too. */
	assert_int_equal(key_load_or_create(f->path, key, NULL, 0), -1);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(creates_key_with_mode_0600_and_32_bytes),
		T(creation_leaves_no_temporary_file),
		T(second_call_returns_the_same_key),
		T(existing_key_is_read_not_replaced),
		T(workers_starting_together_agree_on_one_key),
		T(stale_temporary_file_of_our_pid_does_not_block_creation),
		T(key_with_mode_0644_is_refused),
		T(key_writable_by_group_is_refused),
		T(key_of_31_bytes_is_refused),
		T(key_of_33_bytes_is_refused),
		T(empty_key_file_is_refused_not_refilled),
		T(directory_in_place_of_key_is_refused),
		T(fifo_in_place_of_key_is_refused_without_blocking),
		T(missing_parent_folder_gives_error_with_path),
		T(error_message_is_cut_to_errlen),
	};
#undef T
	if (crypto_init() != 0)
		return 1;
	return cmocka_run_group_tests_name("key", tests, NULL, NULL);
}
