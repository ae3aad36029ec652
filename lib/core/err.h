/*
 * err.h - the one project-wide error enum and its table.
 *
 * Functions that can fail return 0 or a negated value of this enum
 * (return -ERR_NOT_FOUND). The table maps each error to its HTTP status,
 * its stable snake_case code from shared/API.md and a default message for
 * people. Only the controller turns an error into an HTTP answer; every
 * other layer just passes the value up. Knows nothing else of the app.
 */
#ifndef CORE_ERR_H
#define CORE_ERR_H

enum err {
	ERR_NONE = 0,
	ERR_BAD_REQUEST,          /* 400 bad_request */
	ERR_UNAUTHORIZED,         /* 401 unauthorized */
	ERR_SESSION_EXPIRED,      /* 401 session_expired */
	ERR_LOGGED_IN_ELSEWHERE,  /* 401 logged_in_elsewhere */
	ERR_INVALID_CREDENTIALS,  /* 401 invalid_credentials */
	ERR_REGISTRATION_CLOSED,  /* 403 registration_closed */
	ERR_NOT_FOUND,            /* 404 not_found */
	ERR_METHOD_NOT_ALLOWED,   /* 405 method_not_allowed */
	ERR_PAYLOAD_TOO_LARGE,    /* 413 payload_too_large */
	ERR_UNSUPPORTED_MEDIA,    /* 415 unsupported_media_type */
	ERR_IN_PROGRESS,          /* 409 in_progress */
	ERR_TAB_LIMIT,            /* 409 tab_limit */
	ERR_CONFLICT,             /* 409 conflict: a unique key already taken (internal use) */
	ERR_RATE_LIMITED,         /* 429 rate_limited */
	ERR_LOGIN_THROTTLED,      /* 429 login_throttled */
	ERR_UPSTREAM_ERROR,       /* 502 upstream_error */
	ERR_UPSTREAM_UNAVAILABLE, /* 503 upstream_unavailable */
	ERR_UPSTREAM_TIMEOUT,     /* 504 upstream_timeout */
	ERR_BUSY,                 /* 503 unavailable: the database stayed locked */
	ERR_UNAVAILABLE,          /* 503 unavailable: the database does not answer */
	ERR_INTERNAL,             /* 500 internal */
	ERR__MAX
};

/* HTTP status of e (500 for a value outside the enum). */
int err_status(int e);

/* Stable API code of e ("bad_request"); static string, never NULL. */
const char *err_code(int e);

/* Default message for people; static string, never NULL. */
const char *err_message(int e);

/* Accepts e or -e and returns the positive enum value, ERR_INTERNAL when out of range. */
int err_norm(int e);

#endif
