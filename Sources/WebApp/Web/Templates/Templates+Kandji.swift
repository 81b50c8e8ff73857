extension Templates {
  static let kandji = """
    {{<layout}}{{$content}}
    <div class="page-head">
      <h1><img src="/static/kandji.svg" alt="" width="26" height="26"> Kandji</h1>
      <p id="app-state">{{#installed}}<span class="badge ok">Installed</span>{{/installed}}{{^installed}}<span class="badge">Not installed</span>{{/installed}}</p>
    </div>
    {{^installed}}
    <section class="card">
      <h2>Install the Kandji app</h2>
      <p>Bring every device managed in Kandji (Iru) into AssetSync as a read-only asset: one asset type per platform, a “Kandji” group of 13 fields, and a link to each device in the Kandji console. Connect as many Kandji tenants as you run.</p>
      <form method="post" action="/admin/apps/kandji/install"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="primary" id="install">Install</button></form>
    </section>
    {{/installed}}
    {{#installed}}
    {{#hasConnections}}
    <section class="card" id="connections">
      <h2>Connections</h2>
      <div class="table-wrap"><table class="data" id="connections-table">
        <thead><tr><th scope="col">Tenant</th><th scope="col">API host</th><th scope="col">State</th><th scope="col">Last sync</th><th scope="col">API budget</th></tr></thead>
        <tbody>{{#connections}}<tr id="connection-{{id}}"><td data-label="Tenant"><a href="/admin/apps/kandji/tenants/{{id}}">{{name}}</a></td><td class="mono" data-label="API host">{{host}}</td><td data-label="State"><span class="badge {{stateClass}}">{{state}}</span></td><td data-label="Last sync">{{lastSync}}</td><td data-label="API budget">{{budget}}</td></tr>{{/connections}}</tbody>
      </table></div>
    </section>
    {{/hasConnections}}
    <section class="card" id="connect">
      <h2>{{#hasConnections}}Add another Kandji tenant{{/hasConnections}}{{^hasConnections}}1. Connect to Kandji{{/hasConnections}}</h2>
      <ol class="steps">
        <li>In Kandji, open <strong>Settings › Access</strong> and copy your <strong>API URL</strong> (for example <span class="mono">yourcompany.api.kandji.io</span>).</li>
        <li>Choose <strong>Add Token</strong>, name it “Asset Sync for AssetSync”, create it and copy the token — Kandji shows it only once.</li>
        <li>Open <strong>Configure permissions › Device Information</strong>, tick <strong>Device list</strong> and <strong>Device details</strong>, and <strong>Save</strong>.</li>
      </ol>
      <form method="post" action="/admin/apps/kandji/tenants" class="form" autocomplete="off">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field"><label for="tenant_name">Name</label><input id="tenant_name" name="name" value="{{name}}" placeholder="e.g. Europe (defaults to the API host)" maxlength="100"></div>
        <div class="field"><label for="api_url">API URL</label><input id="api_url" name="api_url" value="{{apiURL}}" placeholder="yourcompany.api.kandji.io" required></div>
        <div class="field"><label for="api_token">API token</label><input id="api_token" name="api_token" type="password" placeholder="Paste the token" autocomplete="new-password" required>
          <p class="hint">Checked with Kandji before it is saved; stored encrypted and never shown again.</p></div>
        <button type="submit" class="primary" id="authorize">Authorize</button>
      </form>
    </section>
    {{/installed}}
    {{/content}}{{/layout}}
    """

  static let kandjiTenant = """
    {{<layout}}{{$content}}
    <p class="crumbs"><a href="/admin/apps/kandji">Kandji</a> › {{name}}</p>
    <div class="page-head">
      <h1><img src="/static/kandji.svg" alt="" width="26" height="26"> {{name}}</h1>
      <p id="app-state">{{#enabled}}<span class="badge ok">Enabled</span>{{/enabled}}{{^enabled}}<span class="badge warn">Disabled</span>{{/enabled}}</p>
    </div>
    <section class="card" id="connect">
      <h2>1. Connect to Kandji</h2>
      <ol class="steps">
        <li>In Kandji, open <strong>Settings › Access</strong> and copy your <strong>API URL</strong> (for example <span class="mono">yourcompany.api.kandji.io</span>).</li>
        <li>Choose <strong>Add Token</strong>, name it “Asset Sync for AssetSync”, create it and copy the token — Kandji shows it only once.</li>
        <li>Open <strong>Configure permissions › Device Information</strong>, tick <strong>Device list</strong> and <strong>Device details</strong>, and <strong>Save</strong>.</li>
      </ol>
      <form method="post" action="/admin/apps/kandji/tenants/{{tenantID}}/authorize" class="form" autocomplete="off">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field"><label for="api_url">API URL</label><input id="api_url" name="api_url" value="{{apiURL}}" placeholder="yourcompany.api.kandji.io" required></div>
        <div class="field"><label for="api_token">API token</label><input id="api_token" name="api_token" type="password" placeholder="{{#tokenSet}}•••••••• saved {{tokenSetAt}} — leave empty to keep{{/tokenSet}}{{^tokenSet}}Paste the token{{/tokenSet}}" autocomplete="new-password">
          <p class="hint">Stored encrypted and never shown again.</p></div>
        <button type="submit" class="primary" id="authorize">Authorize</button>
      </form>
      {{#diagnosis}}<div class="diagnosis {{#ok}}ok{{/ok}}{{^ok}}bad{{/ok}}" id="diagnosis" role="status">{{^ok}}<strong>Not connected.</strong> {{/ok}}{{message}} <span class="muted small">({{at}})</span></div>{{/diagnosis}}
    </section>
    {{#tokenSet}}
    <section class="card" id="mapping">
      <h2>2. Field mapping</h2>
      <p>Choose where each asset's name and display ID come from. Display IDs must be unique: a device whose display ID is taken is reported as failed and never overwrites another asset. <strong>Serial Number</strong> or <strong>Device ID</strong> are recommended.</p>
      <form method="post" action="/admin/apps/kandji/tenants/{{tenantID}}/mapping" class="form mapping-form" id="mapping-form">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="row two">
          <div class="field"><label for="name_source">Asset Name</label><select id="name_source" name="name_source">{{#nameChoices}}<option value="{{key}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/nameChoices}}</select></div>
          <div class="field"><label for="display_id_source">Asset Display ID</label><select id="display_id_source" name="display_id_source">{{#displayChoices}}<option value="{{key}}" {{#selected}}selected{{/selected}}>{{label}}{{#recommended}} (recommended){{/recommended}}</option>{{/displayChoices}}</select></div>
        </div>
        <div class="preview" id="preview" aria-live="polite" data-preview-url="/admin/apps/kandji/tenants/{{tenantID}}/preview"><p class="muted small">Preview of three devices appears here.</p></div>
        <button type="submit" class="primary" id="save-mapping">{{#hasMapping}}Save mapping and sync{{/hasMapping}}{{^hasMapping}}Save mapping and start the initial sync{{/hasMapping}}</button>
      </form>
    </section>
    {{/tokenSet}}
    <section class="card" id="fields">
      <h2>Kandji fields</h2>
      <p>Choose the Kandji attributes this connection's assets show in their “Kandji” group, and their order (1 first; an empty box goes last). Values are kept whatever you choose: an unticked field is hidden, not lost, and ticking it again shows it at once. The field mapping's preview shows the ticked fields' values.</p>
      <p class="muted small" id="fields-cost">{{fields.costNote}}</p>
      <form method="post" action="/admin/apps/kandji/tenants/{{tenantID}}/fields" class="form" id="fields-form" data-selected="{{fields.selectedKeys}}" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        {{#fields.error}}<p class="field-error" id="fields-error" role="alert">{{.}}</p>{{/fields.error}}
        <div class="table-wrap"><table class="data compact" id="fields-table"{{#fields.error}} aria-describedby="fields-error"{{/fields.error}}>
          <caption class="sr-only">Kandji attributes: tick the ones to show and number their order</caption>
          <thead><tr><th scope="col">Show</th><th scope="col">Order</th><th scope="col">Type</th><th scope="col">Read by</th><th scope="col">Platforms</th></tr></thead>
          <tbody>{{#fields.rows}}<tr class="field-row{{#details}} details{{/details}}" data-key="{{key}}"><td data-label="Show"><label class="check"><input type="checkbox" class="field-check" id="field-{{key}}" name="field:{{key}}" value="1"{{#checked}} checked{{/checked}}> {{label}}</label></td><td data-label="Order"><label for="order-{{key}}" class="sr-only">Order of {{label}}</label><input class="field-order" id="order-{{key}}" name="order:{{key}}" value="{{order}}" inputmode="numeric" size="3" maxlength="3"></td><td data-label="Type">{{type}}</td><td data-label="Read by">{{source}}</td><td data-label="Platforms">{{platforms}}</td></tr>{{/fields.rows}}</tbody>
        </table></div>
        <button type="submit" class="primary" id="save-fields">Save fields</button>
      </form>
    </section>
    <section class="card" id="sync">
      <h2>3. Sync</h2>
      {{#running}}
      <div class="progress-box" id="sync-progress" data-running="{{id}}" data-status-url="/api/1.1/json/apps/kandji/tenants/{{tenantID}}/">
        <p><strong>Sync #{{id}} is running</strong> — <span id="progress-text">{{phase}}: {{devices}} devices listed, {{details}} details fetched{{#waiting}} — {{.}}{{/waiting}}</span></p>
        <progress id="progress-bar" max="100"></progress>
      </div>
      {{/running}}
      {{^running}}{{#lastRun}}<p id="last-run">Last sync #{{id}} <span class="badge {{statusClass}}">{{status}}</span> {{finished}} — {{created}} created, {{updated}} updated, {{skipped}} skipped, {{failed}} failed, {{retired}} retired.{{#error}} <span class="error-text">{{.}}</span>{{/error}}</p>{{/lastRun}}{{/running}}
      {{#canSync}}<form method="post" action="/admin/apps/kandji/tenants/{{tenantID}}/sync" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" id="sync-now">Sync now</button></form>{{/canSync}}
      {{#backfill}}<div class="progress-box" id="details-backfill"><p><strong>Details backfill</strong>: {{done}} of {{total}} devices read, {{pending}} waiting for their details call — about {{timeLeft}} left at {{requestsPerHour}} calls an hour. Each run continues it; a stopped run loses nothing.</p><progress id="details-backfill-bar" max="{{total}}" value="{{done}}"></progress></div>{{/backfill}}
      <p class="muted small" id="details-rotation">{{rotation}}</p>
      <h3>Daily schedule</h3>
      <form method="post" action="/admin/apps/kandji/tenants/{{tenantID}}/schedule" class="row" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#timeError}} invalid{{/timeError}}"><label for="time">Time of day</label><input id="time" name="time" type="time" value="{{scheduleTime}}" required{{#timeError}} aria-invalid="true" aria-describedby="time-error" autofocus{{/timeError}}>{{#timeError}}<p class="field-error" id="time-error">{{.}}</p>{{/timeError}}</div>
        <div class="field{{#zoneError}} invalid{{/zoneError}}"><label for="time_zone">Time zone</label><input id="time_zone" name="time_zone" value="{{scheduleZone}}" list="zones" required{{#zoneError}} aria-invalid="true" aria-describedby="time-zone-error" autofocus{{/zoneError}}><datalist id="zones">{{#zones}}<option value="{{.}}">{{/zones}}</datalist>{{#zoneError}}<p class="field-error" id="time-zone-error">{{.}}</p>{{/zoneError}}</div>
        <button type="submit">Save schedule</button>
      </form>
      {{#nextRun}}<p class="muted small">Next scheduled sync: {{.}}</p>{{/nextRun}}
      <h3>History</h3>
      {{#hasRuns}}
      <figure class="chart"><svg viewBox="0 0 {{chart.width}} {{chart.height}}" role="img" aria-label="Created, updated and failed devices per sync" class="bars">
        {{#chart.bars}}<rect x="{{x}}" y="{{y}}" width="{{w}}" height="{{h}}" class="{{kind}}"><title>Sync #{{run}}: {{value}} {{kind}}</title></rect>{{/chart.bars}}
      </svg><figcaption><span class="key created"></span> created <span class="key updated"></span> updated <span class="key failed"></span> failed</figcaption></figure>
      <div class="table-wrap"><table class="data" id="runs-table">
        <thead><tr><th scope="col">#</th><th scope="col">Status</th><th scope="col">Trigger</th><th scope="col">Started</th><th scope="col">Duration</th><th scope="col">Created</th><th scope="col">Updated</th><th scope="col">Skipped</th><th scope="col">Failed</th><th scope="col">Retired</th><th scope="col">Kandji calls</th><th scope="col">Report</th></tr></thead>
        <tbody>{{#runs}}<tr><td data-label="Sync">{{id}}</td><td data-label="Status"><span class="badge {{statusClass}}">{{status}}</span></td><td data-label="Trigger">{{trigger}}</td><td data-label="Started">{{started}}</td><td data-label="Duration">{{duration}}</td><td data-label="Created">{{created}}</td><td data-label="Updated">{{updated}}</td><td data-label="Skipped">{{skipped}}</td><td data-label="Failed">{{failed}}</td><td data-label="Retired">{{retired}}</td><td data-label="Kandji calls">{{calls}}</td><td data-label="Report"><a href="/api/1.1/json/apps/kandji/sync_runs/{{id}}/report.csv" download>CSV<span class="sr-only"> report of sync #{{id}}</span></a></td></tr>{{/runs}}</tbody>
      </table></div>
      {{/hasRuns}}
      {{^hasRuns}}<p class="muted">No syncs yet. Saving the field mapping starts the first one.</p>{{/hasRuns}}
      <h3>Quick refreshes</h3>
      {{#hasRefreshDays}}
      <p class="muted small">{{^refreshOff}}Every {{refreshMinutes}} minutes a list-only refresh applies what changed. {{/refreshOff}}{{#refreshOff}}Quick refresh is off now. {{/refreshOff}}One row per day (UTC), the last 7 days.</p>
      <div class="table-wrap"><table class="data" id="refresh-days">
        <thead><tr><th scope="col">Day</th><th scope="col">Refreshes</th><th scope="col">Created</th><th scope="col">Updated</th><th scope="col">Retired</th><th scope="col">Failed</th><th scope="col">Kandji calls</th></tr></thead>
        <tbody>{{#refreshDays}}<tr><td>{{day}}</td><td>{{runs}}</td><td>{{created}}</td><td>{{updated}}</td><td>{{retired}}</td><td>{{failed}}</td><td>{{calls}}</td></tr>{{/refreshDays}}</tbody>
      </table></div>
      {{/hasRefreshDays}}
      {{^hasRefreshDays}}<p class="muted" id="no-refreshes">No quick refreshes in the last 7 days{{#refreshOff}} (quick refresh is off){{/refreshOff}}.</p>{{/hasRefreshDays}}
    </section>
    <section class="card" id="scope">
      <h2>Console and blueprints</h2>
      <p id="scope-now">Links open <span class="mono" id="console-effective">{{scope.effective}}</span>; syncs <strong id="scope-text">{{scope.scopeText}}</strong>.</p>
      <form method="post" action="/admin/apps/kandji/tenants/{{tenantID}}/scope" class="form" id="scope-form" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#scope.consoleError}} invalid{{/scope.consoleError}}"><label for="console_url">Console URL</label><input id="console_url" name="console_url" value="{{scope.consoleInput}}" placeholder="{{scope.derived}}" maxlength="300" aria-describedby="console-url-help{{#scope.consoleError}} console-url-error{{/scope.consoleError}}"{{#scope.consoleError}} aria-invalid="true" autofocus{{/scope.consoleError}}><p class="muted small" id="console-url-help">Empty: derived from the API URL ({{scope.derived}}). Set it when your console moved to Iru, e.g. https://yourcompany.iru.com.</p>{{#scope.consoleError}}<p class="field-error" id="console-url-error">{{.}}</p>{{/scope.consoleError}}</div>
        <fieldset class="field{{#scope.blueprintsError}} invalid{{/scope.blueprintsError}}" id="blueprint-choices"><legend>Blueprints to sync (none ticked: every blueprint)</legend>
          {{#scope.hasBlueprints}}{{#scope.blueprints}}<label class="check"><input type="checkbox" name="blueprint:{{id}}" value="1"{{#selected}} checked{{/selected}}> {{name}} <span class="mono muted small">{{id}}</span></label>{{/scope.blueprints}}{{/scope.hasBlueprints}}
          {{^scope.hasBlueprints}}<p class="muted" id="no-blueprints">No blueprint names yet: the next sync names them from the devices it lists.</p>{{/scope.hasBlueprints}}
          <label for="blueprint_ids">Other blueprint ids (comma-separated)</label><input id="blueprint_ids" name="blueprint_ids" value="{{scope.extraInput}}" aria-describedby="blueprints-help{{#scope.blueprintsError}} blueprints-error{{/scope.blueprintsError}}"{{#scope.blueprintsError}} aria-invalid="true"{{/scope.blueprintsError}}>
          <p class="muted small" id="blueprints-help">A device in a blueprint not chosen is retired with the reason “outside this connection's blueprints” (kept, read-only) and restored when it is back in scope. {{scope.permissionNote}}</p>{{#scope.blueprintsError}}<p class="field-error" id="blueprints-error">{{.}}</p>{{/scope.blueprintsError}}
        </fieldset>
        <button type="submit" id="save-scope">Save console and blueprints</button>
      </form>
    </section>
    <section class="card" id="budget">
      <h2>Pacing and API budget</h2>
      <p id="budget-used">{{callsLastHour}} of {{requestsPerHour}} Kandji calls used in the last hour ({{budgetPercent}}%), <span id="refresh-budget">{{refreshCallsLastHour}} of them by quick refreshes</span>. Kandji allows 10,000 an hour and 50 a second per tenant, shared by every integration; AssetSync counts its calls in the database, so the budget holds across restarts and servers.</p>
      <progress id="budget-bar" max="100" value="{{budgetPercent}}"></progress>
      <form method="post" action="/admin/apps/kandji/tenants/{{tenantID}}/pacing" class="row" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#perSecondError}} invalid{{/perSecondError}}"><label for="requests_per_second">Calls per second</label><input id="requests_per_second" name="requests_per_second" type="number" min="1" max="50" value="{{perSecondInput}}" required{{#perSecondError}} aria-invalid="true" aria-describedby="requests-per-second-error" autofocus{{/perSecondError}}>{{#perSecondError}}<p class="field-error" id="requests-per-second-error">{{.}}</p>{{/perSecondError}}</div>
        <div class="field{{#perHourError}} invalid{{/perHourError}}"><label for="requests_per_hour">Calls per hour</label><input id="requests_per_hour" name="requests_per_hour" type="number" min="1" max="10000" value="{{perHourInput}}" required{{#perHourError}} aria-invalid="true" aria-describedby="requests-per-hour-error" autofocus{{/perHourError}}>{{#perHourError}}<p class="field-error" id="requests-per-hour-error">{{.}}</p>{{/perHourError}}</div>
        <div class="field{{#refreshError}} invalid{{/refreshError}}"><label for="refresh_minutes">Quick refresh every (minutes, 0 = off)</label><input id="refresh_minutes" name="refresh_minutes" type="number" min="0" max="1440" value="{{refreshInput}}" required{{#refreshError}} aria-invalid="true" aria-describedby="refresh-minutes-error" autofocus{{/refreshError}}>{{#refreshError}}<p class="field-error" id="refresh-minutes-error">{{.}}</p>{{/refreshError}}</div>
        <div class="field{{#maxAgeError}} invalid{{/maxAgeError}}"><label for="details_max_age_days">Details at most (days old, empty = off)</label><input id="details_max_age_days" name="details_max_age_days" type="number" min="0" max="365" value="{{maxAgeInput}}" aria-describedby="details-max-age-help{{#maxAgeError}} details-max-age-error{{/maxAgeError}}"{{#maxAgeError}} aria-invalid="true" autofocus{{/maxAgeError}}><p class="muted small" id="details-max-age-help">Each sync reads the details of the devices read longest ago, a share of ⌈devices ÷ days⌉, so every device's details are at most this many days old.</p>{{#maxAgeError}}<p class="field-error" id="details-max-age-error">{{.}}</p>{{/maxAgeError}}</div>
        <button type="submit" id="save-pacing">Save pacing</button>
      </form>
    </section>
    <section class="card" id="switch">
      <h2>App status</h2>
      {{#enabled}}
      <details class="confirm"><summary class="button danger" id="disable">Disable this connection…</summary>
        <p>Disabling <strong>stops this connection's syncs</strong> (including one in progress). It does <strong>not</strong> delete anything: every imported asset stays, read-only, with its Kandji fields as of the last sync. You can enable it again at any time.</p>
        <form method="post" action="/admin/apps/kandji/tenants/{{tenantID}}/disable"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><input type="hidden" name="confirmed" value="1"><button type="submit" class="danger" id="confirm-disable">Yes, disable syncs</button></form>
      </details>
      {{/enabled}}
      {{^enabled}}
      <p>Syncs are stopped. Imported assets are kept and stay read-only.</p>
      <form method="post" action="/admin/apps/kandji/tenants/{{tenantID}}/enable" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="primary" id="enable">Enable syncs</button></form>
      <form method="post" action="/admin/apps/kandji/tenants/{{tenantID}}/remove" class="inline"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><button type="submit" class="danger" id="remove">Remove connection…</button></form>
      {{/enabled}}
    </section>
    {{/content}}{{/layout}}
    """
}
