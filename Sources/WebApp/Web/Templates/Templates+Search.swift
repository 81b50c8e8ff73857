extension Templates {
  /// `/search?q=`: what the search box in every page's header finds, grouped by kind.
  static let search = """
    {{<layout}}{{$content}}
    <div class="page-head"><div><h1>Search</h1>
      {{#hasQuery}}<p class="muted" id="search-summary">{{summary}}</p>{{/hasQuery}}</div></div>
    <form method="get" action="/search" class="row" role="search" id="search-page-form">
      <label for="search-page-q" class="sr-only">Search</label>
      <input id="search-page-q" name="q" type="search" value="{{query}}" maxlength="200" placeholder="Name, serial, email, asset tag, ticket #…">
      <button type="submit">Search</button>
    </form>
    {{#error}}<p class="flash error" role="alert">{{.}}</p>{{/error}}
    {{#groups}}<section class="card" id="results-{{kind}}">
      <h2>{{title}} <span class="muted small">({{count}})</span></h2>
      <ul class="plain results">{{#hits}}<li class="result"><a href="{{url}}" class="result-link">{{title}}</a> <span class="mono muted">{{reference}}</span>{{#managed}} <img src="/static/kandji.svg" alt="Synced from Kandji" width="12" height="12">{{/managed}}{{#retired}} <span class="badge subtle">Retired</span>{{/retired}}
        <span class="muted small">matched {{matchedField}}: <mark>{{matchedValue}}</mark></span></li>{{/hits}}</ul>
    </section>{{/groups}}
    {{#noResults}}<section class="empty" id="no-results"><h2>Nothing found</h2><p class="muted">Search by device name, display ID, serial (3 or more characters), asset tag, the user's email or name, a contact's name, email or phone, or a ticket's number or subject.</p></section>{{/noResults}}
    {{/content}}{{/layout}}
    """
}
