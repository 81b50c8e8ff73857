extension Templates {
  static let assets = """
    {{<layout}}{{$content}}
    <div class="page-head">
      <h1>Assets</h1>
      <a class="button primary" id="new-asset" href="/assets/new?type={{type.id}}">New {{type.name}} asset</a>
    </div>
    <nav class="tabs" aria-label="Asset types">
      {{#tabs}}<a href="/assets?type={{id}}" class="tab{{#managed}} managed{{/managed}}" {{#active}}aria-current="page"{{/active}}>{{#managed}}<img src="/static/kandji.svg" alt="" width="14" height="14">{{/managed}} {{name}} <span class="count">{{count}}</span></a>{{/tabs}}
    </nav>
    <form class="filters" method="get" action="/assets" role="search">
      <input type="hidden" name="type" value="{{type.id}}">
      <label for="q" class="sr-only">Search</label>
      <input id="q" name="q" type="search" placeholder="Search name, display ID or serial" value="{{query}}">
      <label for="retired" class="sr-only">Show</label>
      <select id="retired" name="retired">
        <option value="" {{#showAll}}selected{{/showAll}}>All assets</option>
        <option value="false" {{#showActive}}selected{{/showActive}}>Active only</option>
        <option value="true" {{#showRetired}}selected{{/showRetired}}>Retired only</option>
      </select>
      {{#showTenants}}<label for="tenant" class="sr-only">Kandji tenant</label>
      <select id="tenant" name="tenant">
        <option value="" {{#anyTenant}}selected{{/anyTenant}}>All tenants</option>
        {{#tenants}}<option value="{{id}}" {{#selected}}selected{{/selected}}>{{name}}</option>{{/tenants}}
      </select>{{/showTenants}}
      {{#attributeFilters.shown}}<label for="filter-tags" class="sr-only">Kandji tag</label>
      <input id="filter-tags" name="tags" placeholder="Tag" value="{{attributeFilters.tag}}" maxlength="200" size="12">
      <label for="filter-blueprint" class="sr-only">Blueprint</label>
      <input id="filter-blueprint" name="blueprint" placeholder="Blueprint" value="{{attributeFilters.blueprint}}" maxlength="200" size="14">
      <details class="more-filters" id="more-filters"{{#attributeFilters.anyFlagSet}} open{{/attributeFilters.anyFlagSet}}><summary>More filters</summary>
        {{#attributeFilters.flags}}<label for="filter-{{key}}">{{label}}</label>
        <select id="filter-{{key}}" name="{{key}}"><option value="" {{#any}}selected{{/any}}>Any</option><option value="true" {{#yes}}selected{{/yes}}>Yes</option><option value="false" {{#no}}selected{{/no}}>No</option></select>{{/attributeFilters.flags}}
      </details>{{/attributeFilters.shown}}
      <button type="submit">Filter</button>
    </form>
    {{#type.managed}}<p class="muted small"><img src="/static/kandji.svg" alt="" width="12" height="12"> {{type.name}} assets are synced from Kandji and read-only. You can still add manual assets here.</p>{{/type.managed}}
    {{#hasRows}}
    <div class="table-wrap">
    <table class="data" id="assets-table">
      <thead><tr><th scope="col">Name</th><th scope="col">Display ID</th><th scope="col">Serial</th><th scope="col">Model</th><th scope="col">OS</th><th scope="col">User</th><th scope="col">Last check-in</th>{{#showTenants}}<th scope="col">Tenant</th>{{/showTenants}}</tr></thead>
      <tbody>
      {{#rows}}
        <tr{{#retired}} class="retired"{{/retired}}>
          <td class="wrap" data-label="Name"><a href="/assets/{{id}}">{{name}}</a>{{#managed}} <img src="/static/kandji.svg" alt="Synced from Kandji" title="Synced from Kandji" width="12" height="12">{{/managed}}{{#retired}} <span class="badge">Retired</span>{{/retired}}</td>
          <td class="mono" data-label="Display ID">{{displayID}}</td><td class="mono" data-label="Serial">{{serial}}</td><td class="wrap" data-label="Model">{{model}}</td><td data-label="OS">{{os}}</td><td class="wrap" data-label="User">{{user}}</td><td data-label="Last check-in">{{lastCheckIn}}</td>{{#showTenants}}<td class="tenant wrap" data-label="Tenant">{{tenant}}</td>{{/showTenants}}
        </tr>
      {{/rows}}
      </tbody>
    </table>
    </div>
    <nav class="pager" aria-label="Pages">
      <span class="muted">{{from}}–{{to}} of {{total}}</span>
      {{#prevURL}}<a class="button" href="{{.}}" rel="prev">Previous</a>{{/prevURL}}
      {{#nextURL}}<a class="button" href="{{.}}" rel="next">Next</a>{{/nextURL}}
    </nav>
    {{/hasRows}}
    {{^hasRows}}
    <section class="empty">
      <h2>{{emptyTitle}}</h2>
      <p class="muted">{{emptyMessage}}</p>
    </section>
    {{/hasRows}}
    {{/content}}{{/layout}}
    """

  static let asset = """
    {{<layout}}{{$content}}
    <div class="page-head">
      <div>
        <p class="crumbs"><a href="/assets?type={{asset.typeID}}">{{asset.typeName}}</a></p>
        <h1 id="asset-name">{{asset.name}} {{#asset.retired}}<span class="badge">Retired</span>{{/asset.retired}}</h1>
        <p class="muted">Display ID <span class="mono" id="display-id">{{asset.displayID}}</span></p>
      </div>
      <div class="actions">
        {{#asset.tenant}}<span class="badge tenant" id="asset-tenant" title="Kandji tenant">{{.}}</span> {{/asset.tenant}}{{#asset.consoleURL}}<a class="kandji-link" id="kandji-link" href="{{.}}" target="_blank" rel="noopener noreferrer" title="Open in Kandji"><img src="/static/kandji.svg" alt="" width="18" height="18"> Open in Kandji</a>{{/asset.consoleURL}}
        {{^asset.managed}}
        <a class="button" id="edit-asset" href="/assets/{{asset.id}}/edit">Edit</a>
        <form method="post" action="/assets/{{asset.id}}/delete" class="inline">
          <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
          <button type="submit" class="danger" id="delete-asset">Delete…</button>
        </form>
        {{/asset.managed}}
      </div>
    </div>
    {{#asset.managed}}<p class="managed-note" id="managed-note"><img src="/static/kandji.svg" alt="" width="14" height="14"> Managed by Kandji: this asset is read-only here. {{^asset.syncStopped}}Change the device in Kandji; the next sync brings the change.{{#asset.retired}} Kandji no longer lists this device, so it is retired (kept, not deleted).{{/asset.retired}}{{/asset.syncStopped}}</p>
    {{#asset.syncStopped}}<p class="flash warning" id="sync-stopped" role="note">{{.}} Its Kandji fields are as of the last sync.</p>{{/asset.syncStopped}}
    <div class="freshness" id="kandji-freshness"><p class="muted small">Kandji data as of <time id="list-as-of" datetime="{{asset.listDataAsOfISO}}">{{asset.listDataAsOf}}</time> (details as of <time id="details-as-of" datetime="{{asset.detailsAsOfISO}}">{{asset.detailsAsOf}}</time>)</p>
      {{#asset.canRefresh}}<form method="post" action="/assets/{{asset.id}}/refresh" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" id="refresh-from-kandji">Refresh from Kandji</button></form>{{/asset.canRefresh}}</div>{{/asset.managed}}
    <div class="grid">
      <section class="card">
        {{#asset.managed}}
        <h2><img src="/static/kandji.svg" alt="" width="16" height="16"> Kandji</h2>
        <dl class="fields" id="kandji-fields">
          {{#kandjiFields}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/kandjiFields}}
        </dl>
        {{/asset.managed}}
        {{^asset.managed}}
        <h2>Details</h2>
        {{#hasCustomFields}}<dl class="fields">{{#customFields}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/customFields}}</dl>{{/hasCustomFields}}
        {{^hasCustomFields}}<p class="muted">A manual asset. Its name and display ID are editable.</p>{{/hasCustomFields}}
        {{/asset.managed}}
      </section>
      <div>
        <section class="card" id="contacts">
          <h2>Contacts</h2>
          {{#hasContacts}}<ul class="plain">{{#contacts}}<li><a href="/contacts/{{id}}">{{name}}</a> <span class="muted">{{email}}</span>{{#auto}} <span class="badge subtle" title="Linked by the Kandji sync (the device's user)">Kandji user</span>{{/auto}}
            <form method="post" action="/assets/{{assetID}}/contacts/{{id}}/remove" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="link small" aria-label="Remove {{name}}">Remove</button></form></li>{{/contacts}}</ul>{{/hasContacts}}
          {{^hasContacts}}<p class="muted">No contacts yet.</p>{{/hasContacts}}
          <form method="post" action="/assets/{{asset.id}}/contacts" class="row picker-row" id="add-contact-form">
            <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            {{#contactPicker}}{{>picker}}{{/contactPicker}}
            <button type="submit" id="add-contact">Add contact</button>
          </form>
        </section>
        <section class="card" id="recent-tickets">
          <h2>Recent Tickets</h2>
          {{#hasTickets}}<ul class="plain">{{#tickets}}<li><a href="/tickets/{{id}}">{{displayID}} {{subject}}</a> <span class="badge subtle">{{status}}</span> <span class="muted small">{{created}}</span></li>{{/tickets}}</ul>{{/hasTickets}}
          {{^hasTickets}}<p class="muted">No tickets linked to this asset.</p>{{/hasTickets}}
          <form method="post" action="/assets/{{asset.id}}/tickets" class="row picker-row" id="link-ticket-form">
            <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            {{#ticketPicker}}{{>picker}}{{/ticketPicker}}
            <button type="submit" id="link-ticket">Link ticket</button>
          </form>
          <form method="post" action="/assets/{{asset.id}}/tickets/new" class="row">
            <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            <label for="subject" class="sr-only">New ticket subject</label>
            <input id="subject" name="subject" placeholder="New ticket about this asset" required maxlength="500">
            <button type="submit">Create ticket</button>
          </form>
        </section>
      </div>
    </div>
    {{#history}}<section class="card" id="history">
      <h2>History</h2>
      {{#hasHistory}}<ol class="plain history" id="history-entries">{{#history}}<li class="history-entry" id="history-{{id}}"><span class="muted small">{{when}}</span> <strong>{{what}}</strong>{{#hasChange}}: <span class="old-value">{{oldValue}}</span> → <span class="new-value">{{newValue}}</span>{{/hasChange}} <span class="muted small">{{who}}</span></li>{{/history}}</ol>{{/hasHistory}}
      {{^hasHistory}}<p class="muted">No changes recorded yet.</p>{{/hasHistory}}
      <p class="small">{{#historyNewerURL}}<a href="{{.}}">Newer changes</a> {{/historyNewerURL}}{{#historyOlderURL}}<a href="{{.}}" id="history-older">Older changes</a>{{/historyOlderURL}}</p>
    </section>{{/history}}
    {{/content}}{{/layout}}
    """

  static let assetForm = """
    {{<layout}}{{$content}}
    <div class="page-head"><h1>{{heading}}</h1></div>
    <form method="post" action="{{action}}" class="card form" novalidate>
      <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
      <p class="muted">Asset type: {{typeName}}{{#typeManaged}} — a manual asset beside the devices synced from Kandji{{/typeManaged}}</p>
      <div class="field{{#nameError}} invalid{{/nameError}}">
        <label for="name">Name</label>
        <input id="name" name="name" value="{{name}}" maxlength="200" required {{#nameError}}aria-invalid="true" aria-describedby="name-error" autofocus{{/nameError}}>
        {{#nameError}}<p class="field-error" id="name-error">{{.}}</p>{{/nameError}}
      </div>
      <div class="field{{#displayIDError}} invalid{{/displayIDError}}">
        <label for="display_id">Display ID</label>
        <input id="display_id" name="display_id" value="{{displayID}}" maxlength="100" required {{#displayIDError}}aria-invalid="true" aria-describedby="display-id-error" autofocus{{/displayIDError}}>
        {{#displayIDError}}<p class="field-error" id="display-id-error">{{.}}</p>{{/displayIDError}}
        <p class="hint">Unique across all assets, e.g. an inventory number.</p>
      </div>
      {{#fields}}
      <div class="field{{#error}} invalid{{/error}}">
        <label for="cf_{{id}}">{{name}}</label>
        {{#isText}}<input id="cf_{{id}}" name="cf_{{id}}" value="{{value}}" maxlength="2000"{{#error}} aria-invalid="true" aria-describedby="cf_{{id}}-error" autofocus{{/error}}>{{/isText}}
        {{#isTextarea}}<textarea id="cf_{{id}}" name="cf_{{id}}" rows="3"{{#error}} aria-invalid="true" aria-describedby="cf_{{id}}-error" autofocus{{/error}}>{{value}}</textarea>{{/isTextarea}}
        {{#isNumber}}<input id="cf_{{id}}" name="cf_{{id}}" value="{{value}}" inputmode="numeric"{{#error}} aria-invalid="true" aria-describedby="cf_{{id}}-error" autofocus{{/error}}>{{/isNumber}}
        {{#isDate}}<input id="cf_{{id}}" name="cf_{{id}}" value="{{value}}" type="date"{{#error}} aria-invalid="true" aria-describedby="cf_{{id}}-error" autofocus{{/error}}>{{/isDate}}
        {{#isDropdown}}<select id="cf_{{id}}" name="cf_{{id}}"{{#error}} aria-invalid="true" aria-describedby="cf_{{id}}-error" autofocus{{/error}}>{{#options}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isDropdown}}
        {{#isMultiple}}<span id="cf_{{id}}" class="checks">{{#options}}<label class="inline-check"><input type="checkbox" name="cf_{{id}}_{{value}}" value="1" {{#selected}}checked{{/selected}}> {{label}}</label>{{/options}}</span>{{/isMultiple}}
        {{#error}}<p class="field-error" id="cf_{{id}}-error">{{.}}</p>{{/error}}
      </div>
      {{/fields}}
      <div class="actions"><button type="submit" class="primary" id="save-asset">Save</button> <a class="button" href="{{cancelURL}}">Cancel</a></div>
    </form>
    {{/content}}{{/layout}}
    """
}
