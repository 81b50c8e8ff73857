extension StaticAssets {
  static let css = """
    :root { --bg: #f6f7f9; --card: #fff; --text: #1c1f24; --muted: #5b6270; --line: #dde1e7; --accent: #2f5bea;
      --accent-dark: #1e44c4; --danger: #b42318; --ok: #067647; --warn: #b54708; --radius: 8px;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 15px; }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--text); line-height: 1.45; }
    a { color: var(--accent-dark); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #8fb0ff; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 8px; }
    .skip:focus { left: 8px; z-index: 10; }
    .sr-only { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
    .topbar { display: flex; flex-wrap: wrap; align-items: center; gap: 16px; padding: 10px 24px; background: #fff; border-bottom: 1px solid var(--line); }
    .brand { display: flex; align-items: center; gap: 8px; font-weight: 700; color: var(--text); text-decoration: none; }
    .topbar nav { display: flex; flex-wrap: wrap; gap: 4px; flex: 1; }
    .topbar nav a { padding: 6px 10px; border-radius: 6px; text-decoration: none; color: var(--muted); }
    .topbar nav a[aria-current] { background: #eef2ff; color: var(--accent-dark); font-weight: 600; }
    .signout { display: flex; align-items: center; gap: 8px; }
    .who { color: var(--muted); }
    .topsearch input { width: 14em; max-width: 100%; }
    .history .old-value { text-decoration: line-through; color: var(--muted); }
    .history .new-value { font-weight: 600; }
    .results mark { background: #fff3bf; }
    .container { max-width: 1180px; margin: 0 auto; padding: 24px; }
    .page-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-start; gap: 12px; margin-bottom: 16px; }
    h1 { font-size: 1.6rem; margin: 0; display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
    h2 { font-size: 1.15rem; margin: 0 0 12px; display: flex; align-items: center; gap: 8px; }
    h3 { font-size: 1rem; margin: 20px 0 8px; }
    .crumbs { margin: 0 0 4px; font-size: .9rem; }
    .muted { color: var(--muted); }
    .small { font-size: .85rem; }
    .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 20px; margin-bottom: 16px; }
    .grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; align-items: start; }
    @media (max-width: 860px) { .grid { grid-template-columns: 1fr; } .container { padding: 14px; } .topbar { padding: 10px 14px; } }
    @media (max-width: 700px) { .topbar nav { order: 3; flex-basis: 100%; } .signout { margin-left: auto; } }
    .button, button { display: inline-flex; align-items: center; gap: 6px; padding: 8px 14px; border-radius: 6px; border: 1px solid var(--line);
      background: #fff; color: var(--text); font: inherit; cursor: pointer; text-decoration: none; min-height: 38px; }
    .button:hover, button:hover { border-color: #b9c0cc; }
    .primary { background: var(--accent); border-color: var(--accent); color: #fff; }
    .primary:hover { background: var(--accent-dark); }
    .danger { color: var(--danger); border-color: #f1b5ae; }
    button.danger:hover { background: #fef3f2; }
    .link { border: none; background: none; color: var(--accent-dark); padding: 0 4px; min-height: 0; text-decoration: underline; }
    .wide { width: 100%; justify-content: center; margin-top: 16px; }
    .inline { display: inline; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin-top: 10px; }
    .row .field { margin: 0; }
    .row.two .field { flex: 1; min-width: 220px; }
    table.data td.wrap { white-space: normal; min-width: 160px; }
    textarea { font: inherit; padding: 8px 10px; border: 1px solid #c5cbd5; border-radius: 6px; background: #fff; max-width: 100%; }
    input, select { font: inherit; padding: 8px 10px; border: 1px solid #c5cbd5; border-radius: 6px; background: #fff; min-height: 38px; max-width: 100%; }
    label { display: block; font-weight: 600; margin-bottom: 4px; }
    .field { margin-bottom: 14px; }
    .field input, .field select, .field textarea { width: 100%; }
    .form { max-width: 640px; }
    .hint { color: var(--muted); font-size: .85rem; margin: 4px 0 0; }
    .field-error { color: var(--danger); font-size: .9rem; margin: 4px 0 0; }
    .invalid input, .invalid select, .invalid textarea, input[aria-invalid=true], textarea[aria-invalid=true] { border: 2px solid var(--danger); background: #fffbfa; }
    .field-error::before { content: "⚠ "; }
    .flash.warning { background: #fffaeb; border: 1px solid #fedf89; color: var(--warn); }
    .card.reveal { border: 2px solid var(--accent); }
    input[type=checkbox], input[type=radio], .field input[type=checkbox] { width: 18px; height: 18px; min-height: 0; padding: 0; margin: 0; flex: none; accent-color: var(--accent); }
    .row > select, .row > input:not([type=hidden]) { flex: 1 1 12em; min-width: 0; }
    select { min-width: 0; text-overflow: ellipsis; }
    main { overflow-wrap: anywhere; }
    .grid > * { min-width: 0; }
    @media (max-width: 860px) { .grid { grid-template-columns: minmax(0, 1fr); } }
    .inline-form { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .inline-form input[type=password] { width: 12em; }
    .inline-form .field-error { flex-basis: 100%; }
    @media (max-width: 700px) {
      table.data thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      table.data, table.data tbody, table.data tr, table.data td { display: block; width: 100%; }
      table.data tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
      table.data td, table.data tr:last-child td { border: none; padding: 3px 12px; }
      table.data td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
      .inline-form input[type=password] { width: 100%; }
    }
    .flash { padding: 10px 14px; border-radius: 6px; margin-bottom: 16px; }
    .flash.notice { background: #ecfdf3; border: 1px solid #abefc6; color: var(--ok); }
    .flash.error { background: #fef3f2; border: 1px solid #fecdca; color: var(--danger); }
    .tabs { display: flex; flex-wrap: wrap; gap: 6px; border-bottom: 1px solid var(--line); margin-bottom: 12px; }
    .tab { padding: 8px 12px; text-decoration: none; color: var(--muted); border-bottom: 3px solid transparent; display: inline-flex; align-items: center; gap: 6px; }
    .tab[aria-current] { color: var(--text); border-bottom-color: var(--accent); font-weight: 600; }
    .count { background: #eef0f4; border-radius: 10px; padding: 0 7px; font-size: .8rem; color: var(--muted); }
    .filters { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 12px; }
    .filters input[type=search] { flex: 1; min-width: 220px; }
    .more-filters { flex-basis: 100%; }
    .more-filters summary { cursor: pointer; }
    .more-filters label { display: inline-block; margin: 6px 4px 0 12px; font-weight: normal; }
    #fields-table .field-order { width: 4em; }
    #preview-fields { margin-top: 12px; }
    #preview-fields caption { text-align: left; font-weight: 600; padding: 4px 0; }
    #preview-fields th, #preview-fields td { overflow-wrap: anywhere; }
    #fields-table label.check { display: inline-flex; gap: 6px; align-items: center; font-weight: normal; }
    .table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); }
    table.data { width: 100%; border-collapse: collapse; font-size: .93rem; }
    table.data th { text-align: left; font-weight: 600; color: var(--muted); background: #fafbfc; }
    table.data th, table.data td { padding: 9px 12px; border-bottom: 1px solid var(--line); white-space: normal; vertical-align: top; }
    table.data td.mono, table.data td.wrap { overflow-wrap: anywhere; }
    table.data tr:last-child td { border-bottom: none; }
    table.data tr.retired td { color: var(--muted); }
    table.compact th, table.compact td { padding: 6px 10px; }
    .pager { display: flex; align-items: center; gap: 8px; justify-content: flex-end; margin: 12px 0; }
    .badge { display: inline-block; font-size: .75rem; font-weight: 600; padding: 2px 8px; border-radius: 10px; background: #eef0f4; color: var(--muted); vertical-align: middle; }
    .badge.subtle { font-weight: 500; }
    .badge.ok { background: #ecfdf3; color: var(--ok); }
    .badge.warn { background: #fffaeb; color: var(--warn); }
    .badge.bad { background: #fef3f2; color: var(--danger); }
    .empty { text-align: center; padding: 48px 16px; background: var(--card); border: 1px dashed var(--line); border-radius: var(--radius); margin-bottom: 16px; }
    dl.fields { display: grid; grid-template-columns: minmax(120px, 40%) 1fr; gap: 0; margin: 0; }
    dl.fields dt, dl.fields dd { margin: 0; padding: 8px 0; border-bottom: 1px solid var(--line); }
    dl.fields dt { color: var(--muted); }
    dl.fields dd { word-break: break-word; }
    ul.plain { list-style: none; padding: 0; margin: 0 0 8px; }
    ul.plain li { padding: 6px 0; border-bottom: 1px solid var(--line); }
    .managed-note { background: #f4f5f7; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; display: flex; gap: 8px; align-items: flex-start; }
    .kandji-link { display: inline-flex; align-items: center; gap: 6px; padding: 8px 12px; border: 1px solid var(--line); border-radius: 6px; background: #fff; text-decoration: none; color: var(--text); }
    .steps { padding-left: 20px; }
    .steps li { margin-bottom: 6px; }
    .diagnosis { margin-top: 14px; padding: 10px 14px; border-radius: 6px; }
    .diagnosis.ok { background: #ecfdf3; border: 1px solid #abefc6; }
    .diagnosis.bad { background: #fef3f2; border: 1px solid #fecdca; }
    .preview { min-height: 120px; margin: 6px 0 14px; }
    .progress-box { background: #eef2ff; border: 1px solid #c7d4fe; border-radius: 6px; padding: 12px 14px; margin-bottom: 12px; }
    progress { width: 100%; height: 10px; }
    .error-text { color: var(--danger); }
    details.confirm summary { list-style: none; display: inline-flex; }
    details.confirm summary::-webkit-details-marker { display: none; }
    details.confirm[open] { border: 1px solid #fecdca; border-radius: 6px; padding: 12px; background: #fffbfa; }
    .chart { margin: 0 0 12px; }
    svg.bars { width: 100%; height: 120px; background: #fafbfc; border: 1px solid var(--line); border-radius: 6px; }
    svg.bars .created, .key.created { fill: #2f5bea; background: #2f5bea; }
    svg.bars .updated, .key.updated { fill: #7ea2ff; background: #7ea2ff; }
    svg.bars .failed, .key.failed { fill: #d92d20; background: #d92d20; }
    .key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-left: 10px; }
    figcaption { font-size: .85rem; color: var(--muted); margin-top: 4px; }
    .login-body { display: flex; min-height: 100vh; align-items: center; justify-content: center; padding: 16px; }
    .login-card { width: 100%; max-width: 400px; background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 28px; }
    .login-card input { width: 100%; margin-bottom: 12px; }
    .badge.done { background: #ecfdf3; color: var(--ok); }
    ol.thread { list-style: none; padding: 0; margin: 0 0 12px; }
    ol.thread .entry { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; background: #fff; }
    ol.thread .entry.private { background: #fffaeb; border-color: #fedf89; }
    ol.thread .entry.contact { background: #f5f8ff; }
    .entry-head { margin: 0 0 6px; }
    .message { white-space: pre-wrap; overflow-wrap: anywhere; }
    ul.changes { margin: 6px 0 0; padding-left: 18px; }
    .inline-check { display: inline-flex; gap: 6px; align-items: center; font-weight: normal; }
    .checks { display: flex; flex-wrap: wrap; gap: 12px; }
    details.field-edit { margin-top: 6px; }
    details.field-edit form { display: grid; gap: 6px; max-width: 420px; }
    """
}
