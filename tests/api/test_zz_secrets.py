"""After every other test, with every server stopped: the logs hold no
password or token the tests used, and every worker line carries rid= and
layer=."""

import re

from harness import PASSWORDS, TOKENS, check, final

# lighttpd's own error log lines: "2026-11-24 19:09:45: (server.c.1513) ..."
LIGHTTPD = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}: \(")
# bin/serve's banner and the messages of `chat.fcgi --migrate` (a command, not a worker)
BANNER = re.compile(r"^chat: ")


def all_logs(t):
    out = []
    for s in t.suite.servers:
        text = s.log_text()
        if text:
            out.append((s.name, text))
    return out


@final
def test_logs_hold_no_passwords(t):
    logs = all_logs(t)
    check(logs, "no server logs to check")
    check(len(PASSWORDS) >= 10, "only %d passwords remembered" % len(PASSWORDS))
    for name, text in logs:
        for pw in PASSWORDS:
            check(pw not in text, "server %s logged a password: %r" % (name, pw))


@final
def test_logs_hold_no_tokens(t):
    logs = all_logs(t)
    check(logs, "no server logs to check")
    check(len(TOKENS) >= 10, "only %d tokens remembered" % len(TOKENS))
    for name, text in logs:
        for tok in TOKENS:
            check(tok not in text, "server %s logged a token" % name)
            sig = tok.rsplit(".", 1)[1]
            check(sig not in text, "server %s logged a token's signature" % name)
            body = tok.split(".")[1]
            check(body not in text, "server %s logged a token's payload" % name)


@final
def test_worker_log_lines_have_rid_and_layer(t):
    logs = all_logs(t)
    worker_lines = 0
    for name, text in logs:
        for line in text.splitlines():
            if not line.strip() or LIGHTTPD.match(line) or BANNER.match(line):
                continue
            worker_lines += 1
            check(" rid=" in line and " layer=" in line, "server %s: log line without rid=/layer=: %r" % (name, line))
    check(worker_lines > 0, "no worker log lines at all")


@final
def test_login_logged(t):
    # the login events are in the log (so that the password check above saw them)
    text = "".join(x for _, x in all_logs(t))
    check(re.search(r"layer=\S+ .*login", text), "no login events in the logs")
