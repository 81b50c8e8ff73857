"""The claims the provider gives for a user (django-oidc-provider's OIDC_USERINFO hook)."""
from django.contrib.auth.models import User

# Users in this group have an email address the provider has not verified: their tokens say
# email_verified=false, which AssetSync must refuse even when the address is an agent's.
UNVERIFIED_GROUP = "email-unverified"


def userinfo(claims, user: User):
    claims["name"] = user.get_full_name() or user.username
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["preferred_username"] = user.username
    claims["email"] = user.email
    claims["email_verified"] = not user.groups.filter(name=UNVERIFIED_GROUP).exists()
    return claims
