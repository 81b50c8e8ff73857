extension Templates {
  /// Admin › Sign-in (issue 22): the single sign-on settings; the client secret is write-only.
  static let signInAdmin = """
    {{<layout}}{{$content}}
    <h1>Sign-in</h1>
    <p class="muted">Agents sign in with your company's OpenID Connect provider (Okta, Entra ID, Google…).
    Register AssetSync there as a web application with this redirect URI:</p>
    <p><code id="redirect-uri">{{redirectURI}}</code></p>
    <p id="sso-status">Single sign-on is {{#enabled}}<strong>on</strong>{{/enabled}}{{^enabled}}<strong>off</strong>{{/enabled}}.</p>
    {{#formError}}<div class="flash error" role="alert" id="sso-error">{{.}}</div>{{/formError}}
    <form method="post" action="/admin/sign-in" class="stack" id="sso-form">
      <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
      <label for="sso-name">Button name ("Sign in with …")</label>
      <input id="sso-name" name="name" value="{{name}}" maxlength="60" required>
      <label for="sso-issuer">Issuer URL</label>
      <input id="sso-issuer" name="issuer" type="url" value="{{issuer}}" required placeholder="https://example.okta.com">
      <label for="sso-client-id">Client ID</label>
      <input id="sso-client-id" name="client_id" value="{{clientID}}" required>
      <label for="sso-client-secret">Client secret</label>
      <input id="sso-client-secret" name="client_secret" type="password" autocomplete="off" placeholder="{{#secretStored}}stored: leave empty to keep it{{/secretStored}}">
      <label for="sso-domains">Allowed email domains (comma-separated; empty: any)</label>
      <input id="sso-domains" name="allowed_domains" value="{{allowedDomains}}">
      <label for="sso-claim">Email claim</label>
      <input id="sso-claim" name="email_claim" value="{{emailClaim}}">
      <label for="sso-create">Create agents on first sign-in</label>
      <select id="sso-create" name="create_agents">
        <option value="off" {{#createOff}}selected{{/createOff}}>Off: only existing agents</option>
        <option value="agent" {{#createAgent}}selected{{/createAgent}}>As agents</option>
        <option value="admin" {{#createAdmin}}selected{{/createAdmin}}>As admins</option>
      </select>
      <label><input type="checkbox" name="password_sign_in" {{#passwordSignIn}}checked{{/passwordSignIn}}> Agents may also sign in with a password</label>
      <label for="sso-break-glass">Break-glass admin (may always sign in with a password)</label>
      <select id="sso-break-glass" name="break_glass">
        <option value="">None</option>
        {{#admins}}<option value="{{id}}" {{#selected}}selected{{/selected}}>{{email}}</option>{{/admins}}
      </select>
      <label><input type="checkbox" name="allow_insecure_issuer" {{#allowInsecure}}checked{{/allowInsecure}}> Allow a plain-HTTP issuer (tests only)</label>
      <button type="submit" class="primary" id="sso-save">Check the provider and save</button>
    </form>
    {{#enabled}}<form method="post" action="/admin/sign-in/disable">
      <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
      <button type="submit" id="sso-disable">Turn single sign-on off</button>
    </form>{{/enabled}}
    {{/content}}{{/layout}}
    """

  /// After signing out of a session that began at the provider: on to its sign-out page.
  static let signedOut = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="refresh" content="0;url={{providerURL}}">
    <title>Signed out · AssetSync</title>
    <link rel="stylesheet" href="/static/app.css">
    </head>
    <body class="login-body">
    <main id="main" class="login-card">
      <h1>Signed out</h1>
      <p>You are signed out of AssetSync. <a id="provider-sign-out" href="{{providerURL}}">Sign out of your identity provider too</a>.</p>
    </main>
    </body>
    </html>
    """
}
