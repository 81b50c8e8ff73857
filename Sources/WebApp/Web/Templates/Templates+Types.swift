extension Templates {
  static let assetTypes = """
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Asset types</h1></div>
    <div class="table-wrap"><table class="data" id="types-table">
      <thead><tr><th scope="col">Type</th><th scope="col">Fields</th><th scope="col">Assets</th><th scope="col">Description</th></tr></thead>
      <tbody>{{#types}}<tr><td><a href="/admin/asset-types/{{id}}">{{name}}</a>{{#managed}} <img src="/static/kandji.svg" alt="Kandji type" title="Synced from Kandji: read-only" width="12" height="12">{{/managed}}</td><td>{{fields}}</td><td>{{assets}}</td><td class="wrap muted">{{description}}</td></tr>{{/types}}</tbody>
    </table></div>
    <section class="card form">
      <h2>New asset type</h2>
      <form method="post" action="/admin/asset-types" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#nameError}} invalid{{/nameError}}"><label for="type-name">Name</label><input id="type-name" name="name" value="{{name}}" required maxlength="100"{{#nameError}} aria-invalid="true" aria-describedby="type-name-error" autofocus{{/nameError}}>{{#nameError}}<p class="field-error" id="type-name-error">{{.}}</p>{{/nameError}}</div>
        <div class="field"><label for="type-description">Description</label><input id="type-description" name="description" value="{{description}}" maxlength="1000"></div>
        <button type="submit" class="primary" id="create-type">Create type</button>
      </form>
    </section>
    {{/content}}{{/layout}}
    """

  static let assetType = """
    {{<layout}}{{$content}}
    <div class="page-head"><div><p class="crumbs"><a href="/admin/asset-types">Asset types</a></p><h1 id="type-name-heading">{{type.name}}</h1>
      <p class="muted">{{type.assets}} assets · <a href="/assets?type={{type.id}}">Show assets</a></p></div></div>
    {{#type.managed}}<p class="managed-note"><img src="/static/kandji.svg" alt="" width="14" height="14"> A Kandji asset type: system-controlled, so it cannot be renamed or deleted, and its fields are the Kandji group.</p>{{/type.managed}}
    <div class="grid">
    {{^type.managed}}
    <section class="card form">
      <h2>Type</h2>
      <form method="post" action="/admin/asset-types/{{type.id}}" novalidate>
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#editNameError}} invalid{{/editNameError}}"><label for="type-name">Name</label><input id="type-name" name="name" value="{{editName}}" required maxlength="100"{{#editNameError}} aria-invalid="true" aria-describedby="type-name-error" autofocus{{/editNameError}}>{{#editNameError}}<p class="field-error" id="type-name-error">{{.}}</p>{{/editNameError}}</div>
        <div class="field"><label for="type-description">Description</label><input id="type-description" name="description" value="{{editDescription}}" maxlength="1000"></div>
        <label class="inline-check"><input type="checkbox" name="ticket_association" value="1" {{#ticketAssociation}}checked{{/ticketAssociation}}> Tickets can be linked</label>
        <label class="inline-check"><input type="checkbox" name="contact_association" value="1" {{#contactAssociation}}checked{{/contactAssociation}}> Contacts can be linked</label>
        <div class="actions"><button type="submit" id="save-type">Save</button></div>
      </form>
      <form method="post" action="/admin/asset-types/{{type.id}}/delete" class="inline">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <button type="submit" class="danger" id="delete-type">Delete type…</button>
      </form>
    </section>
    {{/type.managed}}
    <section class="card" id="fields">
      <h2>Fields</h2>
      {{#hasFields}}<ul class="plain" id="field-list">{{#fields}}<li id="field-{{id}}"><strong>{{name}}</strong> <span class="muted small">{{typeLabel}}</span>{{#choicesText}} <span class="small">({{.}})</span>{{/choicesText}}
        {{^managed}}<details class="field-edit"{{#error}} open{{/error}}><summary class="small">Edit <span class="sr-only">{{name}}</span></summary>
          <form method="post" action="/admin/asset-types/{{typeID}}/fields/{{id}}">
            <input type="hidden" name="_csrf" value="{{csrf}}">
            <label for="field-name-{{id}}">Name</label><input id="field-name-{{id}}" name="name" value="{{name}}" required maxlength="100"{{#error}} aria-invalid="true" aria-describedby="field-error-{{id}}" autofocus{{/error}}>{{#error}}<p class="field-error" id="field-error-{{id}}">{{.}}</p>{{/error}}
            {{#hasChoices}}{{#choices}}<label for="choice-{{id}}" class="sr-only">Choice</label><input id="choice-{{id}}" name="choice_{{id}}" value="{{text}}">{{/choices}}
            <label for="new-choices-{{id}}">New choices, one per line (clear a choice above to remove it)</label><textarea id="new-choices-{{id}}" name="new_choices" rows="2"></textarea>{{/hasChoices}}
            <button type="submit">Save field</button>
          </form>
          <form method="post" action="/admin/asset-types/{{typeID}}/fields/{{id}}/delete" class="inline">
            <input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="link small danger">Delete field…</button>
          </form></details>{{/managed}}</li>{{/fields}}</ul>{{/hasFields}}
      {{^hasFields}}<p class="muted">No fields yet.</p>{{/hasFields}}
      {{^type.managed}}
      <form method="post" action="/admin/asset-types/{{type.id}}/fields" class="form" novalidate id="new-field">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <div class="field{{#fieldNameError}} invalid{{/fieldNameError}}"><label for="field-name">Field name</label><input id="field-name" name="name" value="{{fieldName}}" required maxlength="100"{{#fieldNameError}} aria-invalid="true" aria-describedby="field-name-error" autofocus{{/fieldNameError}}>{{#fieldNameError}}<p class="field-error" id="field-name-error">{{.}}</p>{{/fieldNameError}}</div>
        <div class="field"><label for="field-type">Type</label><select id="field-type" name="type">{{#fieldTypes}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/fieldTypes}}</select></div>
        <div class="field"><label for="field-choices">Choices (dropdown and multiple choice), one per line</label><textarea id="field-choices" name="choices" rows="3">{{fieldChoices}}</textarea></div>
        <button type="submit" class="primary" id="add-field">Add field</button>
      </form>
      {{/type.managed}}
    </section>
    </div>
    {{/content}}{{/layout}}
    """
}
