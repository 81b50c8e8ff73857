/// The stylesheet, script and icons, served from memory under `/static/` (no CDN, nothing to deploy
/// beside the binary).
enum StaticAssets {
  static let files: [String: (type: String, body: String)] = [
    "app.css": ("text/css; charset=utf-8", css + pickerCSS),
    "app.js": ("text/javascript; charset=utf-8", script + pickerScript),
    "kandji.svg": ("image/svg+xml", kandjiIcon),
    "assetsync.svg": ("image/svg+xml", appIcon),
  ]

  /// The Kandji mark used beside synced types, assets and the console link.
  static let kandjiIcon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1b1b1f"/><path d="M10 7h4v7.2L20.6 7h5l-7.4 7.7L26 25h-5l-5.8-7.7-1.2 1.2V25h-4z" fill="#fff"/></svg>
    """

  static let appIcon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2f5bea"/><path d="M8 22l8-13 8 13h-4l-4-6.6-4 6.6z" fill="#fff"/></svg>
    """

  static let script = """
    "use strict";
    document.addEventListener("DOMContentLoaded", () => {
      // Destructive forms ask on a page of their own (`Confirmation`), with or without JavaScript.
      // Mapping preview: three real devices under the chosen mapping.
      const preview = document.getElementById("preview");
      const nameSource = document.getElementById("name_source");
      const displaySource = document.getElementById("display_id_source");
      // The Kandji fields ticked in the chooser, by their order boxes (empty boxes last).
      const fieldsForm = document.getElementById("fields-form");
      function chosenFields() {
        if (!fieldsForm) return "";
        const rows = Array.from(fieldsForm.querySelectorAll("tr.field-row")).map((row, index) => ({
          key: row.dataset.key, index,
          checked: row.querySelector(".field-check").checked,
          order: parseInt(row.querySelector(".field-order").value, 10) || 1e9,
        })).filter((row) => row.checked);
        rows.sort((a, b) => a.order - b.order || a.index - b.index);
        return rows.map((row) => row.key).join(",");
      }
      async function refreshPreview() {
        if (!preview || !nameSource || !displaySource) return;
        const url = preview.dataset.previewUrl + "?name_source=" + encodeURIComponent(nameSource.value) +
          "&display_id_source=" + encodeURIComponent(displaySource.value) +
          "&fields=" + encodeURIComponent(chosenFields());
        try {
          const response = await fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } });
          const body = await response.json();
          if (!response.ok) throw new Error(body.error || "Preview unavailable");
          const table = document.createElement("table");
          table.className = "data compact";
          table.id = "preview-table";
          const head = table.createTHead().insertRow();
          for (const title of ["Asset name", "Display ID", "Platform"]) {
            const th = document.createElement("th"); th.scope = "col"; th.textContent = title; head.appendChild(th);
          }
          const tbody = table.createTBody();
          for (const device of body.devices) {
            const row = tbody.insertRow();
            for (const value of [device.name, device.display_id, device.platform]) row.insertCell().textContent = value;
          }
          // The chosen Kandji fields, one row each and a column per device: any number of them
          // fits the page's width (a column per field would not).
          const parts = [table];
          const fields = body.fields || [];
          if (fields.length) {
            const chosen = document.createElement("table");
            chosen.className = "data compact";
            chosen.id = "preview-fields";
            chosen.createCaption().textContent = "The chosen Kandji fields of the same devices";
            const top = chosen.createTHead().insertRow();
            for (const title of ["Field"].concat(body.devices.map((device) => device.name))) {
              const th = document.createElement("th"); th.scope = "col"; th.textContent = title; top.appendChild(th);
            }
            const rows = chosen.createTBody();
            fields.forEach((title, index) => {
              const row = rows.insertRow();
              const th = document.createElement("th"); th.scope = "row"; th.textContent = title; row.appendChild(th);
              for (const device of body.devices) row.insertCell().textContent = (device.values || [])[index] ?? "";
            });
            parts.push(chosen);
          }
          preview.replaceChildren(...parts);
        } catch (error) {
          const p = document.createElement("p"); p.className = "muted small"; p.textContent = error.message;
          preview.replaceChildren(p);
        }
      }
      if (nameSource && displaySource) {
        nameSource.addEventListener("change", refreshPreview);
        displaySource.addEventListener("change", refreshPreview);
        if (fieldsForm) fieldsForm.addEventListener("change", refreshPreview);
        refreshPreview();
      }
      // Live sync progress: poll the app status until the run ends, then show the result.
      const box = document.getElementById("sync-progress");
      if (box) {
        const text = document.getElementById("progress-text");
        const bar = document.getElementById("progress-bar");
        const poll = async () => {
          try {
            const response = await fetch(box.dataset.statusUrl, { credentials: "same-origin" });
            const status = await response.json();
            const run = status.running_sync_run;
            if (!run) { window.location.reload(); return; }
            const p = run.progress || {};
            text.textContent = (p.phase || "listing") + ": " + (p.devices_listed || 0) + " devices listed, " +
              (p.details_done || 0) + " details fetched" + (p.details_remaining ? ", " + p.details_remaining + " to go" : "");
            const total = (p.details_done || 0) + (p.details_remaining || 0);
            if (total > 0) { bar.max = total; bar.value = p.details_done || 0; }
          } catch (error) { /* keep polling */ }
          window.setTimeout(poll, 1000);
        };
        window.setTimeout(poll, 500);
      }
    });
    """
}
