/**
 * Inline style and script of compliance.html. Inline because the file must
 * work when opened from disk or attached to an audit ticket: no external
 * URLs, no fonts, no CDN.
 */

export const REPORT_CSS = `
:root { color-scheme: light; --fail: #a4161a; --waived: #8a5a00; --pass: #1b6e32; --inherited: #1f4e8c; --na: #555; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 75rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 2px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
code { font: .9em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f2f2f2; }
tbody tr:nth-child(even) { background: #fafafa; }
.meta { color: #444; margin: .2rem 0; }
.verdict { display: inline-block; font-weight: 700; padding: .3rem .7rem; border: 2px solid currentColor; border-radius: .3rem; }
.verdict.ok { color: var(--pass); } .verdict.blocked { color: var(--fail); }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; padding: 0; list-style: none; }
.cards li { border: 1px solid #ccc; border-left-width: .4rem; border-radius: .3rem; padding: .4rem .8rem; min-width: 8.5rem; }
.cards .n { display: block; font-size: 1.5rem; font-weight: 700; }
.status { font-weight: 600; white-space: nowrap; }
.s-fail { color: var(--fail); border-color: var(--fail) !important; }
.s-unknown { color: var(--fail); border-color: var(--fail) !important; border-style: dashed !important; }
.s-waived { color: var(--waived); border-color: var(--waived) !important; }
.s-pass { color: var(--pass); border-color: var(--pass) !important; }
.s-inherited { color: var(--inherited); border-color: var(--inherited) !important; }
.s-not-applicable { color: var(--na); border-color: var(--na) !important; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: .6rem 0; }
.filters label { display: flex; flex-direction: column; font-weight: 600; font-size: .9rem; }
.filters input, .filters select { font: inherit; padding: .25rem .4rem; min-width: 12rem; max-width: 22rem; }
.scroll { overflow-x: auto; }
table.findings { table-layout: fixed; min-width: 62rem; }
table.findings .c-status { width: 7%; } table.findings .c-severity { width: 8%; } table.findings .c-control { width: 10%; }
table.findings .c-stack { width: 9%; } table.findings .c-address { width: 18%; } table.findings .c-reason { width: 27%; }
table.findings a { white-space: nowrap; }
table.findings .c-path { width: 9%; } table.findings .c-source { width: 12%; }
td { overflow-wrap: break-word; }
td code { overflow-wrap: anywhere; }
.fix { color: #333; margin-top: .2rem; font-size: .88rem; }
.fix::before { content: "Remediation: "; font-weight: 600; }
.control { border: 1px solid #ddd; border-radius: .3rem; padding: .2rem 1rem .6rem; margin: 1rem 0; break-inside: avoid; }
.control dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .4rem 0; }
.control dt { font-weight: 600; }
.control details > summary { cursor: pointer; color: #1f4e8c; margin: .2rem 0; }
.control .counts { margin: .2rem 0; color: #333; }
.control dd { margin: 0; }
:focus-visible { outline: 3px solid #1f4e8c; outline-offset: 2px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .filters { display: none; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
}
`;

/**
 * Findings table: reads the JSON data island, filters by status, severity,
 * stack, control and free text, and renders the matches a page at a time
 * ("Show more" adds a page), so 20,000 findings stay fast. Every cell is
 * built with createElement and textContent: text from the audit never
 * becomes markup. ES5-only so it runs in any browser an auditor has.
 */
export const REPORT_JS = `
(function () {
  var PAGE = 200;
  var data = JSON.parse(document.getElementById('findings-data').textContent);
  var rows = data.rows, controls = data.controls, stacks = data.stacks, strings = data.strings, labels = data.labels;
  function byId(id) { return document.getElementById(id); }
  var status = byId('filter-status'), severity = byId('filter-severity'), stack = byId('filter-stack');
  var control = byId('filter-control'), text = byId('filter-text');
  var body = byId('findings-body'), shown = byId('visible-count'), rendered = byId('rendered-count'), more = byId('show-more');
  var matches = [], limit = PAGE, haystacks = [];
  function haystack(i) {
    if (haystacks[i] === undefined) {
      var r = rows[i];
      haystacks[i] = [labels[r[0]], r[1], controls[r[2]][0], stacks[r[3]], r[4], strings[r[5]], strings[r[6]], strings[r[7]]].join(' ').toLowerCase();
    }
    return haystacks[i];
  }
  function cell(tr, value, kind) {
    var td = document.createElement('td');
    if (kind === 'node') {
      td.appendChild(value);
    } else if (kind === 'code' && value !== '') {
      var code = document.createElement('code');
      code.textContent = value;
      td.appendChild(code);
    } else {
      td.textContent = value === '' ? '\u2013' : value;
    }
    tr.appendChild(td);
    return td;
  }
  function rowElement(r) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-status', r[0]);
    tr.setAttribute('data-testid', 'finding-row');
    var badge = document.createElement('span');
    badge.className = 'status s-' + r[0];
    badge.textContent = labels[r[0]];
    cell(tr, badge, 'node');
    cell(tr, r[1], 'text');
    var link = document.createElement('a');
    link.setAttribute('href', '#control-' + controls[r[2]][0]);
    link.textContent = controls[r[2]][0];
    cell(tr, link, 'node');
    cell(tr, stacks[r[3]], 'text');
    cell(tr, r[4], 'code');
    var reason = cell(tr, strings[r[5]], 'text');
    if (controls[r[2]][1] && r[0] !== 'pass') {
      var fix = document.createElement('div');
      fix.className = 'fix';
      fix.textContent = controls[r[2]][1];
      reason.appendChild(fix);
    }
    cell(tr, strings[r[6]], 'code');
    cell(tr, strings[r[7]], 'code');
    return tr;
  }
  function render() {
    var end = Math.min(limit, matches.length);
    var page = document.createDocumentFragment();
    for (var i = body.childNodes.length; i < end; i++) page.appendChild(rowElement(rows[matches[i]]));
    body.appendChild(page);
    shown.textContent = String(matches.length);
    rendered.textContent = String(end);
    more.hidden = end >= matches.length;
  }
  function apply() {
    var st = status.value, sv = severity.value, sk = stack.value, ct = control.value;
    var query = text.value.trim().toLowerCase();
    matches = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if ((st === '' || r[0] === st) && (sv === '' || r[1] === sv) && (sk === '' || stacks[r[3]] === sk) &&
          (ct === '' || controls[r[2]][0] === ct) && (query === '' || haystack(i).indexOf(query) !== -1)) matches.push(i);
    }
    limit = PAGE;
    body.textContent = '';
    render();
  }
  var selects = [status, severity, stack, control];
  for (var k = 0; k < selects.length; k++) selects[k].addEventListener('change', apply);
  text.addEventListener('input', apply);
  more.addEventListener('click', function () { limit += PAGE; render(); });
  // A printed report shows every control's details, closed or not.
  window.addEventListener('beforeprint', function () {
    var closed = document.querySelectorAll('details:not([open])');
    for (var d = 0; d < closed.length; d++) closed[d].setAttribute('open', '');
  });
  apply();
})();
`;
