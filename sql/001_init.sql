-- 001_init.sql - accounts, logins, failed logins and the preset prompts
-- table. Applied by db_open inside BEGIN IMMEDIATE; recorded as
-- PRAGMA user_version = 1. All times are Unix milliseconds (UTC).
-- chat_sessions and messages come in 003.

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE COLLATE NOCASE,
	password_hash TEXT NOT NULL,
	created_ms INTEGER NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0
);

-- One row per issued token; live while ended_ms IS NULL.
CREATE TABLE logins (
	id INTEGER PRIMARY KEY,
	jti TEXT NOT NULL UNIQUE,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_ms INTEGER NOT NULL,
	last_seen_ms INTEGER NOT NULL,
	expires_ms INTEGER NOT NULL,
	ended_ms INTEGER NULL,
	end_reason TEXT NULL CHECK (end_reason IN ('logout', 'replaced', 'expired'))
);
-- At most one live login per user (one device per user).
CREATE UNIQUE INDEX logins_live ON logins(user_id) WHERE ended_ms IS NULL;
-- For the ON DELETE CASCADE from users (the partial index above cannot serve it).
CREATE INDEX logins_user ON logins(user_id);

CREATE TABLE login_failures (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL COLLATE NOCASE,
	addr TEXT NOT NULL,
	at_ms INTEGER NOT NULL
);
CREATE INDEX login_failures_username ON login_failures(username, at_ms);
CREATE INDEX login_failures_addr ON login_failures(addr, at_ms);

CREATE TABLE prompts (
	id INTEGER PRIMARY KEY,
	lang TEXT NOT NULL CHECK (lang IN ('en', 'zh')),
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	prompt TEXT NOT NULL
);
CREATE UNIQUE INDEX prompts_lang_position ON prompts(lang, position);
