extension Templates {
  static let tickets = """
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Tickets</h1></div>
    <form class="filters" method="get" action="/tickets" id="ticket-filters">
      <label for="filter-status" class="sr-only">Status</label>
      <select id="filter-status" name="status">{{#statusFilter}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/statusFilter}}</select>
      <label for="filter-category" class="sr-only">Category</label>
      <select id="filter-category" name="category">{{#categoryFilter}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/categoryFilter}}</select>
      <label for="filter-assignee" class="sr-only">Assignee</label>
      <select id="filter-assignee" name="assignee">{{#assigneeFilter}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/assigneeFilter}}</select>
      <button type="submit" id="apply-filters">Filter</button>
    </form>
    {{#hasRows}}
    <div class="table-wrap"><table class="data" id="tickets-table">
      <thead><tr><th scope="col">Ticket</th><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">Priority</th><th scope="col">Category</th><th scope="col">Contact</th><th scope="col">Assignee</th><th scope="col">Assets</th><th scope="col">Last update</th></tr></thead>
      <tbody>{{#rows}}<tr><td class="mono" data-label="Ticket">{{displayID}}</td><td class="wrap" data-label="Subject"><a href="/tickets/{{id}}">{{subject}}</a></td><td data-label="Status"><span class="badge {{#completed}}done{{/completed}}{{^completed}}subtle{{/completed}}">{{status}}</span></td><td data-label="Priority">{{priority}}</td><td data-label="Category">{{category}}</td><td class="wrap" data-label="Contact">{{contact}}</td><td data-label="Assignee">{{assignee}}</td><td data-label="Assets">{{assetCount}}</td><td data-label="Last update">{{updated}}</td></tr>{{/rows}}</tbody>
    </table></div>
    <nav class="pager" aria-label="Pages"><span class="muted">{{from}}–{{to}} of {{total}}</span>
      {{#prevURL}}<a class="button" href="{{.}}" rel="prev">Previous</a>{{/prevURL}}{{#nextURL}}<a class="button" href="{{.}}" rel="next">Next</a>{{/nextURL}}</nav>
    {{/hasRows}}
    {{^hasRows}}<section class="empty"><h2>No tickets here</h2><p class="muted">Change the filters, or create a ticket. Tickets linked to assets show up under the asset's Recent Tickets.</p></section>{{/hasRows}}
    <section class="card form">
      <h2>New ticket</h2>
      <form method="post" action="/tickets" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#subjectError}} invalid{{/subjectError}}"><label for="subject">Subject</label><input id="subject" name="subject" value="{{subject}}" maxlength="500" required{{#subjectError}} aria-invalid="true" aria-describedby="subject-error" autofocus{{/subjectError}}>{{#subjectError}}<p class="field-error" id="subject-error">{{.}}</p>{{/subjectError}}</div>
        <div class="field{{#messageError}} invalid{{/messageError}}"><label for="message">Message</label><textarea id="message" name="message" rows="4"{{#messageError}} aria-invalid="true" aria-describedby="message-error" autofocus{{/messageError}}>{{message}}</textarea>{{#messageError}}<p class="field-error" id="message-error">{{.}}</p>{{/messageError}}</div>
        <div class="field">{{#contactPicker}}{{>picker}}{{/contactPicker}}</div>
        <div class="field"><label for="category_id">Category</label><select id="category_id" name="category_id">{{#categories}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/categories}}</select></div>
        <div class="field"><label for="priority_id">Priority</label><select id="priority_id" name="priority_id">{{#priorities}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/priorities}}</select></div>
        <div class="field">{{#assetPicker}}{{>picker}}{{/assetPicker}}</div>
        <button type="submit" class="primary" id="create-ticket">Create ticket</button>
      </form>
    </section>
    {{/content}}{{/layout}}
    """

  static let ticket = """
    {{<layout}}{{$content}}
    <div class="page-head"><div><p class="crumbs"><a href="/tickets">Tickets</a></p><h1 id="ticket-subject"><span class="mono muted">{{displayID}}</span> {{subject}}</h1>
      <p class="muted">Created {{created}}{{#contactName}} · <a href="/contacts/{{contactID}}">{{.}}</a>{{/contactName}} · <span class="badge {{#completed}}done{{/completed}}{{^completed}}subtle{{/completed}}" id="ticket-status">{{status}}</span>{{#hasTags}} · Tags: <span id="ticket-tags">{{tags}}</span>{{/hasTags}}</p></div>
    </div>
    <div class="grid">
      <div>
        <section class="card" id="thread"><h2>Thread</h2>
          {{#threadShown}}<p class="muted small" id="thread-paging">{{.}}{{#olderURL}} <a href="{{.}}" id="older-updates">Older updates</a>{{/olderURL}}{{#newerURL}} <a href="{{.}}" id="newest-updates">Newest updates</a>{{/newerURL}}</p>{{/threadShown}}
          <ol class="thread">
          {{#entries}}<li class="entry{{#isPrivate}} private{{/isPrivate}}{{#byContact}} contact{{/byContact}}" id="update-{{id}}">
            <p class="entry-head"><strong>{{who}}</strong> <span class="muted small">{{label}} · {{when}}</span>{{#isPrivate}} <span class="badge">Private note</span>{{/isPrivate}}</p>
            {{#text}}<div class="message">{{.}}</div>{{/text}}
            {{#hasChanges}}<ul class="changes small muted">{{#changes}}<li>{{.}}</li>{{/changes}}</ul>{{/hasChanges}}
          </li>{{/entries}}
          </ol>
          <form method="post" action="/tickets/{{ticketID}}/reply" class="form" id="reply-form">
            <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            <div class="field{{#replyError}} invalid{{/replyError}}"><label for="reply-message">Reply or note</label><textarea id="reply-message" name="message" rows="4"{{#replyError}} aria-invalid="true" aria-describedby="reply-error" autofocus{{/replyError}}>{{replyText}}</textarea>{{#replyError}}<p class="field-error" id="reply-error">{{.}}</p>{{/replyError}}</div>
            <div class="row">
              <label class="inline-check"><input type="checkbox" name="private" value="1" id="reply-private" {{#replyPrivate}}checked{{/replyPrivate}}> Private note (agents only)</label>
              <label for="reply-status" class="sr-only">Status</label>
              <select id="reply-status" name="status_id">{{#replyStatuses}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/replyStatuses}}</select>
              <button type="submit" class="primary" id="send-reply">Send</button>
            </div>
          </form>
        </section>
      </div>
      <div>
        <section class="card form"><h2>Properties</h2>
          <form method="post" action="/tickets/{{ticketID}}/properties" id="properties-form">
            <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            <div class="field"><label for="status_id">Status</label><select id="status_id" name="status_id">{{#statuses}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/statuses}}</select></div>
            <div class="field"><label for="priority_id">Priority</label><select id="priority_id" name="priority_id">{{#priorities}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/priorities}}</select></div>
            <div class="field"><label for="category_id">Category</label><select id="category_id" name="category_id">{{#categories}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/categories}}</select></div>
            <div class="field"><label for="assignee_id">Assignee</label><select id="assignee_id" name="assignee_id">{{#assignees}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/assignees}}</select></div>
            <div class="field{{#tagsError}} invalid{{/tagsError}}"><label for="tags">Tags (comma-separated)</label><input id="tags" name="tags" value="{{tagsInput}}"{{#tagsError}} aria-invalid="true" aria-describedby="tags-error" autofocus{{/tagsError}}>{{#tagsError}}<p class="field-error" id="tags-error">{{.}}</p>{{/tagsError}}</div>
            <button type="submit" id="save-properties">Save</button>
          </form>
        </section>
        {{#hasRequesterDevices}}<section class="card" id="requester-devices"><h2>{{contactName}}’s devices</h2>
          <ul class="plain">{{#requesterDevices}}<li class="requester-device" id="requester-device-{{id}}"><a href="/assets/{{id}}">{{name}}</a> <span class="mono muted">{{displayID}}</span>{{#retired}} <span class="badge subtle">Retired</span>{{/retired}}{{#consoleURL}} <a class="kandji-link" href="{{.}}" target="_blank" rel="noopener noreferrer" title="Open in Kandji"><img src="/static/kandji.svg" alt="Open in Kandji" width="12" height="12"></a>{{/consoleURL}}
            <br><span class="small">{{model}} · {{osVersion}} · last check-in {{lastCheckIn}}</span> <span class="muted small">Kandji data as of {{dataAsOf}}</span>
            {{#linked}}<span class="badge subtle">Linked</span>{{/linked}}{{^linked}}<form method="post" action="/tickets/{{ticketID}}/assets" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="display_id" value="{{displayID}}"><button type="submit" class="small link-device">Link to ticket</button></form>{{/linked}}</li>{{/requesterDevices}}</ul>
        </section>{{/hasRequesterDevices}}
        <section class="card" id="linked-assets"><h2>Linked assets</h2>
          {{#hasAssets}}<ul class="plain">{{#assets}}<li><a href="/assets/{{id}}">{{name}}</a> <span class="mono muted">{{displayID}}</span>{{#managed}} <img src="/static/kandji.svg" alt="Synced from Kandji" width="12" height="12">{{/managed}}
            <form method="post" action="/tickets/{{ticketID}}/assets/{{id}}/remove" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="link small">Unlink</button></form></li>{{/assets}}</ul>{{/hasAssets}}
          {{^hasAssets}}<p class="muted">No assets linked.</p>{{/hasAssets}}
          <form method="post" action="/tickets/{{ticketID}}/assets" class="row picker-row" id="link-asset-form">
            <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            {{#assetPicker}}{{>picker}}{{/assetPicker}}
            <button type="submit" id="link-asset">Link asset</button>
          </form>
        </section>
      </div>
    </div>
    {{/content}}{{/layout}}
    """
}
