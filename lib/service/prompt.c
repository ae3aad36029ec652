/*
 * prompt.c - choosing and listing the preset prompts.
 */
#include "service/prompt.h"
#include "core/app.h"
#include "model/prompt.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *prompt_lang(const char *al)
{
	double best_q = -1;
	int best_zh = 0;
	while (al && *al) {
		while (*al == ' ' || *al == ',')
			al++;
		if (!*al)
			break;
		size_t len = strcspn(al, ",");
		const char *semi = memchr(al, ';', len);
		size_t tag_len = semi ? (size_t)(semi - al) : len;
		while (tag_len && al[tag_len - 1] == ' ')
			tag_len--;
		double q = 1.0;
		if (semi) {
			const char *p = semi + 1;
			while (p < al + len) {
				while (p < al + len && (*p == ' ' || *p == ';'))
					p++;
				if (p + 2 <= al + len && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
					char num[16];
					size_t nl = strcspn(p + 2, ";,");
					if (nl >= sizeof num)
						nl = sizeof num - 1;
					memcpy(num, p + 2, nl);
					num[nl] = '\0';
					char *end;
					q = strtod(num, &end);
					if (end == num || q < 0 || q > 1)
						q = 0;
				}
				p += strcspn(p, ";");
			}
		}
		int zh =
			tag_len >= 2 && strncasecmp(al, "zh", 2) == 0 && (tag_len == 2 || al[2] == '-' || al[2] == '_');
		if (q > 0 && q > best_q) {
			best_q = q;
			best_zh = zh;
		}
		al += len;
	}
	return best_zh ? "zh" : "en";
}

int prompts_list(struct app *app, const char *lang, prompt_each_fn fn, void *arg)
{
	return prompt_list(app->db, lang, fn, arg);
}
