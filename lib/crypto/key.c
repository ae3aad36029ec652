/*
 * key.c - the token signing key file: read it, or create it once.
 *
 * The key is KEY_BYTES random bytes in a regular file of mode 0600. Workers
 * that start together may all find it missing: each writes its own random
 * key to "<path>.tmp.<pid>" (O_EXCL, 0600, fsync), then link()s it to path.
 * link() never replaces an existing file, so exactly one worker wins and
 * every worker then reads the winner's key from path. The file is checked
 * through the descriptor it is read from (fstat, not stat-then-open), so
 * what is checked is what is read. Touches nothing but these two files and
 * their folder; never logs the key.
 */
#include "crypto/key.h"
#include "core/log.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define KEY_PATH_MAX 4096

/* Writes "path: why" into err (when there is room); returns -1. */
static int key_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int key_fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen > 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/*
 * Reads the key from path into key. Returns 0, -1 with the reason in err,
 * or -ENOENT (err untouched) when path does not exist, so that the caller
 * can create it.
 */
static int key_read(const char *path, unsigned char key[KEY_BYTES], char *err, size_t errlen)
{
	struct stat st;
	size_t got = 0;
	int fd = -1, ret = -1;

	/* O_NONBLOCK: a FIFO in place of the key must be refused, not waited on. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			ret = -ENOENT;
		else
			key_fail(err, errlen, "%s: open: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		key_fail(err, errlen, "%s: fstat: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		key_fail(err, errlen, "%s: not a regular file", path);
		goto out;
	}
	if (st.st_mode & 077) {
		key_fail(err, errlen, "%s: mode %04o gives group or others access (want 0600)", path,
			 (unsigned)(st.st_mode & 07777));
		goto out;
	}
	if (st.st_size != KEY_BYTES) {
		key_fail(err, errlen, "%s: size %lld bytes (want %d)", path, (long long)st.st_size, KEY_BYTES);
		goto out;
	}
	while (got < KEY_BYTES) {
		ssize_t n = read(fd, key + got, KEY_BYTES - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			key_fail(err, errlen, "%s: read: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0) {
			key_fail(err, errlen, "%s: short read (%zu of %d bytes)", path, got, KEY_BYTES);
			goto out;
		}
		got += (size_t)n;
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	if (ret != 0)
		sodium_memzero(key, KEY_BYTES);
	return ret;
}

/* fsyncs the folder holding path, so that the new name survives a crash. Best effort. */
static void key_sync_dir(const char *path)
{
	char dir[KEY_PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t len;
	int fd;

	if (!slash) {
		dir[0] = '.';
		len = 1;
	} else {
		len = slash == path ? 1 : (size_t)(slash - path);
		if (len >= sizeof dir)
			return;
		memcpy(dir, path, len);
	}
	dir[len] = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	(void)fsync(fd);
	close(fd);
}

/*
 * Writes a new random key to a temporary file and links it to path. Returns
 * 0 when path now exists (ours or another worker's), or -1 with the reason.
 */
static int key_create(const char *path, char *err, size_t errlen)
{
	unsigned char fresh[KEY_BYTES];
	char tmp[KEY_PATH_MAX];
	size_t done = 0;
	int fd = -1, ret = -1, made = 0, n;

	n = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
	if (n < 0 || (size_t)n >= sizeof tmp) {
		key_fail(err, errlen, "%s: path too long", path);
		goto out;
	}
	fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == EEXIST) {
		/* Left by a crashed process that had our pid: the name is ours now. */
		(void)unlink(tmp);
		fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
	}
	if (fd < 0) {
		key_fail(err, errlen, "%s: cannot create %s: %s", path, tmp, strerror(errno));
		goto out;
	}
	made = 1;
	randombytes_buf(fresh, sizeof fresh);
	while (done < sizeof fresh) {
		ssize_t w = write(fd, fresh + done, sizeof fresh - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			key_fail(err, errlen, "%s: write %s: %s", path, tmp, w < 0 ? strerror(errno) : "no progress");
			goto out;
		}
		done += (size_t)w;
	}
	if (fsync(fd) != 0) {
		key_fail(err, errlen, "%s: fsync %s: %s", path, tmp, strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		key_fail(err, errlen, "%s: close %s: %s", path, tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (link(tmp, path) == 0) {
		key_sync_dir(path);
		log_event(LL_INFO, "crypto", "key_create", "ok", "path=%s", path);
	} else if (errno == EEXIST) {
		log_event(LL_INFO, "crypto", "key_create", "lost_race", "path=%s", path);
	} else {
		key_fail(err, errlen, "%s: link from %s: %s", path, tmp, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	if (made)
		(void)unlink(tmp);
	sodium_memzero(fresh, sizeof fresh);
	return ret;
}

int key_load_or_create(const char *path, unsigned char key[KEY_BYTES], char *err, size_t errlen)
{
	int ret;

	if (err && errlen > 0)
		err[0] = '\0';
	if (!path || !path[0])
		return key_fail(err, errlen, "(empty key path): no path given");
	ret = key_read(path, key, err, errlen);
	if (ret != -ENOENT)
		return ret;
	if (key_create(path, err, errlen) != 0)
		return -1;
	ret = key_read(path, key, err, errlen);
	if (ret == -ENOENT)
		return key_fail(err, errlen, "%s: vanished right after it was created", path);
	return ret;
}
