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
.filters input, .filters select { font: inherit; padding: .25rem .4rem; min-width: 14rem; }
.control { border: 1px solid #ddd; border-radius: .3rem; padding: .2rem 1rem .6rem; margin: 1rem 0; break-inside: avoid; }
.control dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .4rem 0; }
.control dt { font-weight: 600; }
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
 * Findings filter: a status select and a free-text search; rows that do not
 * match get the `hidden` attribute, and the visible count is announced.
 * ES5-only so it runs in any browser an auditor has.
 */
export const REPORT_JS = `
(function () {
  var status = document.getElementById('filter-status');
  var text = document.getElementById('filter-text');
  var shown = document.getElementById('visible-count');
  var rows = document.querySelectorAll('#findings tbody tr');
  function apply() {
    var wanted = status.value;
    var query = text.value.trim().toLowerCase();
    var visible = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var match = (wanted === '' || row.getAttribute('data-status') === wanted) &&
        (query === '' || row.textContent.toLowerCase().indexOf(query) !== -1);
      row.hidden = !match;
      if (match) visible++;
    }
    shown.textContent = String(visible);
  }
  status.addEventListener('change', apply);
  text.addEventListener('input', apply);
  apply();
})();
`;
