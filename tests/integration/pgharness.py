"""pgharness: a throwaway PostgreSQL 15 cluster for integration tests.

Usage:

    from pgharness import PgCluster

    with PgCluster() as pg:
        pg.createdb("t1")
        ok, err = pg.psql_file("t1", "dump.sql.gz")
        engine = sqlalchemy.create_engine(pg.sqlalchemy_url("t1"))

The cluster lives in a fresh mkdtemp() directory: the data directory is
DIR/data and the server listens only on a Unix socket in DIR (no TCP:
listen_addresses = ''), on a port picked by binding a free socket so two runs
never collide on the socket name.  Authentication is `trust`, the superuser
is `postgres`, fsync is off.

When run as root, the directory is chowned to the unprivileged `postgres`
user and initdb / pg_ctl run through `runuser -u postgres --` (PostgreSQL
refuses to run as root); otherwise they run directly as the current user.

The server is stopped and the directory removed when the `with` block ends,
on an exception, on Ctrl-C (KeyboardInterrupt) and on SIGTERM/SIGHUP (turned
into SystemExit so `finally` blocks run), with atexit as the last resort.
keep=True leaves the cluster running and its directory in place, and
prints how to connect and how to stop it.

Only the standard library is needed here; sqlalchemy_url() returns a URL for
SQLAlchemy + psycopg2 but does not import either.
"""

import atexit
import gzip
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.parse

PG_BINDIR_CANDIDATES = (
    os.environ.get("PG_BINDIR", ""),
    "/usr/lib/postgresql/15/bin",
)

# Libpq environment variables that would redirect our psql / psycopg2 calls.
_LIBPQ_ENV = (
    "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD",
    "PGPASSFILE", "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS", "PGSSLMODE",
    "PGREQUIRESSL", "PGCONNECT_TIMEOUT", "PGTARGETSESSIONATTRS", "PGAPPNAME",
    "PGCLIENTENCODING", "PGTZ", "PGDATESTYLE", "PGDATA", "PSQLRC",
)


class HarnessError(RuntimeError):
    """The cluster could not be set up (initdb/pg_ctl failed, no binaries...)."""


class Failure(Exception):
    """A check that did not hold; the message says what."""


def check(cond, msg):
    """Raise Failure(msg) unless cond."""
    if not cond:
        raise Failure(msg)


class Script:
    """What every integration script's run shares: the binary under test,
    -v logging, the counts script_main() prints, and running a command.
    A script subclasses it and adds its own state and cases."""

    timeout = 300  # seconds for one command (sanitizer builds are slow)

    def __init__(self, args):
        self.args = args
        self.bin = os.path.abspath(args.bin)
        self.verbose = getattr(args, "verbose", False)
        self.pg = None
        self.tmp = None
        self.passed = 0
        self.failed = 0

    def log(self, msg):
        if self.verbose:
            print(msg, file=sys.stderr, flush=True)

    def drop_tmp(self):
        """The scratch directory goes, unless --keep asked to keep it."""
        if self.tmp is None:
            return
        if getattr(self.args, "keep", False):
            print("kept %s" % self.tmp, file=sys.stderr)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def ok(self, name):
        self.passed += 1
        print("ok - %s" % name, flush=True)

    def fail(self, name, detail):
        self.failed += 1
        print("not ok - %s\n    %s" % (name, detail.rstrip().replace("\n", "\n    ")),
              flush=True)

    def result(self, name, good, detail=""):
        """ok(name) when good, else fail(name, detail)."""
        if good:
            self.ok(name)
        else:
            self.fail(name, detail)

    def run(self, argv, cwd=None, env=None, input=None, text=True):
        """Run argv (stdin empty unless input is given); (status, stdout,
        stderr), stdout decoded unless text is False, stderr always."""
        self.log("$ " + " ".join(argv) + ("  (in %s)" % cwd if cwd else ""))
        r = subprocess.run(argv, cwd=cwd, env=env, input=input,
                           stdin=None if input is not None else subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=self.timeout)
        out = r.stdout.decode(errors="replace") if text else r.stdout
        err = r.stderr.decode(errors="replace")
        if self.verbose and (out or err):
            self.log((out if text else "") + err)
        return r.returncode, out, err

    def inspect(self, args, input=None, env=None):
        """`pgbaseline inspect --format json ARGS`: (status, stdout, stderr)."""
        return self.run([self.bin, "inspect", "--format", "json"] + list(args), input=input,
                        env=env)


def script_main(name, doc, make_run, argv=None, dump=None, keep_help="keep the scratch files"):
    """The command line of an integration script NAME: --bin, --keep, -v
    and, with dump=(DEFAULT, HELP), --dump.  make_run(args) gives an object
    with main(), passed and failed; a harness error or a Failure that
    escapes main() counts as one failure.  Prints the closing line
    `NAME: N passed, M failed` and returns the exit status."""
    import argparse

    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the pgbaseline binary")
    if dump is not None:
        ap.add_argument("--dump", default=dump[0], help=dump[1])
    ap.add_argument("--keep", action="store_true", help=keep_help)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    run = make_run(args)
    try:
        run.main()
    except HarnessError as e:
        print("%s: cannot set up PostgreSQL: %s" % (name, e))
        run.failed += 1
    except Failure as e:
        print("%s: setup failed: %s" % (name, e))
        run.failed += 1
    print("%s: %d passed, %d failed" % (name, run.passed, run.failed))
    return 1 if run.failed else 0


def script_exit(name, main):
    """sys.exit(main()), with status 130 and a line on Ctrl-C."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("%s: interrupted" % name, file=sys.stderr)
        sys.exit(130)


def find_pg_bindir():
    for d in PG_BINDIR_CANDIDATES:
        if d and os.path.isfile(os.path.join(d, "initdb")) and os.path.isfile(
            os.path.join(d, "pg_ctl")
        ):
            return d
    raise HarnessError(
        "PostgreSQL 15 server binaries not found (looked in %s); "
        "install the Debian package postgresql-15 or set PG_BINDIR"
        % ", ".join(d for d in PG_BINDIR_CANDIDATES if d)
    )


def free_port():
    """A port number nobody is bound to right now (TCP, loopback)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def read_dump_bytes(path):
    """The bytes of a dump, gunzipped when it starts with the gzip magic."""
    with open(path, "rb") as f:
        head = f.read(2)
    if head == b"\x1f\x8b":
        with gzip.open(path, "rb") as f:
            return f.read()
    with open(path, "rb") as f:
        return f.read()


def _quote_ident(name):
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(s):
    return "'" + s.replace("'", "''") + "'"


class _SignalGuard:
    """Turn SIGTERM / SIGHUP into SystemExit while a cluster is alive, so the
    `finally` / `__exit__` cleanup runs.  SIGINT already raises
    KeyboardInterrupt."""

    def __init__(self):
        self.saved = {}

    def install(self):
        def handler(signum, frame):
            raise SystemExit(128 + signum)

        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                self.saved[sig] = signal.signal(sig, handler)
            except (ValueError, OSError):  # not the main thread
                pass

    def restore(self):
        for sig, h in self.saved.items():
            try:
                signal.signal(sig, h)
            except (ValueError, OSError):
                pass
        self.saved.clear()


class PgCluster:
    """A throwaway PostgreSQL cluster; see the module docstring."""

    SUPERUSER = "postgres"

    def __init__(self, keep=False, verbose=False, log=None, extra_conf=None):
        self.keep = keep
        self.verbose = verbose
        self.log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self.extra_conf = dict(extra_conf or {})
        self.bindir = None
        self.dir = None
        self.datadir = None
        self.port = None
        self.started = False
        self._as_root = os.geteuid() == 0
        self._runas = []
        self._guard = _SignalGuard()
        self._cleaned = False

    # ---- lifecycle -------------------------------------------------------

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.cleanup()
            raise
        return self

    def __exit__(self, exc_type, exc, tb):
        self.cleanup()
        return False

    def _env(self):
        env = {k: v for k, v in os.environ.items() if k not in _LIBPQ_ENV}
        env["LC_ALL"] = "C.UTF-8"
        env["PGUSER"] = self.SUPERUSER
        if self.dir:
            env["PGHOST"] = self.dir
        if self.port:
            env["PGPORT"] = str(self.port)
        return env

    def _run_server_tool(self, argv, timeout=120, **kw):
        """Run initdb / pg_ctl as the unprivileged user when we are root."""
        cmd = self._runas + argv
        if self.verbose:
            self.log("pgharness: $ " + " ".join(cmd))
        return subprocess.run(
            cmd,
            cwd=self.dir,
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            **kw,
        )

    def start(self):
        self.bindir = find_pg_bindir()
        if self._as_root:
            if not shutil.which("runuser"):
                raise HarnessError("running as root but runuser(1) is missing")
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise HarnessError(
                    "running as root but there is no `postgres` user to run "
                    "the server as (install the postgresql package)"
                )
            self._runas = ["runuser", "-u", "postgres", "--"]
        # the socket path (DIR/.s.PGSQL.PORT) must fit in sun_path (107 bytes)
        base = tempfile.gettempdir()
        if len(base) > 60:
            base = "/tmp"
        self.dir = tempfile.mkdtemp(prefix="pgharness-", dir=base)
        atexit.register(self.cleanup)
        self._guard.install()
        if self._as_root:
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        os.chmod(self.dir, 0o700)
        self.datadir = os.path.join(self.dir, "data")

        r = self._run_server_tool(
            [
                os.path.join(self.bindir, "initdb"),
                "-D", self.datadir,
                "-U", self.SUPERUSER,
                "-A", "trust",
                "-E", "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        if r.returncode != 0:
            # C.UTF-8 may be missing on exotic systems: fall back to C.
            r2 = self._run_server_tool(
                [
                    os.path.join(self.bindir, "initdb"),
                    "-D", self.datadir,
                    "-U", self.SUPERUSER,
                    "-A", "trust",
                    "-E", "UTF8",
                    "--locale=C",
                    "--no-sync",
                ]
            )
            if r2.returncode != 0:
                raise HarnessError(
                    "initdb failed:\n" + r.stdout.decode(errors="replace")
                    + r2.stdout.decode(errors="replace")
                )

        self.port = free_port()
        conf = {
            "port": str(self.port),
            "listen_addresses": "''",
            "unix_socket_directories": _quote_literal(self.dir),
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "20",
            "shared_buffers": "64MB",
            "logging_collector": "off",
            "log_min_messages": "warning",
            "max_locks_per_transaction": "1024",  # big dumps in one transaction
        }
        conf.update(self.extra_conf)
        with open(os.path.join(self.datadir, "postgresql.auto.conf"), "a") as f:
            for k, v in conf.items():
                f.write("%s = %s\n" % (k, v))

        logfile = os.path.join(self.dir, "server.log")
        cmd = self._runas + [
            os.path.join(self.bindir, "pg_ctl"),
            "-D", self.datadir,
            "-l", logfile,
            "-w", "-t", "60",
            "-s",
            "start",
        ]
        if self.verbose:
            self.log("pgharness: $ " + " ".join(cmd))
        # A new session: a Ctrl-C in the terminal reaches us (and we stop the
        # server in order), not the postmaster directly.
        r = subprocess.run(
            cmd,
            cwd=self.dir,
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=90,
            start_new_session=True,
        )
        if r.returncode != 0:
            try:
                with open(logfile, errors="replace") as f:
                    tail = f.read()[-4000:]
            except OSError:
                tail = ""
            raise HarnessError(
                "pg_ctl start failed:\n" + r.stdout.decode(errors="replace") + tail
            )
        self.started = True
        if self.verbose:
            self.log("pgharness: PostgreSQL running in %s, port %d" % (self.dir, self.port))

    def stop(self):
        if not self.started:
            return
        try:
            self._run_server_tool(
                [
                    os.path.join(self.bindir, "pg_ctl"),
                    "-D", self.datadir,
                    "-m", "immediate",
                    "-w", "-t", "60",
                    "-s",
                    "stop",
                ],
                timeout=90,
            )
        except (OSError, subprocess.SubprocessError) as e:
            self.log("pgharness: pg_ctl stop failed: %s" % e)
        self.started = False

    def cleanup(self):
        """Stop the server and remove the directory (or keep both with keep=True)."""
        if self._cleaned:
            return
        self._cleaned = True
        try:
            if self.keep and self.dir:
                if self.started:
                    self.log(
                        "pgharness: kept the running cluster in %s\n"
                        "  connect: psql -h %s -p %d -U %s DBNAME\n"
                        "  stop:    %s%s -D %s -m fast stop && rm -rf %s"
                        % (self.dir, self.dir, self.port, self.SUPERUSER,
                           "runuser -u postgres -- " if self._as_root else "",
                           os.path.join(self.bindir, "pg_ctl"), self.datadir, self.dir))
                else:
                    self.log("pgharness: kept %s" % self.dir)
                return
            self.stop()
            if self.dir and os.path.isdir(self.dir):
                shutil.rmtree(self.dir, ignore_errors=True)
        finally:
            self._guard.restore()
            try:
                atexit.unregister(self.cleanup)
            except Exception:
                pass

    # ---- client side -----------------------------------------------------

    def psql_argv(self, db, *extra):
        # the cluster's own psql (15.14+ knows \restrict); Debian's
        # /usr/bin/psql wrapper picks the newest installed client otherwise
        psql = os.path.join(self.bindir, "psql")
        if not os.path.isfile(psql):
            psql = "psql"
        return [
            psql, "-X", "-q",
            "-h", self.dir, "-p", str(self.port), "-U", self.SUPERUSER,
            "-d", db,
        ] + list(extra)

    def psql(self, db, sql, timeout=120, on_error_stop=True):
        """Run SQL text with psql; returns (ok, stdout, stderr) as text."""
        argv = self.psql_argv(db, "-v", "ON_ERROR_STOP=%d" % (1 if on_error_stop else 0),
                              "-At", "-f", "-")
        r = subprocess.run(
            argv, input=sql.encode(), env=self._env(), cwd=self.dir,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
        )
        return (r.returncode == 0, r.stdout.decode(errors="replace"),
                r.stderr.decode(errors="replace"))

    def createdb(self, name):
        ok, _, err = self.psql(
            "postgres",
            "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8';\n" % _quote_ident(name),
        )
        if not ok:
            raise HarnessError("CREATE DATABASE %s failed: %s" % (name, err.strip()))

    def dropdb(self, name):
        self.psql("postgres", "DROP DATABASE IF EXISTS %s WITH (FORCE);\n" % _quote_ident(name))

    def psql_file(self, db, path, single_transaction=True, on_error_stop=True,
                  extra_args=(), timeout=600):
        """Feed a dump (plain or gzip, detected by magic bytes) to psql.

        Runs `psql -X -q -v ON_ERROR_STOP=1 --single-transaction`; returns
        (ok, stderr_text).  psql's messages name the input `<stdin>` with
        line numbers of the decompressed text."""
        data = read_dump_bytes(path)
        argv = self.psql_argv(db)
        if on_error_stop:
            argv += ["-v", "ON_ERROR_STOP=1"]
        if single_transaction:
            argv.append("--single-transaction")
        argv += list(extra_args)
        argv += ["-f", "-"]
        if self.verbose:
            self.log("pgharness: $ " + " ".join(argv) + " < " + path)
        try:
            r = subprocess.run(
                argv, input=data, env=self._env(), cwd=self.dir,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return False, "psql: timed out after %d s" % timeout
        return r.returncode == 0, r.stderr.decode(errors="replace")

    def dsn(self, db):
        return "host=%s port=%d user=%s dbname=%s" % (
            self.dir, self.port, self.SUPERUSER, db)

    def sqlalchemy_url(self, db):
        """postgresql+psycopg2 URL connecting over the Unix socket."""
        return "postgresql+psycopg2://%s@/%s?%s" % (
            urllib.parse.quote(self.SUPERUSER, safe=""),
            urllib.parse.quote(db, safe=""),
            urllib.parse.urlencode({"host": self.dir, "port": str(self.port)}),
        )


if __name__ == "__main__":
    # Smoke test: python3 pgharness.py [--keep]
    with PgCluster(keep="--keep" in sys.argv, verbose=True) as pg:
        pg.createdb("smoke")
        ok, out, err = pg.psql("smoke", "select version();")
        print(out.strip() or err.strip())
    sys.exit(0 if ok else 1)
