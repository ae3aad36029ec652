/*
 * chat.c - the FastCGI program's main: read the configuration, open the
 * signing key and the database (migrating it), then serve requests until
 * the web server stops the worker. Any failure at start exits with
 * "file:line: why" (or "path: why") on stderr and status 2; a request's
 * failure never ends the worker.
 *
 * Options (for operators and bin/serve; the web server passes none):
 *   --migrate              create/migrate the database and the key, then exit
 *   --print-config KEY     print one resolved setting (max_body, data_dir, db_path, upstream_configured)
 *   --version
 * The configuration file is CHAT_CONFIG (or --config FILE); see docs/CONFIG.md.
 */
#include "controller/route.h"
#include "core/app.h"
#include "core/config.h"
#include "core/log.h"
#include "crypto/key.h"
#include "crypto/random.h"
#include "http/server.h"
#include "model/db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef CHAT_VERSION
#define CHAT_VERSION "0.0.0"
#endif

static void usage(void)
{
	fprintf(stderr, "usage: chat.fcgi [--config FILE] [--migrate | --print-config KEY | --version]\n");
}

static int print_config(const struct config *c, const char *key)
{
	if (strcmp(key, "max_body") == 0)
		printf("%d\n", c->max_body);
	else if (strcmp(key, "data_dir") == 0)
		printf("%s\n", c->data_dir);
	else if (strcmp(key, "db_path") == 0)
		printf("%s\n", c->db_path);
	else if (strcmp(key, "upstream_configured") == 0)
		printf("%d\n", c->upstream_configured);
	else {
		fprintf(stderr, "chat.fcgi: --print-config: unknown key '%s'\n", key);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct app app;
	const char *config_path = getenv("CHAT_CONFIG");
	const char *print_key = NULL;
	int migrate_only = 0, rc = 2;
	char err[1024];

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--migrate") == 0)
			migrate_only = 1;
		else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			config_path = argv[++i];
		else if (strcmp(argv[i], "--print-config") == 0 && i + 1 < argc)
			print_key = argv[++i];
		else if (strcmp(argv[i], "--version") == 0) {
			printf("chat.fcgi %s\n", CHAT_VERSION);
			return 0;
		} else {
			usage();
			return 2;
		}
	}

	/* the database, its WAL and the key are the server's alone */
	umask(077);
	app.version = CHAT_VERSION;
	if (config_load(&app.cfg, config_path, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	if (print_key)
		return print_config(&app.cfg, print_key);
	log_init((enum log_level)app.cfg.log_level, stderr);

	if (crypto_init() != 0) {
		fprintf(stderr, "%s:%d: libsodium failed to initialise\n", __FILE__, __LINE__);
		return 2;
	}
	if (mkdir(app.cfg.data_dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "%s: cannot create the data directory: %s\n", app.cfg.data_dir, strerror(errno));
		return 2;
	}
	if (key_load_or_create(app.cfg.key_path, app.key, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	if (db_open(app.cfg.db_path, &app.db, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		goto out;
	}
	if (migrate_only) {
		printf("chat: database %s at schema version %d\n", app.cfg.db_path, db_schema_version(app.db));
		rc = 0;
		goto out;
	}
	rc = http_serve(&app, controller_dispatch);
out:
	db_close(app.db);
	memset(app.key, 0, sizeof app.key);
	return rc;
}
