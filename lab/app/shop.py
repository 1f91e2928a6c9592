#!/usr/bin/env python3
"""The lab's stand-in for the ticket shop: a small HTTP server that reads pretix.cfg as pretix would and, per
request, writes and reads a row through the database in [database] (Pgpool-II on the app host) and a key through
the Redis in [redis] (HAProxy on the app host), answering which host served it.

    GET /         insert a row into visits, read it back by id, INCR a Redis counter: 200 with JSON, or 503 and why
    GET /health   200 when the database and Redis both answer, else 503 naming the one that does not

Environment (all optional):
    PRETIX_CONFIG  the configuration file (default /etc/pretix/pretix.cfg)
    SHOP_BIND      address to listen on (default 0.0.0.0)
    SHOP_PORT      port to listen on (default 80)
    APP_HOST       name of the host that serves, reported in every answer (default: this machine's host name)
    SHOP_UID       when started as root: the user id to run as once the port is bound (SHOP_GID: its group)

Debian packages: python3, python3-psycopg2, python3-redis. One line per request goes to stdout; secrets never do.
"""

import configparser
import json
import os
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

DEFAULT_CONFIG = "/etc/pretix/pretix.cfg"
COUNTER_KEY = "prov-lab:visits"
TIMEOUT_SECONDS = 5
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS visits ("
    "id bigserial PRIMARY KEY, "
    "served_by text NOT NULL, "
    "at timestamptz NOT NULL DEFAULT now())"
)


class ConfigError(Exception):
    """The configuration file is missing, unreadable or lacks a value the shop needs."""


@dataclass(frozen=True)
class ShopConfig:
    instance_name: str
    db_name: str
    db_user: str
    db_password: str = field(repr=False)
    db_host: str
    db_port: int
    redis_host: str
    redis_port: int
    redis_password: str = field(repr=False)
    redis_db: int

    def secrets(self):
        return [s for s in (self.db_password, self.redis_password) if s]

    def describe(self):
        """Where the backends are, without the passwords."""
        return (f"database {self.db_name} as {self.db_user} at {self.db_host}:{self.db_port}, "
                f"redis at {self.redis_host}:{self.redis_port} db {self.redis_db}")


def parse_redis_url(url, where="[redis] location"):
    """redis://[:PASSWORD@]HOST[:PORT][/DB] -> (host, port, password, db)."""
    parts = urlsplit(url)
    if parts.scheme != "redis":
        raise ConfigError(f"{where}: expected a redis:// URL, got scheme '{parts.scheme or '(none)'}'")
    try:
        host, port = parts.hostname, parts.port or 6379
    except ValueError as error:
        raise ConfigError(f"{where}: invalid port ({error})") from None
    if not host:
        raise ConfigError(f"{where}: the URL names no host")
    path = parts.path.lstrip("/")
    if path and not path.isdigit():
        raise ConfigError(f"{where}: the database after the last '/' must be a number, got '{path}'")
    return host, port, unquote(parts.password or ""), int(path or 0)


def parse_config(text, source="pretix.cfg"):
    """The shop's settings from the text of pretix.cfg (read with configparser, as pretix reads it)."""
    parser = configparser.RawConfigParser(strict=True)
    try:
        parser.read_string(text, source=source)
    except configparser.Error as error:
        raise ConfigError(f"{source}: {error}") from None

    def get(section, option, fallback=None):
        if parser.has_option(section, option):
            value = parser.get(section, option).strip()
            if value:
                return value
        if fallback is not None:
            return fallback
        raise ConfigError(f"{source}: [{section}] has no '{option}'")

    def port(section, option, fallback=None):
        value = get(section, option, fallback)
        if not value.isdigit() or not 0 < int(value) < 65536:
            raise ConfigError(f"{source}: [{section}] {option} must be a port number, got '{value}'")
        return int(value)

    backend = get("database", "backend", "postgresql")
    if backend != "postgresql":
        raise ConfigError(f"{source}: [database] backend is '{backend}'; this shop speaks only postgresql")
    redis_host, redis_port, redis_password, redis_db = parse_redis_url(get("redis", "location"), f"{source}: [redis] location")
    return ShopConfig(
        instance_name=get("pretix", "instance_name", "pretix"),
        db_name=get("database", "name"),
        db_user=get("database", "user"),
        db_password=get("database", "password", ""),
        db_host=get("database", "host"),
        db_port=port("database", "port", "5432"),
        redis_host=redis_host,
        redis_port=redis_port,
        redis_password=redis_password,
        redis_db=redis_db,
    )


def read_config(path):
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from None
    return parse_config(text, path)


def redact(message, secrets):
    """The first line of an error message, with any secret replaced."""
    text = str(message).strip().splitlines()[0] if str(message).strip() else type(message).__name__
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


class BackendError(Exception):
    """A backend failed; the message is safe to show (no secrets)."""


class Backends:
    """The database through Pgpool-II and Redis through HAProxy, as the configuration names them."""

    def __init__(self, config):
        import psycopg2  # noqa: PLC0415 (imported here so that parse_config works without the drivers)
        import redis  # noqa: PLC0415

        self._psycopg2 = psycopg2
        self._redis_errors = (redis.RedisError, OSError)
        self.config = config
        self._redis = redis.Redis(
            host=config.redis_host, port=config.redis_port, password=config.redis_password or None, db=config.redis_db,
            socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS)
        self._schema_ready = False
        self._schema_lock = threading.Lock()

    def _fail(self, backend, error):
        where = (f"{self.config.db_host}:{self.config.db_port}" if backend == "database"
                 else f"{self.config.redis_host}:{self.config.redis_port}")
        return BackendError(f"{backend} at {where}: {redact(error, self.config.secrets())}")

    def _connect(self):
        c = self.config
        try:
            connection = self._psycopg2.connect(
                host=c.db_host, port=c.db_port, dbname=c.db_name, user=c.db_user, password=c.db_password,
                connect_timeout=TIMEOUT_SECONDS, application_name="prov-lab-shop")
            connection.autocommit = True
            return connection
        except self._psycopg2.Error as error:
            raise self._fail("database", error) from None

    def ensure_schema(self):
        if self._schema_ready:
            return
        with self._schema_lock:
            if self._schema_ready:
                return
            connection = self._connect()
            try:
                with connection.cursor() as cursor:
                    cursor.execute(SCHEMA)
            except (self._psycopg2.errors.UniqueViolation, self._psycopg2.errors.DuplicateTable):
                pass  # another app host created it at the same moment
            except self._psycopg2.Error as error:
                raise self._fail("database", error) from None
            finally:
                connection.close()
            self._schema_ready = True
            log("database ready (table visits exists)")

    @property
    def schema_ready(self):
        return self._schema_ready

    def visit(self, served_by):
        """Writes a row and reads it back by id, then counts the visit in Redis: (row, counter)."""
        self.ensure_schema()
        connection = self._connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO visits (served_by) VALUES (%s) RETURNING id", (served_by,))
                row_id = cursor.fetchone()[0]
                cursor.execute("SELECT id, served_by, at FROM visits WHERE id = %s", (row_id,))
                found = cursor.fetchone()
        except self._psycopg2.Error as error:
            raise self._fail("database", error) from None
        finally:
            connection.close()
        if found is None:
            raise BackendError(f"database at {self.config.db_host}:{self.config.db_port}: row {row_id} was written but could not be read back")
        row = {"id": found[0], "served_by": found[1], "at": found[2].isoformat()}
        try:
            self._redis.incr(COUNTER_KEY)
            counter = int(self._redis.get(COUNTER_KEY))
        except self._redis_errors as error:
            raise self._fail("redis", error) from None
        return row, counter

    def health(self):
        """{'database': 'ok' or the reason, 'redis': 'ok' or the reason}; the database is ok once the table exists."""
        result = {}
        try:
            self.ensure_schema()
            connection = self._connect()
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                    cursor.fetchone()
            finally:
                connection.close()
            result["database"] = "ok"
        except BackendError as error:
            result["database"] = str(error)
        except self._psycopg2.Error as error:
            result["database"] = str(self._fail("database", error))
        try:
            self._redis.ping()
            result["redis"] = "ok"
        except self._redis_errors as error:
            result["redis"] = str(self._fail("redis", error))
        return result


def log(message):
    print(f"{time.strftime('%Y-%m-%dT%H:%M:%S%z')} {message}", flush=True)


def make_handler(backends, served_by):
    class Handler(BaseHTTPRequestHandler):
        server_version = "prov-lab-shop"
        sys_version = ""
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (http.server's name)
            started = time.monotonic()
            path = self.path.split("?", 1)[0]
            note = ""
            if path == "/":
                try:
                    row, counter = backends.visit(served_by)
                    status = 200
                    body = {"served_by": served_by, "instance": backends.config.instance_name, "row": row, "counter": counter}
                    note = f"row={row['id']} counter={counter}"
                except BackendError as error:
                    status, body, note = 503, {"served_by": served_by, "error": str(error)}, str(error)
            elif path == "/health":
                checks = backends.health()
                status = 200 if all(v == "ok" for v in checks.values()) else 503
                body = {"served_by": served_by, **checks}
                if status != 200:
                    note = "; ".join(v for v in checks.values() if v != "ok")
            else:
                status, body = 404, {"served_by": served_by, "error": f"no such page: {path}; try / or /health"}
            self._answer(status, body)
            log(f"{self.client_address[0]} GET {path} {status} {(time.monotonic() - started) * 1000:.0f}ms {note}".rstrip())

        def _answer(self, status, body):
            data = (json.dumps(body) + "\n").encode()
            self.send_response_only(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Served-By", served_by)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
            # Requests are logged by do_GET; this only sees malformed requests.
            log(f"{self.client_address[0]} {format % args}")

    return Handler


def drop_privileges():
    uid = os.environ.get("SHOP_UID")
    if not uid or os.getuid() != 0:
        return
    gid = int(os.environ.get("SHOP_GID", uid))
    os.setgroups([])
    os.setgid(gid)
    os.setuid(int(uid))
    log(f"running as uid {uid}, gid {gid}")


def prepare_schema(backends, stop):
    """Creates the table once the database answers; says why while it does not."""
    attempt, delay = 0, 1.0
    while not stop.is_set() and not backends.schema_ready:
        attempt += 1
        try:
            backends.ensure_schema()
            return
        except BackendError as error:
            log(f"waiting for the {error} (attempt {attempt}; retrying in {delay:.0f} s; requests answer 503 meanwhile)")
        stop.wait(delay)
        delay = min(delay * 2, 10.0)


def main():
    path = os.environ.get("PRETIX_CONFIG", DEFAULT_CONFIG)
    try:
        config = read_config(path)
    except ConfigError as error:
        log(f"error: {error}; the shop cannot start without it")
        return 2
    try:
        backends = Backends(config)
    except ImportError as error:
        log(f"error: {error}; install the Debian packages python3-psycopg2 and python3-redis")
        return 2
    served_by = os.environ.get("APP_HOST") or socket.gethostname()
    bind = os.environ.get("SHOP_BIND", "0.0.0.0")  # noqa: S104 (a container's port, published by Docker)
    port = int(os.environ.get("SHOP_PORT", "80"))
    try:
        server = ThreadingHTTPServer((bind, port), make_handler(backends, served_by))
    except OSError as error:
        log(f"error: cannot listen on {bind}:{port}: {error.strerror}")
        return 2
    server.daemon_threads = True
    drop_privileges()

    stop = threading.Event()

    def terminate(signum, _frame):
        stop.set()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    log(f"{config.instance_name} on {served_by} listens on {bind}:{port}; {config.describe()}")
    threading.Thread(target=prepare_schema, args=(backends, stop), daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.5)
    finally:
        server.server_close()
        log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
