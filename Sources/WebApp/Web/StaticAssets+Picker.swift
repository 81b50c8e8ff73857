extension StaticAssets {
  /// The pickers' script (issue 20), appended to /static/app.js (the CSP allows no inline script).
  /// Every `input[data-picker]` becomes a combobox (the ARIA 1.2 pattern): after a 200 ms pause
  /// in typing it asks `/pick/<kind>?q=` and lists the few matches in a listbox; arrow keys move,
  /// Enter or a click chooses, Escape closes, and a live region says how many matched. Choosing
  /// fills the field and the hidden id field it names; typing again clears that id, so the server
  /// then resolves the text as typed, as it does without JavaScript. Only the newest search's
  /// answer is shown; a signed-out session says so instead of showing the sign-in page's HTML.
  static let pickerScript = """

    document.addEventListener("DOMContentLoaded", () => {
      for (const input of document.querySelectorAll("input[data-picker]")) pickerFor(input);
    });

    function pickerFor(input) {
      const hidden = input.dataset.pickerTarget ? document.getElementById(input.dataset.pickerTarget) : null;
      const min = Number(input.dataset.pickerMin || "2");
      const label = document.querySelector('label[for="' + input.id + '"]');
      const list = document.createElement("ul");
      list.id = input.id + "-listbox";
      list.className = "picker-list";
      list.setAttribute("role", "listbox");
      list.setAttribute("aria-label", (label ? label.textContent.trim() : "Picker") + ": matches");
      list.hidden = true;
      const status = document.createElement("p");
      status.id = input.id + "-status";
      status.className = "sr-only";
      status.setAttribute("role", "status");
      input.after(list, status);
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", list.id);
      let results = [], active = -1, timer = 0, asked = 0;

      function close() {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
      }
      function highlight(index) {
        const options = list.querySelectorAll("[role=option]");
        options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
        active = index;
        if (options[index]) {
          input.setAttribute("aria-activedescendant", options[index].id);
          options[index].scrollIntoView({ block: "nearest" });
        }
      }
      function choose(index) {
        const match = results[index];
        if (!match) return;
        window.clearTimeout(timer);
        asked++;
        input.value = match.value;
        if (hidden) hidden.value = String(match.id);
        close();
        status.textContent = "Chosen: " + match.label + " (" + match.value + ")";
      }
      function show(matches, query) {
        results = matches;
        list.replaceChildren();
        matches.forEach((match, i) => {
          const option = document.createElement("li");
          option.id = list.id + "-" + i;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.dataset.index = String(i);
          const title = document.createElement("span");
          title.className = "picker-label";
          title.textContent = match.label;
          const detail = document.createElement("span");
          detail.className = "picker-detail";
          detail.textContent = match.detail;
          option.append(title, " ", detail);
          list.appendChild(option);
        });
        if (matches.length === 0) {
          close();
          status.textContent = "Nothing matches “" + query + "”.";
          return;
        }
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
        status.textContent = matches.length + (matches.length === 1 ? " match" : " matches") +
          ": use the arrow keys, then Enter to choose.";
      }
      async function search() {
        const query = input.value.trim();
        const mine = ++asked;
        if (query.length < min) { results = []; close(); return; }
        try {
          const source = input.dataset.picker;
          const response = await fetch(source + (source.includes("?") ? "&" : "?") + "q=" + encodeURIComponent(query),
            { credentials: "same-origin", redirect: "manual", headers: { "Accept": "application/json" } });
          if (mine !== asked) return;
          if (response.type === "opaqueredirect") {
            close();
            status.textContent = "Your session ended: reload the page to sign in again.";
            return;
          }
          if (!response.ok) { close(); return; }
          const body = await response.json();
          if (mine === asked && document.activeElement === input) show(body.results || [], query);
        } catch (error) {
          if (mine === asked) close();
        }
      }
      input.addEventListener("input", () => {
        if (hidden) hidden.value = "";
        window.clearTimeout(timer);
        timer = window.setTimeout(search, 200);
      });
      input.addEventListener("keydown", (event) => {
        const open = !list.hidden;
        if (event.key === "ArrowDown") {
          event.preventDefault();
          if (open) { highlight(Math.min(active + 1, results.length - 1)); } else { window.clearTimeout(timer); search(); }
        } else if (event.key === "ArrowUp" && open) {
          event.preventDefault();
          highlight(Math.max(active - 1, 0));
        } else if (event.key === "Enter" && open && active >= 0) {
          event.preventDefault();
          choose(active);
        } else if (event.key === "Escape") {
          // Also drops a search still waiting for the pause, so the list stays closed.
          window.clearTimeout(timer);
          asked++;
          if (open) { event.preventDefault(); close(); }
        }
      });
      // A click on a match must not blur the field first (which closes the list).
      list.addEventListener("mousedown", (event) => event.preventDefault());
      list.addEventListener("click", (event) => {
        const option = event.target.closest("[role=option]");
        if (option) { choose(Number(option.dataset.index)); input.focus(); }
      });
      input.addEventListener("blur", close);
    }
    """

  /// The pickers' styles, appended to /static/app.css.
  static let pickerCSS = """

    .picker { flex: 1 1 14em; min-width: 0; }
    .row.picker-row { align-items: flex-start; }
    .picker-box { position: relative; }
    .picker-box input { width: 100%; }
    .picker-list { position: absolute; z-index: 20; left: 0; right: 0; top: 100%; margin: 2px 0 0; padding: 4px 0;
      list-style: none; background: #fff; border: 1px solid #c5cbd5; border-radius: 6px;
      box-shadow: 0 6px 18px rgba(16, 24, 40, .14); max-height: 22em; overflow-y: auto; }
    .picker-list [role=option] { padding: 7px 10px; cursor: pointer; overflow-wrap: anywhere; }
    .picker-list [role=option]:hover { background: #f2f4f7; }
    .picker-list [role=option][aria-selected=true] { background: #eef2ff; box-shadow: inset 3px 0 0 var(--accent); }
    .picker-label { font-weight: 600; }
    .picker-detail { color: var(--muted); font-size: .85rem; }
    """
}
