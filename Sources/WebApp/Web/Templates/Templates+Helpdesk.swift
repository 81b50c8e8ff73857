extension Templates {
  static let contacts = """
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Contacts</h1></div>
    <form class="filters" method="get" action="/contacts" role="search">
      <label for="q" class="sr-only">Search</label>
      <input id="q" name="q" type="search" placeholder="Search name or email" value="{{query}}">
      <button type="submit">Search</button>
    </form>
    {{#hasRows}}
    <div class="table-wrap"><table class="data" id="contacts-table">
      <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Phones</th></tr></thead>
      <tbody>{{#rows}}<tr><td><a href="/contacts/{{id}}">{{name}}</a></td><td>{{email}}</td><td>{{phones}}</td></tr>{{/rows}}</tbody>
    </table></div>
    <nav class="pager" aria-label="Pages"><span class="muted">{{from}}–{{to}} of {{total}}</span>
      {{#prevURL}}<a class="button" href="{{.}}" rel="prev">Previous</a>{{/prevURL}}{{#nextURL}}<a class="button" href="{{.}}" rel="next">Next</a>{{/nextURL}}</nav>
    {{/hasRows}}
    {{^hasRows}}<section class="empty"><h2>No contacts{{#query}} match “{{.}}”{{/query}}</h2><p class="muted">Add the people whose devices and tickets you handle.</p></section>{{/hasRows}}
    <section class="card form">
      <h2>New contact</h2>
      <form method="post" action="/contacts" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#nameError}} invalid{{/nameError}}"><label for="name">Name</label><input id="name" name="name" value="{{name}}" required>{{#nameError}}<p class="field-error">{{.}}</p>{{/nameError}}</div>
        <div class="field{{#emailError}} invalid{{/emailError}}"><label for="email">Email</label><input id="email" name="email" type="email" value="{{email}}" required>{{#emailError}}<p class="field-error">{{.}}</p>{{/emailError}}<p class="hint">A Kandji user with this email is linked to their devices at the next sync.</p></div>
        <div class="field"><label for="phone">Phone</label><input id="phone" name="phone" value="{{phone}}"></div>
        <button type="submit" class="primary">Add contact</button>
      </form>
    </section>
    {{/content}}{{/layout}}
    """

  static let contact = """
    {{<layout}}{{$content}}
    <div class="page-head"><div><p class="crumbs"><a href="/contacts">Contacts</a></p><h1>{{contact.name}}</h1><p class="muted">{{contact.email}} {{contact.phones}}</p></div></div>
    <div class="grid">
      <section class="card"><h2>Assets</h2>
        {{#hasAssets}}<ul class="plain">{{#assets}}<li><a href="/assets/{{id}}">{{name}}</a> <span class="mono muted">{{displayID}}</span>{{#managed}} <img src="/static/kandji.svg" alt="Synced from Kandji" width="12" height="12">{{/managed}}</li>{{/assets}}</ul>{{/hasAssets}}
        {{^hasAssets}}<p class="muted">No assets associated.</p>{{/hasAssets}}
      </section>
      <section class="card"><h2>Tickets</h2>
        {{#hasTickets}}<ul class="plain">{{#tickets}}<li><a href="/tickets/{{id}}">#{{id}} {{subject}}</a> <span class="badge subtle">{{status}}</span></li>{{/tickets}}</ul>{{/hasTickets}}
        {{^hasTickets}}<p class="muted">No tickets.</p>{{/hasTickets}}
      </section>
    </div>
    {{/content}}{{/layout}}
    """

  static let tickets = """
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Tickets</h1></div>
    {{#hasRows}}
    <div class="table-wrap"><table class="data" id="tickets-table">
      <thead><tr><th scope="col">#</th><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">Contact</th><th scope="col">Assets</th><th scope="col">Created</th></tr></thead>
      <tbody>{{#rows}}<tr><td>{{id}}</td><td><a href="/tickets/{{id}}">{{subject}}</a></td><td><span class="badge subtle">{{status}}</span></td><td>{{contact}}</td><td>{{assetCount}}</td><td>{{created}}</td></tr>{{/rows}}</tbody>
    </table></div>
    <nav class="pager" aria-label="Pages"><span class="muted">{{from}}–{{to}} of {{total}}</span>
      {{#prevURL}}<a class="button" href="{{.}}" rel="prev">Previous</a>{{/prevURL}}{{#nextURL}}<a class="button" href="{{.}}" rel="next">Next</a>{{/nextURL}}</nav>
    {{/hasRows}}
    {{^hasRows}}<section class="empty"><h2>No tickets yet</h2><p class="muted">Tickets linked to assets show up under the asset's Recent Tickets.</p></section>{{/hasRows}}
    <section class="card form">
      <h2>New ticket</h2>
      <form method="post" action="/tickets" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#subjectError}} invalid{{/subjectError}}"><label for="subject">Subject</label><input id="subject" name="subject" value="{{subject}}" maxlength="500" required>{{#subjectError}}<p class="field-error">{{.}}</p>{{/subjectError}}</div>
        <div class="field"><label for="contact_id">Contact</label><select id="contact_id" name="contact_id"><option value="">— none —</option>{{#contactChoices}}<option value="{{id}}">{{name}} ({{email}})</option>{{/contactChoices}}</select></div>
        <div class="field{{#assetError}} invalid{{/assetError}}"><label for="asset_display_id">Asset display ID (optional)</label><input id="asset_display_id" name="asset_display_id" value="{{assetDisplayID}}">{{#assetError}}<p class="field-error">{{.}}</p>{{/assetError}}</div>
        <button type="submit" class="primary">Create ticket</button>
      </form>
    </section>
    {{/content}}{{/layout}}
    """

  static let ticket = """
    {{<layout}}{{$content}}
    <div class="page-head"><div><p class="crumbs"><a href="/tickets">Tickets</a></p><h1>#{{ticket.id}} {{ticket.subject}}</h1>
      <p class="muted">{{ticket.created}}{{#ticket.contactName}} · <a href="/contacts/{{ticket.contactID}}">{{.}}</a>{{/ticket.contactName}}</p></div>
      <form method="post" action="/tickets/{{ticket.id}}/status" class="row">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <label for="status" class="sr-only">Status</label>
        <select id="status" name="status">{{#statuses}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{value}}</option>{{/statuses}}</select>
        <button type="submit">Update</button>
      </form>
    </div>
    <section class="card"><h2>Linked assets</h2>
      {{#hasAssets}}<ul class="plain">{{#assets}}<li><a href="/assets/{{id}}">{{name}}</a> <span class="mono muted">{{displayID}}</span>
        <form method="post" action="/tickets/{{ticketID}}/assets/{{id}}/remove" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="link small">Unlink</button></form></li>{{/assets}}</ul>{{/hasAssets}}
      {{^hasAssets}}<p class="muted">No assets linked.</p>{{/hasAssets}}
      <form method="post" action="/tickets/{{ticket.id}}/assets" class="row">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <label for="display_id" class="sr-only">Asset display ID</label>
        <input id="display_id" name="display_id" placeholder="Asset display ID" required>
        <button type="submit">Link asset</button>
      </form>
    </section>
    {{/content}}{{/layout}}
    """
}
