#!/usr/bin/env python3
"""Runs the throw-away OpenID provider on 127.0.0.1 and prints one JSON line once it answers.

    python3 Tests/oidc-provider/serve.py --redirect-uri http://127.0.0.1:8080/login/oidc/callback \
        --agent-email admin@example.com [--port 0] [--user former=former@example.com]

The line: {"issuer", "url", "discovery", "client_id", "client_secret", "password", "users"}. The
provider is django-oidc-provider in a Django project (idp/), served by Django's threaded WSGI server
in this one process (no child processes), so ending this process ends the provider. It ends on
SIGTERM or SIGINT, after --max-seconds, and with --exit-on-stdin-eof when its standard input closes
(the browser suite's fixture passes a pipe, so a killed test run cannot leave it behind). Its
database lives in OIDC_PROVIDER_STATE if set, else in a temporary folder removed at exit.
"""
import argparse
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free one)")
    parser.add_argument("--redirect-uri", required=True)
    parser.add_argument("--post-logout-redirect-uri", action="append", default=[])
    parser.add_argument("--agent-email", required=True)
    parser.add_argument("--outsider-email", default="outsider@example.com")
    parser.add_argument("--user", action="append", default=[], metavar="NAME=EMAIL")
    parser.add_argument("--password", default="provider-test-password")
    parser.add_argument("--max-seconds", type=float, default=3600, help="stop by itself after this long")
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args()

    own_state = "OIDC_PROVIDER_STATE" not in os.environ
    if own_state:
        os.environ["OIDC_PROVIDER_STATE"] = tempfile.mkdtemp(prefix="assetsync-oidc-provider-")
    state = os.environ["OIDC_PROVIDER_STATE"]
    try:
        serve(args)
    finally:
        if own_state:
            shutil.rmtree(state, ignore_errors=True)


def serve(args):
    sys.path.insert(0, str(HERE))
    os.environ["DJANGO_SETTINGS_MODULE"] = "idp.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    out = io.StringIO()
    command = ["setup_provider", "--redirect-uri", args.redirect_uri, "--agent-email", args.agent_email,
               "--outsider-email", args.outsider_email, "--password", args.password]
    for uri in args.post_logout_redirect_uri:
        command += ["--post-logout-redirect-uri", uri]
    for user in args.user:
        command += ["--user", user]
    call_command(*command, stdout=out)
    setup = json.loads(out.getvalue())

    server = ThreadedWSGIServer(("127.0.0.1", args.port), WSGIRequestHandler, ipv6=False)
    server.set_app(get_wsgi_application())
    url = f"http://127.0.0.1:{server.server_address[1]}"
    # The issuer is <SITE_URL>/openid in discovery and in every ID token.
    settings.SITE_URL = url
    thread = threading.Thread(target=server.serve_forever, name="oidc-provider", daemon=True)
    thread.start()

    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    if args.exit_on_stdin_eof:
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()

    try:
        # Ready means discovery answers, not merely that the socket is bound.
        discovery = url + "/openid/.well-known/openid-configuration"
        with urllib.request.urlopen(discovery, timeout=30) as response:
            issuer = json.load(response)["issuer"]
        print(json.dumps({"issuer": issuer, "url": url, "discovery": discovery, **setup}), flush=True)
        stop.wait(args.max_seconds)
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
