"""The provider's routes: OpenID Connect under /openid/, Django's sign-in form under /accounts/."""
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path
from django.utils.html import escape


def home(request):
    # Only for trying the provider by hand: says who is signed in here.
    who = escape(request.user.get_username()) if request.user.is_authenticated else "nobody"
    return HttpResponse(f"<!doctype html><title>Test IdP</title><p id='who'>Signed in as {who}.</p>")


urlpatterns = [
    path("", home),
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
