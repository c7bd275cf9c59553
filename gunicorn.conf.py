"""gunicorn settings: ``gunicorn lms.wsgi -c gunicorn.conf.py`` (see docs/deploy.md).

Environment variables (all optional):

GUNICORN_BIND      address to listen on, default ``0.0.0.0:$PORT`` (PORT default 8000);
                   several addresses separated by commas
GUNICORN_WORKERS   worker processes, default 2 x CPU cores + 1
GUNICORN_THREADS   threads per worker, default 1
GUNICORN_TIMEOUT   seconds a request may take before its worker is restarted, default 60
GUNICORN_LOG_LEVEL default info
GUNICORN_CONTROL_SOCKET  path of gunicorn's control socket (for gunicornc); off by default

FORWARDED_ALLOW_IPS (read by gunicorn itself) names the proxies whose
X-Forwarded-* headers gunicorn trusts, default 127.0.0.1,::1.
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"gunicorn.conf.py: {name} must be an integer, got {value!r}") from None


def _cores() -> int:
    # The CPUs this process may use (containers, taskset), not all of the host's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = [
    address.strip()
    for address in os.environ.get(
        "GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}"
    ).split(",")
    if address.strip()
]
workers = _int("GUNICORN_WORKERS", 2 * _cores() + 1)
threads = _int("GUNICORN_THREADS", 1)

# Certificates are rendered to PDF in the request (well under a second); a
# request running longer than this is stuck and its worker is replaced.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30  # time to finish running requests on restart/stop
keepalive = 5  # behind a proxy that keeps connections to the app servers open

# Recycle workers now and then so that a slow memory leak cannot grow forever.
max_requests = 1000
max_requests_jitter = 100

# Access log to stdout, errors to stderr: the service manager collects both.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# Worker heartbeats in memory, not on a possibly slow or read-only disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# gunicorn 25+ opens a control socket in $HOME/.gunicorn/ by default: a service
# user's home may be read-only, and two instances on one machine would share
# the path. Only when asked for.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
