/*
 * app.h - what a worker keeps for its whole life: the configuration, the
 * database connection (with its prepared statements), the signing key and,
 * from the chat issue on, the model API client. Set up once before the
 * accept loop and passed down; the layers see the parts they may use
 * through opaque pointers.
 */
#ifndef CORE_APP_H
#define CORE_APP_H

#include "core/config.h"

struct db;       /* lib/model/db.h */
struct upstream; /* lib/upstream/ */

struct app {
	struct config cfg;
	struct db *db;
	unsigned char key[32]; /* HS256 signing key, from <data_dir>/jwt.key */
	struct upstream *up;
	const char *version;
};

#endif
