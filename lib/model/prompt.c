/*
 * prompt.c - the prompts table on the table object: the preset prompts of
 * one language in display order, and one prompt by id. The rows are
 * written by the migrations in sql/ only; nothing here changes them.
 * Which language a caller gets is the service's choice.
 */
#include "model/prompt.h"
#include "model/table.h"

#include "core/err.h"
#include "core/log.h"

#include <stdlib.h>
#include <string.h>

enum { P_ID, P_LANG, P_POSITION, P_NAME, P_PROMPT, P__N };

static const struct col prompt_cols[P__N] = {
	[P_ID] = {"id", COL_INT},      [P_LANG] = {"lang", COL_TEXT},     [P_POSITION] = {"position", COL_INT},
	[P_NAME] = {"name", COL_TEXT}, [P_PROMPT] = {"prompt", COL_TEXT},
};

static const struct table prompts = {"prompts", prompt_cols, P__N};

struct list_args {
	prompt_fn fn;
	void *arg;
};

/* Row callback for id, name, prompt. Text read back ends in a NUL (table.h). */
static int list_row(void *arg, const struct val *v, int n)
{
	struct list_args *a = arg;
	(void)n;
	/* Any non-zero return of fn only stops the listing (prompt.h); the caller keeps its own error. */
	return a->fn(a->arg, v[0].i, v[1].is_null ? "" : v[1].s, v[2].is_null ? "" : v[2].s) ? 1 : 0;
}

int prompt_list(struct db *db, const char *lang, prompt_fn fn, void *arg)
{
	struct list_args a = {.fn = fn, .arg = arg};

	if (!lang || !fn) {
		log_event(LL_ERROR, "model", "prompt_list", "bad_argument", NULL);
		return -ERR_INTERNAL;
	}
	struct cond c = {.col = P_LANG, .op = OP_EQ, .v = VAL_TEXT(lang)};
	struct select_opts o = {.order_col = P_POSITION};
	return table_select(db, &prompts, TCOL(P_ID) | TCOL(P_NAME) | TCOL(P_PROMPT), &c, 1, &o, list_row, &a, NULL);
}

struct get_args {
	char *name;
	char *prompt;
	int found;
};

/* Copies a text value into a new NUL-terminated string; NULL when out of memory. */
static char *dup_val(const struct val *v)
{
	size_t len = v->is_null ? 0 : v->len;
	char *s = malloc(len + 1);
	if (!s)
		return NULL;
	if (len)
		memcpy(s, v->s, len);
	s[len] = '\0';
	return s;
}

/* Row callback for name, prompt. */
static int get_row(void *arg, const struct val *v, int n)
{
	struct get_args *g = arg;
	(void)n;
	g->name = dup_val(&v[0]);
	g->prompt = dup_val(&v[1]);
	if (!g->name || !g->prompt) {
		log_event(LL_ERROR, "model", "prompt_get", "out_of_memory", NULL);
		return -ERR_INTERNAL;
	}
	g->found = 1;
	return 1;
}

int prompt_get(struct db *db, int64_t id, char **name, char **prompt)
{
	struct get_args g = {0};
	struct cond c = {.col = P_ID, .op = OP_EQ, .v = VAL_INT(id)};
	int ret;

	*name = NULL;
	*prompt = NULL;
	ret = table_select(db, &prompts, TCOL(P_NAME) | TCOL(P_PROMPT), &c, 1, NULL, get_row, &g, NULL);
	if (ret)
		goto out;
	if (!g.found) {
		ret = -ERR_NOT_FOUND;
		goto out;
	}
	*name = g.name;
	*prompt = g.prompt;
	g.name = NULL;
	g.prompt = NULL;
out:
	free(g.name);
	free(g.prompt);
	return ret;
}
