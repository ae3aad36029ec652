"""
harness.py - what the API tests share: starting and stopping a real server
(bin/serve: lighttpd + chat.fcgi workers), a small HTTP client, login
helpers, a JWT maker for forged tokens, and assertions on the API's
response envelope (shared/API.md).

Standard library only; runs with Debian's /usr/bin/python3.
"""

import base64
import hashlib
import hmac
import http.client
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVE = os.path.join(ROOT, "bin", "serve")
DEFAULT_FCGI = os.path.join(ROOT, "cgi-bin", "chat.fcgi")

START_TIMEOUT = float(os.environ.get("API_START_TIMEOUT", "15"))
REQUEST_TIMEOUT = float(os.environ.get("API_REQUEST_TIMEOUT", "60"))


class TestFailure(AssertionError):
    pass


def check(cond, msg):
    if not cond:
        raise TestFailure(msg)


def eq(got, want, what):
    if got != want:
        raise TestFailure("%s: expected %r, got %r" % (what, want, got))


# ---------------------------------------------------------------- secrets
# Every password the tests send and every token the server hands out is
# remembered, so that a final test can check that no log line holds one.

_secret_lock = threading.Lock()
PASSWORDS = set()
TOKENS = set()


def remember_password(pw):
    if isinstance(pw, str) and len(pw) >= 8:
        with _secret_lock:
            PASSWORDS.add(pw)


def remember_token(tok):
    if isinstance(tok, str) and tok.count(".") == 2 and len(tok) > 40:
        with _secret_lock:
            TOKENS.add(tok)


# ---------------------------------------------------------------- names

_counter = itertools.count(1)
_counter_lock = threading.Lock()
RUN_TAG = secrets.token_hex(2)


def uname(prefix="u"):
    """A username unique in this run: prefix + run tag + counter (<= 32 chars)."""
    with _counter_lock:
        n = next(_counter)
    name = "%s_%s%d" % (prefix[:20], RUN_TAG, n)
    assert 3 <= len(name) <= 32, name
    return name


def password():
    """A fresh password (remembered as a secret)."""
    pw = "pw-" + secrets.token_urlsafe(12)
    remember_password(pw)
    return pw


# ---------------------------------------------------------------- HTTP client


class Response:
    def __init__(self, method, path, status, header_list, raw):
        self.method = method
        self.path = path
        self.status = status
        self.header_list = header_list  # [(name, value)] as received
        self.headers = {}
        for k, v in header_list:
            self.headers[k.lower()] = v
        self.raw = raw
        self.json = None
        self.json_error = None
        if raw:
            try:
                self.json = json.loads(raw.decode("utf-8"))
            except Exception as e:  # noqa: BLE001 - kept for the message
                self.json_error = str(e)
        if isinstance(self.json, dict):
            remember_token(self.json.get("token"))

    def header(self, name):
        return self.headers.get(name.lower())

    def all_headers(self, name):
        return [v for k, v in self.header_list if k.lower() == name.lower()]

    # tuple-like: (status, headers, json, raw)
    def __iter__(self):
        return iter((self.status, self.headers, self.json, self.raw))

    def __repr__(self):
        body = self.raw[:300]
        return "<%s %s -> %d %r>" % (self.method, self.path, self.status, body)


class Server:
    """One bin/serve process (lighttpd + workers) on a free loopback port."""

    def __init__(self, fcgi=None, config=None, data_dir=None, workers=4, name="server"):
        self.fcgi = fcgi or DEFAULT_FCGI
        self.config = dict(config or {})
        self.workers = workers
        self.name = name
        self.own_tmp = None
        if data_dir is None:
            self.own_tmp = tempfile.mkdtemp(prefix="chat-api-%s-" % name)
            data_dir = os.path.join(self.own_tmp, "data")
        self.data_dir = data_dir
        self.port = None
        self.proc = None
        self.log_path = None
        self.log_files = []  # every log file this server object wrote
        self.host = "127.0.0.1"

    # -- lifecycle

    def _env(self):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("CHAT_") and k not in ("OPENAI_API_KEY", "PORT", "HOST")}
        os.makedirs(self.data_dir, exist_ok=True)
        # An empty configuration file, so that a chat.conf in the repository
        # cannot change what the tests see.
        conf = os.path.join(os.path.dirname(self.data_dir), "empty-%s.conf" % os.path.basename(self.data_dir))
        with open(conf, "w"):
            pass
        env.update({
            "PORT": str(self.port),
            "HOST": self.host,
            "CHAT_WORKERS": str(self.workers),
            "CHAT_DATA_DIR": self.data_dir,
            "CHAT_FCGI": self.fcgi,
            "CHAT_CONFIG": conf,
            # The model API is never reached by these tests.
            "CHAT_UPSTREAM_URL": "http://127.0.0.1:9/v1",
        })
        for k, v in self.config.items():
            env["CHAT_" + k.upper()] = str(v)
        return env

    def start(self):
        os.makedirs(self.data_dir, exist_ok=True)
        self.port = free_port()
        n = len(self.log_files) + 1
        self.log_path = os.path.join(self.data_dir, "server-%d.log" % n)
        self.log_files.append(self.log_path)
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(
                ["sh", SERVE], cwd=ROOT, env=self._env(), stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            log.close()
        deadline = time.monotonic() + START_TIMEOUT
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise TestFailure("%s: bin/serve exited with %s before answering; log:\n%s"
                                  % (self.name, self.proc.returncode, self.log_tail()))
            try:
                r = self.request("GET", "/api/health", timeout=2)
                if r.status == 200:
                    return self
                last = "health answered %d" % r.status
            except OSError as e:
                last = str(e)
            time.sleep(0.1)
        self.stop()
        raise TestFailure("%s: no 200 from /api/health within %.0f s (%s); log:\n%s"
                          % (self.name, START_TIMEOUT, last, self.log_tail()))

    def stop(self):
        p = self.proc
        if p is None:
            return
        self.proc = None
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait()
        # Workers (same process group) may outlive lighttpd for a moment, e.g.
        # while the leak checker of a sanitizer build runs at their exit:
        # give them 5 s before they are killed.
        deadline = time.monotonic() + 5
        while group_alive(p.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if group_alive(p.pid):
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def cleanup(self):
        self.stop()
        if self.own_tmp and not os.environ.get("API_KEEP"):
            shutil.rmtree(self.own_tmp, ignore_errors=True)

    def log_text(self):
        out = []
        for path in self.log_files:
            try:
                with open(path, "rb") as f:
                    out.append(f.read().decode("utf-8", "replace"))
            except OSError:
                pass
        return "".join(out)

    def log_tail(self, n=40):
        return "\n".join(self.log_text().splitlines()[-n:])

    def key(self):
        with open(os.path.join(self.data_dir, "jwt.key"), "rb") as f:
            return f.read()

    # -- requests

    def request(self, method, path, body=None, headers=None, token=None, cookie=None,
                timeout=None, source=None, chunked=False):
        """
        body: None (no body), bytes (sent as is; no Content-Type added), or any
        other value, sent as JSON with Content-Type application/json unless a
        Content-Type is in headers. token: sent as Authorization: Bearer.
        Returns a Response (iterable as status, headers, json, raw).
        """
        hdrs = dict(headers or {})
        lower = {k.lower() for k in hdrs}
        data = None
        if body is not None:
            if isinstance(body, (bytes, bytearray)):
                data = bytes(body)
            else:
                data = json.dumps(body).encode("utf-8")
                if "content-type" not in lower:
                    hdrs["Content-Type"] = "application/json"
        if token is not None:
            hdrs["Authorization"] = "Bearer " + token
        if cookie is not None:
            hdrs["Cookie"] = cookie
        conn = http.client.HTTPConnection(
            self.host, self.port, timeout=timeout or REQUEST_TIMEOUT,
            source_address=(source, 0) if source else None)
        try:
            if chunked:
                conn.putrequest(method, path, skip_accept_encoding=True)
                for k, v in hdrs.items():
                    conn.putheader(k, v)
                conn.putheader("Transfer-Encoding", "chunked")
                conn.endheaders()
                step = 1000
                for i in range(0, len(data or b""), step):
                    part = data[i:i + step]
                    conn.send(b"%x\r\n%s\r\n" % (len(part), part))
                conn.send(b"0\r\n\r\n")
            else:
                if data is not None and "content-length" not in lower:
                    hdrs["Content-Length"] = str(len(data))
                conn.request(method, path, body=data, headers=hdrs)
            r = conn.getresponse()
            raw = r.read()
            return Response(method, path, r.status, r.getheaders(), raw)
        finally:
            conn.close()

    # -- login helpers

    def login(self, username, pw, **kw):
        remember_password(pw)
        return self.request("POST", "/api/login", {"username": username, "password": pw}, **kw)

    def login_ok(self, username, pw, **kw):
        r = self.login(username, pw, **kw)
        expect_ok(r, 200)
        check(isinstance(r.json.get("token"), str), "login: no token in %r" % r)
        return r.json["token"]

    def new_user(self, prefix="u"):
        """Registers a fresh user; returns (username, password, token)."""
        name = uname(prefix)
        pw = password()
        tok = self.login_ok(name, pw)
        return name, pw, tok

    def heartbeat(self, token, **kw):
        return self.request("POST", "/api/heartbeat", token=token, **kw)


def group_alive(pgid):
    """1 if a process of the group is alive (zombies do not count)."""
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...
        rest = st[st.rfind(")") + 2:].split()
        if len(rest) > 2 and rest[2] == str(pgid) and rest[0] != "Z":
            return True
    return False


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


# ---------------------------------------------------------------- assertions

ERROR_STATUS = {
    "bad_request": 400, "unauthorized": 401, "session_expired": 401,
    "logged_in_elsewhere": 401, "invalid_credentials": 401,
    "registration_closed": 403, "not_found": 404, "method_not_allowed": 405,
    "payload_too_large": 413, "unsupported_media_type": 415, "in_progress": 409,
    "tab_limit": 409, "rate_limited": 429, "login_throttled": 429,
    "upstream_error": 502, "upstream_unavailable": 503, "upstream_timeout": 504,
    "internal": 500,
}


def envelope_problems(r):
    """What is wrong with the envelope every /api response must have."""
    probs = []
    ct = (r.header("Content-Type") or "")
    if ct.split(";")[0].strip().lower() != "application/json":
        probs.append("Content-Type is %r, not application/json" % ct)
    cc = r.header("Cache-Control") or ""
    if "no-store" not in [p.strip().lower() for p in cc.split(",")]:
        probs.append("Cache-Control is %r, not no-store" % cc)
    if r.method == "HEAD":
        return probs
    j = r.json
    if not isinstance(j, dict):
        probs.append("body is not a JSON object (%s): %r" % (r.json_error, r.raw[:200]))
        return probs
    st = j.get("status")
    if not isinstance(st, int) or isinstance(st, bool):
        probs.append("status is not an integer: %r" % (st,))
    if not isinstance(j.get("message"), str):
        probs.append("message is not a string: %r" % (j.get("message"),))
    if r.status < 300:
        if st != 0:
            probs.append("success with status %r (expected 0)" % (st,))
    else:
        if st != r.status:
            probs.append("status %r differs from the HTTP code %d" % (st, r.status))
        err = j.get("error")
        if not isinstance(err, str) or not err:
            probs.append("error code missing: %r" % (err,))
        elif ERROR_STATUS.get(err, r.status) != r.status:
            probs.append("error %r with HTTP %d (the table says %d)" % (err, r.status, ERROR_STATUS[err]))
    return probs


def expect_envelope(r):
    p = envelope_problems(r)
    if p:
        raise TestFailure("%s %s -> %d: %s" % (r.method, r.path, r.status, "; ".join(p)))


def expect_ok(r, status=200):
    if r.status != status:
        raise TestFailure("%s %s: expected %d, got %d: %r" % (r.method, r.path, status, r.status, r.raw[:400]))
    expect_envelope(r)
    return r.json


def expect_error(r, status, error, field=None):
    if r.status != status or not isinstance(r.json, dict) or r.json.get("error") != error:
        raise TestFailure("%s %s: expected %d %s, got %d: %r"
                          % (r.method, r.path, status, error, r.status, r.raw[:400]))
    expect_envelope(r)
    if field is not None:
        got = r.json.get("field")
        if got != field:
            raise TestFailure("%s %s: expected field %r, got %r: %r" % (r.method, r.path, field, got, r.raw[:400]))
        if field not in r.json.get("message", ""):
            raise TestFailure("%s %s: message does not name the field %r: %r"
                              % (r.method, r.path, field, r.json.get("message")))
    return r.json


# ---------------------------------------------------------------- JWT


def b64url(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(s):
    s = s + "=" * (-len(s) % 4)
    return base64.urlsafe_b64decode(s.encode("ascii"))


def jwt_parts(token):
    """(header dict, payload dict, signature bytes) of a token."""
    h, p, s = token.split(".")
    return json.loads(b64url_decode(h)), json.loads(b64url_decode(p)), b64url_decode(s)


def make_jwt(payload, key=b"", alg="HS256", header=None):
    """A JWT with the given payload; alg HS256, HS512 or none (empty signature)."""
    hdr = {"alg": alg, "typ": "JWT"}
    if header:
        hdr.update(header)
    signing_input = b64url(json.dumps(hdr, separators=(",", ":"))) + "." + \
        b64url(json.dumps(payload, separators=(",", ":")))
    if alg == "none":
        sig = b""
    elif alg == "HS256":
        sig = hmac.new(key, signing_input.encode("ascii"), hashlib.sha256).digest()
    elif alg == "HS512":
        sig = hmac.new(key, signing_input.encode("ascii"), hashlib.sha512).digest()
    else:
        raise ValueError(alg)
    return signing_input + "." + b64url(sig)


# ---------------------------------------------------------------- test context


class Context:
    """
    What a test function gets: ctx.server (the shared server, started on first
    use), ctx.new_server(config) for a dedicated one (stopped when the test
    ends; its log is kept for the final checks), and ctx.fcgi.
    """

    def __init__(self, suite, name):
        self.suite = suite
        self.name = name
        self.fcgi = suite.fcgi
        self._servers = []

    @property
    def server(self):
        return self.suite.shared_server()

    def new_server(self, config=None, data_dir=None, name=None, start=True):
        s = Server(self.fcgi, config=config, data_dir=data_dir, name=name or self.name)
        self.suite.register_server(s)
        self._servers.append(s)
        if start:
            s.start()
        return s

    def named_server(self, key, config=None):
        return self.suite.named_server(key, config)

    def close(self):
        for s in self._servers:
            s.stop()


class Suite:
    def __init__(self, fcgi, shared_config=None):
        self.fcgi = fcgi
        self.shared_config = shared_config or {}
        self._shared = None
        self._shared_error = None
        self._lock = threading.Lock()
        self.servers = []
        self._named = {}

    def register_server(self, s):
        with self._lock:
            self.servers.append(s)

    def shared_server(self):
        with self._lock:
            if self._shared is None and self._shared_error is None:
                s = Server(self.fcgi, config=self.shared_config, name="shared")
                self.servers.append(s)
                try:
                    s.start()
                    self._shared = s
                except Exception as e:  # noqa: BLE001
                    self._shared_error = e
            if self._shared_error is not None:
                raise TestFailure("shared server did not start: %s" % self._shared_error)
            return self._shared

    def named_server(self, key, config=None):
        """A dedicated server shared by the tests that ask for the same key."""
        with self._lock:
            ent = self._named.get(key)
            if ent is None:
                s = Server(self.fcgi, config=config, name=key)
                self.servers.append(s)
                try:
                    s.start()
                    ent = (s, None)
                except Exception as e:  # noqa: BLE001
                    ent = (None, e)
                self._named[key] = ent
        if ent[1] is not None:
            raise TestFailure("server %s did not start: %s" % (key, ent[1]))
        return ent[0]

    def stop_all(self):
        for s in list(self.servers):
            s.stop()

    def cleanup(self):
        for s in list(self.servers):
            s.cleanup()


# decorators for run.py

def serial(fn):
    """Runs alone, after the parallel tests (timing-sensitive)."""
    fn.serial = True
    return fn


def final(fn):
    """Runs after every other test, with all servers stopped (log checks)."""
    fn.final = True
    return fn


ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def parse_iso_z(s):
    import calendar
    check(isinstance(s, str) and ISO_Z.match(s), "not an ISO 8601 UTC time with Z: %r" % (s,))
    return calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))
