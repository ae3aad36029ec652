/*
 * user.h - the users table. The password hash never leaves this file:
 * user_create hashes, user_authenticate verifies (through lib/crypto).
 * Usernames are unique without regard to ASCII case (COLLATE NOCASE).
 */
#ifndef MODEL_USER_H
#define MODEL_USER_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct user {
	int64_t id;
	char username[33];
	int64_t created_ms;
	int disabled;
};

/*
 * Creates a user with the password's argon2id hash. Returns 0 and fills out,
 * -ERR_CONFLICT when the name is taken (case-insensitively), -ERR_BUSY,
 * -ERR_INTERNAL.
 */
int user_create(struct db *db, const char *username, const char *password, size_t pwlen, int64_t now_ms,
		struct user *out);

/* Finds a user by name (case-insensitive). Returns 0, -ERR_NOT_FOUND, -ERR_BUSY, -ERR_INTERNAL. */
int user_find(struct db *db, const char *username, struct user *out);

/* Finds a user by id. Returns 0, -ERR_NOT_FOUND, ... */
int user_get(struct db *db, int64_t id, struct user *out);

/*
 * Checks the password of an existing user. Returns 0 and fills out when it
 * matches; -ERR_NOT_FOUND for an unknown name (at once: the API reveals
 * whether a name exists in any case); -ERR_INVALID_CREDENTIALS
 * for a wrong password; -ERR_BUSY, -ERR_INTERNAL.
 */
int user_authenticate(struct db *db, const char *username, const char *password, size_t pwlen, struct user *out);

#endif
