#!/usr/bin/python3
"""
run.py - runs the API tests (tests/api/test_*.py) against real servers.

  python3 tests/api/run.py [--fcgi PATH] [--only SUBSTR] [--jobs N]

Every function named test_* is one test; it gets a harness.Context. Tests
run in three phases: the ordinary ones on a thread pool (--jobs, default 4),
then the @serial ones one at a time (timing-sensitive), then, with every
server stopped, the @final ones (log checks). Results are printed in a
fixed order as "ok name" or "FAIL name: reason" (+ traceback); the last line
is "N passed, M failed". Exit status 1 when a test failed or none ran.
"""

import argparse
import concurrent.futures
import importlib
import inspect
import os
import sys
import time
import traceback

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402


def collect(only):
    tests = []
    for fn in sorted(os.listdir(HERE)):
        if not (fn.startswith("test_") and fn.endswith(".py")):
            continue
        mod = importlib.import_module(fn[:-3])
        funcs = [f for n, f in vars(mod).items()
                 if n.startswith("test_") and inspect.isfunction(f) and f.__module__ == mod.__name__]
        funcs.sort(key=lambda f: f.__code__.co_firstlineno)
        for f in funcs:
            name = "%s.%s" % (mod.__name__, f.__name__)
            if only and not any(o in name for o in only):
                continue
            tests.append((name, f))
    return tests


def run_one(suite, name, fn):
    ctx = harness.Context(suite, name)
    t0 = time.monotonic()
    try:
        fn(ctx)
        return (name, True, None, time.monotonic() - t0)
    except Exception as e:  # noqa: BLE001 - every failure is reported
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        if not isinstance(e, AssertionError):
            reason = "%s: %s" % (type(e).__name__, reason)
        tb = traceback.format_exc()
        return (name, False, (reason, tb), time.monotonic() - t0)
    finally:
        ctx.close()


def report(result, verbose):
    name, ok, err, dur = result
    if ok:
        print("ok %s%s" % (name, " (%.1fs)" % dur if verbose else ""), flush=True)
    else:
        reason, tb = err
        print("FAIL %s: %s" % (name, reason), flush=True)
        for line in tb.rstrip().splitlines():
            print("    " + line)
        sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fcgi", default=harness.DEFAULT_FCGI, help="the worker binary (cgi-bin/chat.fcgi)")
    ap.add_argument("--only", action="append", default=[], help="run tests whose name holds SUBSTR (repeatable)")
    ap.add_argument("--jobs", type=int, default=4, help="tests run at once in the parallel phase")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each test's duration")
    args = ap.parse_args()

    fcgi = os.path.abspath(args.fcgi)
    tests = collect(args.only)
    print("api: %d tests, worker %s" % (len(tests), os.path.relpath(fcgi, harness.ROOT)), flush=True)
    if not os.access(fcgi, os.X_OK):
        print("FAIL api: the worker binary %s is missing or not executable" % fcgi)
        print("0 passed, %d failed" % max(1, len(tests)))
        return 1

    # The shared server logs at debug level: the log checks then see the most.
    suite = harness.Suite(fcgi, shared_config={"log_level": "debug"})
    passed = failed = 0
    t0 = time.monotonic()
    try:
        plain = [t for t in tests if not getattr(t[1], "serial", False) and not getattr(t[1], "final", False)]
        serial = [t for t in tests if getattr(t[1], "serial", False)]
        final = [t for t in tests if getattr(t[1], "final", False)]

        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [pool.submit(run_one, suite, n, f) for n, f in plain]
            for fut in futures:
                res = fut.result()
                report(res, args.verbose)
                passed, failed = passed + res[1], failed + (not res[1])
        for n, f in serial:
            res = run_one(suite, n, f)
            report(res, args.verbose)
            passed, failed = passed + res[1], failed + (not res[1])
        suite.stop_all()
        for n, f in final:
            res = run_one(suite, n, f)
            report(res, args.verbose)
            passed, failed = passed + res[1], failed + (not res[1])
    finally:
        suite.stop_all()
        if failed and not os.environ.get("API_KEEP"):
            # keep nothing; the failure messages carry the log tails that matter
            pass
        suite.cleanup()
    print("api: %.1f s" % (time.monotonic() - t0))
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
