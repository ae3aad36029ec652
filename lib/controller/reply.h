/*
 * reply.h - the one place where an error becomes an HTTP answer, and the
 * success envelope {"status": 0, "message": ...}.
 */
#ifndef CONTROLLER_REPLY_H
#define CONTROLLER_REPLY_H

struct request;
struct json_object;

/*
 * Answers err (either sign) as {"status": <http>, "message": ..., "error":
 * <code>} plus "field" when field is not NULL. message NULL takes the
 * error's default. For 429 errors pass retry_after > 0: it goes into the
 * Retry-After header and the retry_after field.
 */
void reply_error(struct request *r, int err, const char *field, const char *message, int retry_after);

/* A new {"status": 0, "message": message} object to add fields to; NULL without memory. */
struct json_object *reply_object(const char *message);

/* Sends o with the HTTP status and releases it. NULL o answers "internal". */
void reply_send(struct request *r, int status, struct json_object *o);

#endif
