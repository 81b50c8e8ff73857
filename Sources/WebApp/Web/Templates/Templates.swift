/// Every page template, by name. Kept in Swift so the binary carries them (one-file deployment).
enum Templates {
  static let all: [String: String] = [
    "layout": layout, "login": login, "assets": assets, "asset": asset, "asset-form": assetForm,
    "contacts": contacts, "contact": contact, "tickets": tickets, "ticket": ticket, "kandji": kandji,
    "kandji-tenant": kandjiTenant, "agents": agents, "error": error, "asset-types": assetTypes,
    "asset-type": assetType, "confirm": confirm, "sign-in-admin": signInAdmin, "signed-out": signedOut,
    "search": search, "picker": picker,
  ]

  static let layout = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{chrome.title}} · AssetSync</title>
    <link rel="stylesheet" href="/static/app.css">
    <link rel="icon" href="/static/assetsync.svg">
    <script src="/static/app.js" defer></script>
    </head>
    <body>
    <a class="skip" href="#main">Skip to content</a>
    <header class="topbar">
      <a class="brand" href="/assets"><img src="/static/assetsync.svg" alt="" width="22" height="22"> AssetSync</a>
      <nav aria-label="Main">
        <a href="/assets" {{#chrome.inAssets}}aria-current="page"{{/chrome.inAssets}}>Assets</a>
        <a href="/contacts" {{#chrome.inContacts}}aria-current="page"{{/chrome.inContacts}}>Contacts</a>
        <a href="/tickets" {{#chrome.inTickets}}aria-current="page"{{/chrome.inTickets}}>Tickets</a>
        {{#chrome.isAdmin}}<a href="/admin/apps/kandji" {{#chrome.inAdmin}}aria-current="page"{{/chrome.inAdmin}}>Admin › Apps › Kandji</a>
        <a href="/admin/agents" id="nav-agents" {{#chrome.inAgents}}aria-current="page"{{/chrome.inAgents}}>Admin › Agents &amp; API keys</a>
        <a href="/admin/asset-types" id="nav-types" {{#chrome.inTypes}}aria-current="page"{{/chrome.inTypes}}>Admin › Asset types</a>
        <a href="/admin/sign-in" id="nav-sign-in" {{#chrome.inSignIn}}aria-current="page"{{/chrome.inSignIn}}>Admin › Sign-in</a>{{/chrome.isAdmin}}
      </nav>
      <form class="topsearch" method="get" action="/search" role="search">
        <label for="top-search" class="sr-only">Search devices, contacts and tickets</label>
        <input id="top-search" name="q" type="search" placeholder="Search…" maxlength="200">
      </form>
      <form class="signout" method="post" action="/logout">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <span class="who" title="{{chrome.agentEmail}}">{{chrome.agentName}}</span>
        <button type="submit" class="link">Sign out</button>
      </form>
    </header>
    <main id="main" class="container">
    {{#chrome.notice}}<div class="flash notice" role="status">{{.}}</div>{{/chrome.notice}}
    {{#chrome.error}}<div class="flash error" role="alert">{{.}}</div>{{/chrome.error}}
    {{$content}}{{/content}}
    </main>
    </body>
    </html>
    """

  static let login = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Sign in · AssetSync</title>
    <link rel="stylesheet" href="/static/app.css">
    <link rel="icon" href="/static/assetsync.svg">
    </head>
    <body class="login-body">
    <main id="main" class="login-card">
      <h1><img src="/static/assetsync.svg" alt="" width="28" height="28"> AssetSync</h1>
      <p class="muted">Sign in to see your devices, contacts and tickets.</p>
      {{#error}}<div class="flash error" role="alert" id="login-error">{{.}}</div>{{/error}}
      {{#sso}}<p><a class="button primary wide" id="sign-in-sso" href="/login/oidc?next={{nextQuery}}">Sign in with {{.}}</a></p>{{/sso}}
      {{#passwordForm}}<form method="post" action="/login">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <label for="email">Email</label>
        <input id="email" name="email" type="text" inputmode="email" autocapitalize="none" spellcheck="false" autocomplete="username" required value="{{email}}" autofocus>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit" class="primary wide" id="sign-in">Sign in</button>
      </form>{{/passwordForm}}
      {{#breakGlassLink}}<p class="muted"><a id="password-sign-in" href="/login?password=1&amp;next={{nextQuery}}">Sign in with a password (break-glass)</a></p>{{/breakGlassLink}}
    </main>
    </body>
    </html>
    """

  static let error = """
    {{<layout}}{{$content}}
    <section class="empty">
      <h1>{{heading}}</h1>
      <p>{{message}}</p>
      <p><a class="button" href="/assets">Back to assets</a></p>
    </section>
    {{/content}}{{/layout}}
    """
}
