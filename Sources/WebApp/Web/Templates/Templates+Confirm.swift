extension Templates {
  /// The question before a destructive action (`Confirmation`): works without JavaScript.
  static let confirm = """
    {{<layout}}{{$content}}
    <section class="card form" id="confirm">
      <h1 id="confirm-heading">{{heading}}</h1>
      <p id="confirm-message">{{message}}</p>
      <form method="post" action="{{action}}" class="actions">
        <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
        <input type="hidden" name="confirmed" value="1">
        <button type="submit" class="danger" id="confirm-action">{{button}}</button>
        <a class="button" href="{{cancelURL}}" id="cancel-action" autofocus>Cancel</a>
      </form>
    </section>
    {{/content}}{{/layout}}
    """
}
