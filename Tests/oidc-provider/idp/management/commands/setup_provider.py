"""`manage.py setup_provider`: a ready provider in one step, printed as JSON.

Migrates the database, creates the signing key (django-oidc-provider's `creatersakey`) unless there
is one, (re)creates the confidential client "AssetSync" (code flow, no consent screen) with a new
random id and secret, and creates the test users, all with one password:

- agent:      the agent's email, verified           (signs in)
- unverified: the agent's email, NOT verified       (refused: email_verified is false)
- outsider:   outsider@example.com, verified        (refused: not an agent)
- and any --user NAME=EMAIL, verified               (e.g. a disabled agent: refused)
"""
import json
import secrets

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from oidc_provider.models import Client, ResponseType, RSAKey

from idp.claims import UNVERIFIED_GROUP

CLIENT_NAME = "AssetSync"


def _named_email(value):
    name, sep, email = value.partition("=")
    if not sep or not name or "@" not in email:
        raise CommandError(f"--user wants NAME=EMAIL, not {value!r}")
    return name, email


class Command(BaseCommand):
    help = "Migrate, create the RSA key, the AssetSync client and the test users; print them as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--redirect-uri", required=True, help="AssetSync's <public URL>/login/oidc/callback")
        parser.add_argument("--post-logout-redirect-uri", action="append", default=[],
                            help="where RP-initiated logout may return to (repeatable)")
        parser.add_argument("--agent-email", required=True, help="an active agent's email in AssetSync")
        parser.add_argument("--outsider-email", default="outsider@example.com", help="an email that is no agent")
        parser.add_argument("--user", action="append", default=[], type=_named_email, metavar="NAME=EMAIL",
                            help="another verified user (repeatable)")
        parser.add_argument("--password", default="provider-test-password", help="every user's password")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not RSAKey.objects.exists():
            call_command("creatersakey", stdout=self.stderr)
            if not RSAKey.objects.exists():  # creatersakey reports failures but does not raise
                raise CommandError("creatersakey did not create a key")

        Client.objects.filter(name=CLIENT_NAME).delete()
        client = Client.objects.create(
            name=CLIENT_NAME,
            client_type="confidential",
            client_id=secrets.token_hex(8),
            client_secret=secrets.token_urlsafe(32),
            jwt_alg="RS256",
            require_consent=False,
            reuse_consent=True,
            _redirect_uris=options["redirect_uri"],
            _post_logout_redirect_uris="\n".join(options["post_logout_redirect_uri"]),
        )
        client.response_types.set([ResponseType.objects.get(value="code")])

        unverified, _ = Group.objects.get_or_create(name=UNVERIFIED_GROUP)
        users = [
            ("agent", options["agent_email"], "Agent", True),
            ("unverified", options["agent_email"], "Unverified", False),
            ("outsider", options["outsider_email"], "Outsider", True),
        ] + [(name, email, name.capitalize(), True) for name, email in options["user"]]
        listed = {}
        for username, email, first_name, verified in users:
            user, _ = User.objects.get_or_create(username=username)
            user.email = email
            user.first_name = first_name
            user.last_name = "Tester"
            user.is_active = True
            user.set_password(options["password"])
            user.save()
            if verified:
                user.groups.remove(unverified)
            else:
                user.groups.add(unverified)
            listed[username] = {"email": email, "email_verified": verified}

        self.stdout.write(json.dumps({
            "client_id": client.client_id,
            "client_secret": client.client_secret,
            "redirect_uri": options["redirect_uri"],
            "password": options["password"],
            "users": listed,
        }))
