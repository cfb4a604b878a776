"""gunicorn settings of the `web` process (Procfile). gunicorn reads this file from the
working directory; command-line options override it (`--workers`, `--threads`, `--bind`).

- Threads (gthread): each worker keeps up to `worker_connections` connections open and hands
  one to a thread only when it has sent data. A connection that sends nothing holds a thread
  for at most 5 s and then waits in the worker's poller, so idle and half-open connections do
  not stop the service: with 64 threads per worker, 50 idle connections leave threads free
  even if all 50 land on one worker. A client that sends half a request and stops holds a
  thread until it disconnects: in front of hostile traffic, put a buffering proxy (nginx).
- Preload: the app is loaded once in the master and workers are forked ready to answer; they
  share its read-only data (see service/serving.py).
- Keep-alive: connections stay open 5 s between requests, so clients and load balancers that
  reuse connections skip the TCP handshake.
"""

import os

wsgi_app = "service:create_app()"
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
threads = 64
preload_app = True
keepalive = 5
timeout = 30  # above BATCH_BUDGET_SECONDS (5 s) plus writing a batch's answer
# No gunicornc control socket: its one default path per user cannot serve several web
# processes on one host, and nothing here manages gunicorn through it.
control_socket_disable = True


def _flask_app(server):
    app = server.app.wsgi()
    return app if hasattr(app, "extensions") and "kratom.rulebook" in app.extensions else None


def when_ready(server):
    """Called in the master after the preloaded app is loaded, before any worker is forked."""
    app = _flask_app(server)
    if app is not None:
        from service.serving import before_fork

        before_fork(app)


def post_fork(server, worker):
    app = _flask_app(server)
    if app is not None:
        from service.serving import after_fork

        after_fork(app)
