extension Templates {
  /// One `Picker` (a partial: `{{#somePicker}}{{>picker}}{{/somePicker}}`). A plain text field;
  /// /static/app.js turns every `input[data-picker]` into a combobox with a listbox of matches.
  static let picker = """
    <div class="picker{{#error}} invalid{{/error}}">
      <label for="{{inputID}}"{{#hideLabel}} class="sr-only"{{/hideLabel}}>{{label}}</label>
      <div class="picker-box"><input id="{{inputID}}" name="{{name}}" value="{{text}}" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="200" placeholder="{{placeholder}}" data-picker="{{source}}" data-picker-min="{{minLength}}"{{#hiddenName}} data-picker-target="{{.}}"{{/hiddenName}} aria-describedby="{{hintID}}{{#error}} {{errorID}}{{/error}}"{{#required}} required{{/required}}{{#error}} aria-invalid="true" autofocus{{/error}}></div>
      {{#hiddenName}}<input type="hidden" id="{{.}}" name="{{.}}" value="{{hiddenValue}}">{{/hiddenName}}
      <p class="hint" id="{{hintID}}">{{hint}}</p>
      {{#error}}<p class="field-error" id="{{errorID}}">{{.}}</p>{{/error}}
    </div>
    """
}
