extension Templates {
  static let agents = """
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Agents &amp; API keys</h1></div>
    {{#newKey}}
    <section class="card" id="new-key" role="status">
      <h2>New API key for {{agentEmail}}</h2>
      <p>Copy the auth code now: it is shown once and only its hash is stored. Use HTTP Basic with the key as user and the auth code as password.</p>
      <dl class="fields"><dt>API key</dt><dd class="mono" id="new-key-value">{{key}}</dd><dt>Auth code</dt><dd class="mono" id="new-key-code">{{code}}</dd></dl>
    </section>
    {{/newKey}}
    <section class="card" id="agents">
      <h2>Agents</h2>
      <p class="muted small">Disabling an agent signs them out everywhere and stops their API keys from the next request on; enabling them restores their keys. A new password signs them out too.</p>
      <div class="table-wrap"><table>
        <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Status</th><th>Sessions</th><th>Password</th></tr></thead>
        <tbody>
        {{#agents}}
        <tr id="agent-{{id}}">
          <td>{{name}}{{#isYou}} <span class="muted small">(you)</span>{{/isYou}}</td>
          <td>{{email}}</td><td>{{role}}</td>
          <td>{{#active}}<span class="badge ok">Active</span>{{#canDisable}} <form method="post" action="/admin/agents/{{id}}/disable" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="link danger" id="disable-{{id}}">Disable</button></form>{{/canDisable}}{{/active}}{{^active}}<span class="badge warn">Disabled</span> <form method="post" action="/admin/agents/{{id}}/enable" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="link" id="enable-{{id}}">Enable</button></form>{{/active}}</td>
          <td><form method="post" action="/admin/agents/{{id}}/end-sessions" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="link" id="end-sessions-{{id}}">Sign out everywhere</button></form></td>
          <td><form method="post" action="/admin/agents/{{id}}/password" class="inline" autocomplete="off"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><label class="sr-only" for="password-{{id}}">New password for {{email}}</label><input id="password-{{id}}" name="password" type="password" autocomplete="new-password" minlength="10" placeholder="New password" required> <button type="submit" id="set-password-{{id}}">Set</button></form></td>
        </tr>
        {{/agents}}
        </tbody>
      </table></div>
    </section>
    <section class="card" id="api-keys">
      <h2>API keys</h2>
      <p class="muted small">Keys authenticate scripts and HappyFox clients (HTTP Basic). A revoked key is refused from the next request on, on every server.</p>
      <div class="table-wrap"><table>
        <thead><tr><th>API key</th><th>Agent</th><th>Created</th><th>Status</th></tr></thead>
        <tbody>
        {{#keys}}
        <tr id="key-{{key}}">
          <td class="mono">{{key}}</td><td>{{agentEmail}}</td><td>{{created}}</td>
          <td>{{#active}}<span class="badge ok">Active</span> <form method="post" action="/admin/api-keys/{{key}}/revoke" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="link danger" id="revoke-{{key}}">Revoke</button></form>{{/active}}{{^active}}<span class="badge warn">{{status}}</span>{{/active}}</td>
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
