/*
 * test_config.c - configuration: defaults, the file, the environment, errors with file:line.
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

#include "core/config.h"
#include "core/log.h"

static char path[64];

static const char *const env_keys[] = {
	"CHAT_DATA_DIR",     "CHAT_DB_PATH",          "CHAT_UPSTREAM_URL",
	"CHAT_API_KEY",      "OPENAI_API_KEY",        "CHAT_DEFAULT_MODEL",
	"CHAT_MODELS",       "CHAT_CONTEXT_MESSAGES", "CHAT_RATE_LIMIT_SECONDS",
	"CHAT_IDLE_TIMEOUT", "CHAT_TOKEN_LIFETIME",   "CHAT_MAX_TABS",
	"CHAT_REGISTRATION", "CHAT_MAX_BODY",         "CHAT_MAX_INPUT",
	"CHAT_MAX_LENGTH",   "CHAT_UPSTREAM_TIMEOUT", "CHAT_LOGIN_MAX_FAILURES",
	"CHAT_LOGIN_WINDOW", "CHAT_LOG_LEVEL",
};

static int setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof env_keys / sizeof env_keys[0]; i++)
		unsetenv(env_keys[i]);
	strcpy(path, "/tmp/test_config_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static void write_file(const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void defaults_match_the_documentation(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	assert_int_equal(config_load(&c, NULL, err, sizeof err), 0);
	assert_string_equal(c.data_dir, "var");
	assert_string_equal(c.db_path, "var/chat.db");
	assert_string_equal(c.key_path, "var/jwt.key");
	assert_int_equal(c.context_messages, 15);
	assert_int_equal(c.rate_limit_seconds, 5);
	assert_int_equal(c.idle_timeout, 30);
	assert_int_equal(c.token_lifetime, 86400);
	assert_int_equal(c.max_tabs, 3);
	assert_int_equal(c.registration_open, 1);
	assert_int_equal(c.max_body, 65536);
	assert_int_equal(c.max_input, 16384);
	assert_int_equal(c.max_length, 4096);
	assert_int_equal(c.upstream_timeout, 60);
	assert_int_equal(c.login_max_failures, 5);
	assert_int_equal(c.login_window, 300);
	assert_int_equal(c.log_level, LL_INFO);
	assert_int_equal(c.upstream_configured, 0);
	assert_int_equal(c.nmodels, 1);
	assert_string_equal(c.models[0], c.default_model);
}

static void file_values_are_read_with_comments_and_quotes(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	write_file("# a comment\n\n  idle_timeout = 12  \nregistration=closed\ndata_dir = \"/srv/chat data\"\n"
		   "upstream_url = http://127.0.0.1:9000/v1/\nlog_level = debug\n");
	assert_int_equal(config_load(&c, path, err, sizeof err), 0);
	assert_int_equal(c.idle_timeout, 12);
	assert_int_equal(c.registration_open, 0);
	assert_string_equal(c.data_dir, "/srv/chat data");
	assert_string_equal(c.db_path, "/srv/chat data/chat.db");
	assert_string_equal(c.upstream_url, "http://127.0.0.1:9000/v1");
	assert_int_equal(c.upstream_configured, 1);
	assert_int_equal(c.log_level, LL_DEBUG);
}

static void environment_wins_over_the_file(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	write_file("max_tabs = 5\ncontext_messages = 20\n");
	setenv("CHAT_MAX_TABS", "7", 1);
	assert_int_equal(config_load(&c, path, err, sizeof err), 0);
	assert_int_equal(c.max_tabs, 7);
	assert_int_equal(c.context_messages, 20);
	unsetenv("CHAT_MAX_TABS");
}

static void unknown_key_stops_with_file_and_line(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	write_file("idle_timeout = 10\n\nno_such_key = 1\n");
	assert_int_equal(config_load(&c, path, err, sizeof err), -1);
	char want[128];
	snprintf(want, sizeof want, "%s:3: unknown key 'no_such_key'", path);
	assert_string_equal(err, want);
}

static void bad_values_stop_with_file_and_line(void **state)
{
	(void)state;
	struct config c;
	char err[256], want[128];
	static const char *const bad[] = {
		"idle_timeout = abc\n",
		"idle_timeout = 0\n",
		"max_tabs = 101\n",
		"registration = maybe\n",
		"log_level = loud\n",
		"upstream_url = ftp://x\n",
		"rate_limit_seconds = 5s\n",
		"missing equals\n",
		"models = good,bad name!\n",
		"upstream_url = https:///\n",
		"upstream_url = http://\n",
		"upstream_url = http://host/a b\n",
		"max_body = 99999999999999999999\n",
		"data_dir =\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_file(bad[i]);
		assert_int_equal(config_load(&c, path, err, sizeof err), -1);
		snprintf(want, sizeof want, "%s:1: ", path);
		assert_memory_equal(err, want, strlen(want));
	}
}

static void bad_environment_value_names_the_variable(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	setenv("CHAT_IDLE_TIMEOUT", "-3", 1);
	assert_int_equal(config_load(&c, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "CHAT_IDLE_TIMEOUT"));
	unsetenv("CHAT_IDLE_TIMEOUT");
}

static void api_key_comes_from_chat_api_key_then_openai_api_key(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	setenv("OPENAI_API_KEY", "sk-openai", 1);
	assert_int_equal(config_load(&c, NULL, err, sizeof err), 0);
	assert_string_equal(c.api_key, "sk-openai");
	assert_int_equal(c.upstream_configured, 1);
	setenv("CHAT_API_KEY", "sk-chat", 1);
	assert_int_equal(config_load(&c, NULL, err, sizeof err), 0);
	assert_string_equal(c.api_key, "sk-chat");
	unsetenv("CHAT_API_KEY");
	unsetenv("OPENAI_API_KEY");
}

static void default_model_is_always_in_the_allow_list(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	write_file("default_model = llama3\nmodels = gpt-4o, qwen2.5:7b,gpt-4o\n");
	assert_int_equal(config_load(&c, path, err, sizeof err), 0);
	assert_int_equal(c.nmodels, 3);
	assert_string_equal(c.models[0], "llama3");
	assert_string_equal(c.models[1], "gpt-4o");
	assert_string_equal(c.models[2], "qwen2.5:7b");
	assert_true(config_has_model(&c, "llama3"));
	assert_false(config_has_model(&c, "gpt-5"));
}

static void max_input_above_max_body_is_refused(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	write_file("max_body = 2048\nmax_input = 4096\n");
	assert_int_equal(config_load(&c, path, err, sizeof err), -1);
	assert_non_null(strstr(err, "max_input"));
}

static void unset_max_input_follows_a_smaller_max_body(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	write_file("max_body = 2048\n");
	assert_int_equal(config_load(&c, path, err, sizeof err), 0);
	assert_int_equal(c.max_input, 2048);
}

static void missing_file_is_an_error(void **state)
{
	(void)state;
	struct config c;
	char err[256];
	assert_int_equal(config_load(&c, "/nonexistent/chat.conf", err, sizeof err), -1);
	assert_non_null(strstr(err, "/nonexistent/chat.conf"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(defaults_match_the_documentation, setup, teardown),
		cmocka_unit_test_setup_teardown(file_values_are_read_with_comments_and_quotes, setup, teardown),
		cmocka_unit_test_setup_teardown(environment_wins_over_the_file, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_key_stops_with_file_and_line, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_values_stop_with_file_and_line, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_environment_value_names_the_variable, setup, teardown),
		cmocka_unit_test_setup_teardown(api_key_comes_from_chat_api_key_then_openai_api_key, setup, teardown),
		cmocka_unit_test_setup_teardown(default_model_is_always_in_the_allow_list, setup, teardown),
		cmocka_unit_test_setup_teardown(max_input_above_max_body_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(unset_max_input_follows_a_smaller_max_body, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_file_is_an_error, setup, teardown),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
