extension Templates {
  static let agents = """
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Agents &amp; API keys</h1></div>
    {{#newAgent}}
    <section class="card reveal" id="new-agent" role="status">
      <h2>Initial password for {{agentEmail}}</h2>
      <p>Hand it over in person or by another channel: it is shown once, only its hash is stored, and a reload will not show it again. Set a new password for them below if it is lost.</p>
      <dl class="fields"><dt>Email</dt><dd class="mono">{{agentEmail}}</dd><dt>Initial password</dt><dd class="mono" id="new-agent-password">{{secret}}</dd></dl>
    </section>
    {{/newAgent}}
    {{#newKey}}
    <section class="card reveal" id="new-key" role="status">
      <h2>New API key for {{agentEmail}}</h2>
      <p>Copy the auth code now: it is shown once, only its hash is stored, and a reload will not show it again. Use HTTP Basic with the key as user and the auth code as password.</p>
      <dl class="fields"><dt>API key</dt><dd class="mono" id="new-key-value">{{key}}</dd><dt>Auth code</dt><dd class="mono" id="new-key-code">{{secret}}</dd></dl>
    </section>
    {{/newKey}}
    <section class="card" id="agents">
      <h2>Agents</h2>
      <p class="muted small">Disabling an agent signs them out everywhere and stops their API keys from the next request on; enabling them restores their keys. A new password signs them out too.</p>
      <div class="table-wrap"><table class="data stack" id="agents-table">
        <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Sessions</th><th scope="col">Password</th></tr></thead>
        <tbody>
        {{#agents}}
        <tr id="agent-{{id}}">
          <td data-label="Name" class="wrap">{{name}}{{#isYou}} <span class="muted small">(you)</span>{{/isYou}}</td>
          <td data-label="Email" class="wrap">{{email}}</td>
          <td data-label="Role">{{role}}{{#canChangeRole}} <form method="post" action="/admin/agents/{{id}}/role" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}">{{#isAdmin}}<input type="hidden" name="role" value="agent"><button type="submit" class="link" id="role-{{id}}">Make agent</button>{{/isAdmin}}{{^isAdmin}}<input type="hidden" name="role" value="admin"><button type="submit" class="link" id="role-{{id}}">Make admin</button>{{/isAdmin}}</form>{{/canChangeRole}}</td>
          <td data-label="Status">{{#active}}<span class="badge ok">Active</span>{{#canDisable}} <form method="post" action="/admin/agents/{{id}}/disable" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="link danger" id="disable-{{id}}">Disable…</button></form>{{/canDisable}}{{/active}}{{^active}}<span class="badge warn">Disabled</span> <form method="post" action="/admin/agents/{{id}}/enable" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="link" id="enable-{{id}}">Enable</button></form>{{/active}}</td>
          <td data-label="Sessions"><form method="post" action="/admin/agents/{{id}}/end-sessions" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="link" id="end-sessions-{{id}}">Sign out everywhere</button></form></td>
          <td data-label="Password"><form method="post" action="/admin/agents/{{id}}/password" class="inline-form{{#passwordError}} invalid{{/passwordError}}" autocomplete="off" novalidate><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><label class="sr-only" for="password-{{id}}">New password for {{email}}</label><input id="password-{{id}}" name="password" type="password" autocomplete="new-password" minlength="10" placeholder="New password" required{{#passwordError}} aria-invalid="true" aria-describedby="password-error-{{id}}" autofocus{{/passwordError}}> <button type="submit" id="set-password-{{id}}">Set</button>{{#passwordError}}<p class="field-error" id="password-error-{{id}}">{{.}}</p>{{/passwordError}}</form></td>
        </tr>
        {{/agents}}
        </tbody>
      </table></div>
      <h3>New agent</h3>
      <form method="post" action="/admin/agents" class="row" id="new-agent-form" novalidate autocomplete="off">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#nameError}} invalid{{/nameError}}"><label for="agent-name">Name</label><input id="agent-name" name="name" value="{{name}}" required maxlength="200"{{#nameError}} aria-invalid="true" aria-describedby="agent-name-error" autofocus{{/nameError}}>{{#nameError}}<p class="field-error" id="agent-name-error">{{.}}</p>{{/nameError}}</div>
        <div class="field{{#emailError}} invalid{{/emailError}}"><label for="agent-email">Email</label><input id="agent-email" name="email" type="email" value="{{email}}" required{{#emailError}} aria-invalid="true" aria-describedby="agent-email-error" autofocus{{/emailError}}>{{#emailError}}<p class="field-error" id="agent-email-error">{{.}}</p>{{/emailError}}</div>
        <div class="field"><label for="agent-role">Role</label><select id="agent-role" name="role">{{#roles}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/roles}}</select></div>
        <button type="submit" class="primary" id="create-agent">Create agent</button>
      </form>
      <p class="hint">A generated initial password is shown once after creating the agent.</p>
    </section>
    <section class="card" id="api-keys">
      <h2>API keys</h2>
      <p class="muted small">Keys authenticate scripts and HappyFox clients (HTTP Basic). A revoked key is refused from the next request on, on every server.</p>
      <div class="table-wrap"><table class="data stack" id="keys-table">
        <thead><tr><th scope="col">API key</th><th scope="col">Agent</th><th scope="col">Created</th><th scope="col">Status</th></tr></thead>
        <tbody>
        {{#keys}}
        <tr id="key-{{key}}">
          <td data-label="API key" class="mono wrap">{{key}}</td><td data-label="Agent" class="wrap">{{agentEmail}}</td><td data-label="Created">{{created}}</td>
          <td data-label="Status">{{#active}}<span class="badge ok">Active</span> <form method="post" action="/admin/api-keys/{{key}}/revoke" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="link danger" id="revoke-{{key}}">Revoke…</button></form>{{/active}}{{^active}}<span class="badge warn">{{status}}</span>{{/active}}</td>
        </tr>
        {{/keys}}
        {{^keys}}<tr><td colspan="4" class="muted">No API keys yet.</td></tr>{{/keys}}
        </tbody>
      </table></div>
      <form method="post" action="/admin/api-keys" class="row">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field"><label for="key-agent">New key for</label><select id="key-agent" name="agent_id">{{#agents}}{{#active}}<option value="{{id}}">{{email}}</option>{{/active}}{{/agents}}</select></div>
        <button type="submit" class="primary" id="create-key">Create API key</button>
      </form>
    </section>
    {{/content}}{{/layout}}
    """
}
