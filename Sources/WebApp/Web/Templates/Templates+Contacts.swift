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
      <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Phones</th><th scope="col">Groups</th></tr></thead>
      <tbody>{{#rows}}<tr><td class="wrap" data-label="Name"><a href="/contacts/{{id}}">{{name}}</a></td><td class="wrap" data-label="Email">{{email}}</td><td data-label="Phones">{{phones}}</td><td data-label="Groups">{{groups}}</td></tr>{{/rows}}</tbody>
    </table></div>
    <nav class="pager" aria-label="Pages"><span class="muted">{{from}}–{{to}} of {{total}}</span>
      {{#prevURL}}<a class="button" href="{{.}}" rel="prev">Previous</a>{{/prevURL}}{{#nextURL}}<a class="button" href="{{.}}" rel="next">Next</a>{{/nextURL}}</nav>
    {{/hasRows}}
    {{^hasRows}}<section class="empty"><h2>No contacts{{#searched}} match “{{.}}”{{/searched}}</h2><p class="muted">Add the people whose devices and tickets you handle.</p></section>{{/hasRows}}
    <div class="grid">
    <section class="card form">
      <h2>New contact</h2>
      <form method="post" action="/contacts" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#nameError}} invalid{{/nameError}}"><label for="name">Name</label><input id="name" name="name" value="{{name}}" required{{#nameError}} aria-invalid="true" aria-describedby="name-error" autofocus{{/nameError}}>{{#nameError}}<p class="field-error" id="name-error">{{.}}</p>{{/nameError}}</div>
        <div class="field{{#emailError}} invalid{{/emailError}}"><label for="email">Email</label><input id="email" name="email" type="email" value="{{email}}" required{{#emailError}} aria-invalid="true" aria-describedby="email-error" autofocus{{/emailError}}>{{#emailError}}<p class="field-error" id="email-error">{{.}}</p>{{/emailError}}<p class="hint">A Kandji user with this email is linked to their devices at the next sync.</p></div>
        <div class="field{{#phoneError}} invalid{{/phoneError}}"><label for="phone">Phone</label><input id="phone" name="phone" value="{{phone}}"{{#phoneError}} aria-invalid="true" aria-describedby="phone-error" autofocus{{/phoneError}}>{{#phoneError}}<p class="field-error" id="phone-error">{{.}}</p>{{/phoneError}}
          <label for="phone_type" class="sr-only">Phone type</label><select id="phone_type" name="phone_type">{{#phoneTypes}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/phoneTypes}}</select></div>
        <button type="submit" class="primary" id="add-contact">Add contact</button>
      </form>
    </section>
    <section class="card form" id="groups">
      <h2>Contact groups</h2>
      {{#hasGroups}}<ul class="plain" id="group-list">{{#groups}}<li>{{name}}{{#domains}} <span class="muted small">{{.}}</span>{{/domains}}</li>{{/groups}}</ul>{{/hasGroups}}
      {{^hasGroups}}<p class="muted">No groups yet.</p>{{/hasGroups}}
      <form method="post" action="/contact-groups" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#groupNameError}} invalid{{/groupNameError}}"><label for="group-name">Group name</label><input id="group-name" name="name" value="{{groupName}}" required maxlength="100"{{#groupNameError}} aria-invalid="true" aria-describedby="group-name-error" autofocus{{/groupNameError}}>{{#groupNameError}}<p class="field-error" id="group-name-error">{{.}}</p>{{/groupNameError}}</div>
        <div class="field{{#groupDomainsError}} invalid{{/groupDomainsError}}"><label for="group-domains">Tagged domains</label><input id="group-domains" name="tagged_domains" value="{{groupDomains}}" placeholder="example.com, acme.com"{{#groupDomainsError}} aria-invalid="true" aria-describedby="group-domains-error" autofocus{{/groupDomainsError}}>{{#groupDomainsError}}<p class="field-error" id="group-domains-error">{{.}}</p>{{/groupDomainsError}}<p class="hint">New contacts with these email domains join the group.</p></div>
        <button type="submit" id="add-group">Create group</button>
      </form>
    </section>
    </div>
    {{/content}}{{/layout}}
    """

  static let contact = """
    {{<layout}}{{$content}}
    <div class="page-head"><div><p class="crumbs"><a href="/contacts">Contacts</a></p><h1>{{name}}</h1><p class="muted">{{email}}</p></div></div>
    <div class="grid">
      <section class="card"><h2>Phones</h2>
        {{#hasPhones}}<ul class="plain" id="phones">{{#phones}}<li>{{number}} <span class="muted small">{{type}}</span>{{#primary}} <span class="badge subtle">Primary</span>{{/primary}}</li>{{/phones}}</ul>{{/hasPhones}}
        {{^hasPhones}}<p class="muted">No phone numbers.</p>{{/hasPhones}}
      </section>
      <section class="card" id="groups"><h2>Groups</h2>
        {{#hasGroups}}<ul class="plain" id="contact-groups">{{#groups}}<li>{{name}}
          <form method="post" action="/contacts/{{contactID}}/groups/{{id}}/remove" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="link small">Remove</button></form></li>{{/groups}}</ul>{{/hasGroups}}
        {{^hasGroups}}<p class="muted">Not in any group.</p>{{/hasGroups}}
        {{#hasGroupChoices}}<form method="post" action="/contacts/{{contactID}}/groups" class="row">
          <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
          <label for="group_id" class="sr-only">Group</label>
          <select id="group_id" name="group_id">{{#groupChoices}}<option value="{{id}}">{{name}}</option>{{/groupChoices}}</select>
          <button type="submit" id="join-group">Add to group</button>
        </form>{{/hasGroupChoices}}
      </section>
      <section class="card"><h2>Assets</h2>
        {{#hasAssets}}<ul class="plain">{{#assets}}<li><a href="/assets/{{id}}">{{name}}</a> <span class="mono muted">{{displayID}}</span>{{#managed}} <img src="/static/kandji.svg" alt="Synced from Kandji" width="12" height="12">{{/managed}}</li>{{/assets}}</ul>{{/hasAssets}}
        {{^hasAssets}}<p class="muted">No assets associated.</p>{{/hasAssets}}
      </section>
      <section class="card"><h2>Tickets</h2>
        {{#hasTickets}}<ul class="plain">{{#tickets}}<li><a href="/tickets/{{id}}">{{displayID}} {{subject}}</a> <span class="badge subtle">{{status}}</span></li>{{/tickets}}</ul>{{/hasTickets}}
        {{^hasTickets}}<p class="muted">No tickets.</p>{{/hasTickets}}
      </section>
    </div>
    {{/content}}{{/layout}}
    """
}
