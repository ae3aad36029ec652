#!/usr/bin/env python3
"""The worker run as a plain CGI: environment variables and a body on stdin,
no web server. Fast checks of the request path, and of what only a start can
show: the configuration, the key and the database refusing a bad state with
"file:line: why" (or "path: why") and exit status 2.

Usage: run.py [--fcgi PATH]   (default cgi-bin/chat.fcgi)
Prints "ok name" / "FAIL name: why" per test, then "N passed, M failed".
"""

import argparse
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FCGI = os.path.join(ROOT, "cgi-bin", "chat.fcgi")


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.stderr = proc.stderr.decode("utf-8", "replace")
        head, _, body = proc.stdout.partition(b"\r\n\r\n")
        self.headers = {}
        self.status = None
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(": ")
            if name == "Status":
                self.status = int(value.split()[0])
            elif name:
                self.headers.setdefault(name.lower(), []).append(value)
        self.raw = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None


class Env:
    """A fresh data directory and an empty configuration file."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="chat-cgi-")
        self.data = os.path.join(self.dir, "data")
        self.conf = os.path.join(self.dir, "chat.conf")
        open(self.conf, "w").close()

    def env(self, **extra):
        e = {k: v for k, v in os.environ.items() if not k.startswith("CHAT_") and k != "OPENAI_API_KEY"}
        e.update(CHAT_DATA_DIR=self.data, CHAT_CONFIG=self.conf, CHAT_LOG_LEVEL="warn")
        e.update(extra)
        return e

    def run(self, args=(), stdin=b"", timeout=30, **env):
        return subprocess.run([FCGI, *args], input=stdin, capture_output=True, env=self.env(**env), timeout=timeout)

    def request(self, method, uri, body=None, content_type="application/json", headers=None, **env):
        cgi = {"REQUEST_METHOD": method, "REQUEST_URI": uri, "REMOTE_ADDR": "127.0.0.1", "GATEWAY_INTERFACE": "CGI/1.1"}
        data = b""
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            cgi["CONTENT_LENGTH"] = str(len(data))
            if content_type:
                cgi["CONTENT_TYPE"] = content_type
        for name, value in (headers or {}).items():
            cgi["HTTP_" + name.upper().replace("-", "_")] = value
        cgi.update(env)
        return Result(self.run(stdin=data, **cgi))

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def check(cond, why):
    if not cond:
        raise AssertionError(why)


def expect(res, status, error=None):
    check(res.rc == 0, "worker exit %d; stderr %s" % (res.rc, res.stderr[-500:]))
    check(res.status == status, "status %r, want %d; body %r; stderr %s" % (res.status, status, res.raw[:200], res.stderr[-300:]))
    check(res.json is not None, "body is not JSON: %r" % res.raw[:200])
    check(res.headers.get("content-type") == ["application/json"], "content-type %r" % res.headers.get("content-type"))
    check(res.headers.get("cache-control") == ["no-store"], "cache-control %r" % res.headers.get("cache-control"))
    if error:
        check(res.json.get("error") == error and res.json.get("status") == status, "body %r, want error %s" % (res.json, error))
    else:
        check(res.json.get("status") == 0, "body %r" % res.json)
    return res.json


# ------------------------------------------------------------------ requests


def test_health(e):
    j = expect(e.request("GET", "/api/health"), 200)
    check(isinstance(j.get("version"), str) and j["version"], "version %r" % j)


def test_unknown_route_and_method(e):
    expect(e.request("GET", "/api/nothing/here"), 404, "not_found")
    r = e.request("PUT", "/api/login", body={})
    expect(r, 405, "method_not_allowed")
    check(r.headers.get("allow") == ["POST"], "allow %r" % r.headers.get("allow"))


def test_declared_huge_body_is_refused_without_reading(e):
    # a declared length of 1 GB with nothing on stdin: answered at once, not read
    r = e.request("POST", "/api/login", CONTENT_LENGTH="1000000000", CONTENT_TYPE="application/json")
    expect(r, 413, "payload_too_large")


def test_text_body_is_unsupported(e):
    expect(e.request("POST", "/api/login", body=b"username=a", content_type="text/plain"), 415, "unsupported_media_type")


def test_login_state_carries_across_processes(e):
    j = expect(e.request("POST", "/api/login", body={"username": "cgi_user", "password": "secret-pw-1"}), 200)
    check(j["registered"] is True, "registered %r" % j)
    tok = j["token"]
    j = expect(e.request("POST", "/api/heartbeat", headers={"Authorization": "Bearer " + tok}, body=b"", content_type=None), 200)
    check(j.get("idle_timeout") == 30, "idle_timeout %r" % j)
    # a second process logs in again: the first token is over
    expect(e.request("POST", "/api/login", body={"username": "CGI_USER", "password": "secret-pw-1"}), 200)
    expect(e.request("POST", "/api/heartbeat", headers={"Authorization": "Bearer " + tok}), 401, "logged_in_elsewhere")


def test_bad_field_is_named(e):
    r = e.request("POST", "/api/login", body={"username": "a/b", "password": "secret-pw-1"})
    j = expect(r, 400, "bad_request")
    check(j.get("field") == "username" and "username" in j["message"], "body %r" % j)


def test_invalid_utf8_body(e):
    expect(e.request("POST", "/api/login", body=b'{"username":"\xff\xfe","password":"secret-pw-1"}'), 400, "bad_request")


# ------------------------------------------------------------------ starting


def test_migrate_creates_database_and_key(e):
    r = e.run(["--migrate"])
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr.decode()))
    key = os.path.join(e.data, "jwt.key")
    st = os.stat(key)
    check(stat.S_IMODE(st.st_mode) == 0o600 and st.st_size == 32, "key mode %o size %d" % (st.st_mode, st.st_size))
    check(stat.S_IMODE(os.stat(e.data).st_mode) == 0o700, "data dir mode %o" % os.stat(e.data).st_mode)
    db = os.path.join(e.data, "chat.db")
    check(stat.S_IMODE(os.stat(db).st_mode) & 0o077 == 0, "database readable by others: %o" % os.stat(db).st_mode)
    migrations = len([f for f in os.listdir(os.path.join(ROOT, "sql")) if f[:3].isdigit() and f.endswith(".sql")])
    con = sqlite3.connect(db)
    try:
        check(con.execute("PRAGMA user_version").fetchone()[0] == migrations, "user_version")
        check(con.execute("PRAGMA journal_mode").fetchone()[0] == "wal", "journal_mode")
    finally:
        con.close()
    # a second run changes nothing and keeps the key
    before = open(key, "rb").read()
    check(e.run(["--migrate"]).returncode == 0, "second migrate")
    check(open(key, "rb").read() == before, "the key changed")


def expect_start_failure(r, *needles):
    err = r.stderr.decode("utf-8", "replace")
    check(r.returncode == 2, "exit %d, want 2; stderr %r" % (r.returncode, err))
    for n in needles:
        check(n in err, "stderr %r lacks %r" % (err, n))


def test_unknown_config_key_stops_with_file_and_line(e):
    with open(e.conf, "w") as f:
        f.write("# comment\nidle_timeout = 10\nidle_timout = 10\n")
    expect_start_failure(e.run(["--migrate"]), e.conf + ":3: unknown key 'idle_timout'")
    expect_start_failure(e.run([], REQUEST_METHOD="GET", REQUEST_URI="/api/health"), e.conf + ":3:")


def test_bad_config_value_stops_with_file_and_line(e):
    with open(e.conf, "w") as f:
        f.write("max_tabs = many\n")
    expect_start_failure(e.run(["--migrate"]), e.conf + ":1: max_tabs")


def test_bad_environment_value_is_named(e):
    expect_start_failure(e.run(["--migrate"], CHAT_REGISTRATION="sometimes"), "CHAT_REGISTRATION")


def test_key_readable_by_others_is_refused(e):
    check(e.run(["--migrate"]).returncode == 0, "migrate")
    key = os.path.join(e.data, "jwt.key")
    os.chmod(key, 0o644)
    expect_start_failure(e.run(["--migrate"]), key)


def test_database_newer_than_the_program_is_refused(e):
    check(e.run(["--migrate"]).returncode == 0, "migrate")
    con = sqlite3.connect(os.path.join(e.data, "chat.db"))
    con.execute("PRAGMA user_version = 999")
    con.commit()
    con.close()
    expect_start_failure(e.run(["--migrate"]), "999")


def test_unusable_data_dir_is_refused(e):
    blocker = os.path.join(e.dir, "file")
    open(blocker, "w").close()
    expect_start_failure(e.run(["--migrate"], CHAT_DATA_DIR=os.path.join(blocker, "sub")), blocker)


def test_version_option(e):
    r = e.run(["--version"])
    check(r.returncode == 0 and r.stdout.startswith(b"chat.fcgi "), "got %r" % r.stdout)


def main():
    global FCGI
    ap = argparse.ArgumentParser()
    ap.add_argument("--fcgi", default=FCGI)
    args = ap.parse_args()
    FCGI = os.path.abspath(args.fcgi)
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_") and callable(f)]
    passed = failed = 0
    for name, fn in tests:
        e = Env()
        try:
            fn(e)
            print("ok", name)
            passed += 1
        except Exception as ex:  # noqa: BLE001
            print("FAIL %s: %s" % (name, ex))
            traceback.print_exc(limit=3)
            failed += 1
        finally:
            e.close()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
