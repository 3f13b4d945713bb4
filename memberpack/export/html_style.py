"""The HTML briefing's stylesheet, inlined so the file needs nothing from the network: readable on
screen (16 px text, 4.5:1 contrast at least, visible focus), and on paper (11 pt body, 9 pt tables,
each domain from a new page, table headers repeated, links and the skip link not printed)."""

CSS = """
:root { --ink: #1b1b1b; --muted: #4a4a4a; --accent: #1d4f91; --rule: #b8b8b8; --shade: #eef1f5;
        --adverse: #b3261e; --favourable: #256b29; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 "DejaVu Sans", Verdana, Arial, sans-serif; }
.skip-link { position: absolute; left: 1rem; top: -4rem; background: #fff; color: var(--accent); padding: .5rem 1rem;
             border: 2px solid var(--accent); z-index: 10; }
.skip-link:focus { top: 1rem; }
a { color: var(--accent); }
a:focus, [tabindex]:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
header.masthead, footer { display: flex; justify-content: space-between; gap: 1rem; padding: .5rem 1.5rem;
                          border-bottom: 1px solid var(--rule); color: var(--muted); font-size: .9rem; }
footer { border-top: 1px solid var(--rule); border-bottom: 0; margin-top: 3rem; }
.marking { font-weight: bold; color: var(--ink); }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem; }
main:focus { outline: none; }
h1 { color: var(--accent); font-size: 2rem; line-height: 1.25; margin: 1.5rem 0 1rem; }
h2 { color: var(--accent); font-size: 1.5rem; margin: 2.5rem 0 .75rem; border-top: 3px solid var(--accent);
     padding-top: .5rem; }
h3 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 1.5rem 0 .25rem; }
dl.details { display: grid; grid-template-columns: 11rem 1fr; gap: .25rem 1rem; }
dl.details dt { font-weight: bold; color: var(--muted); }
dl.details dd { margin: 0; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 0; border: 1px solid var(--rule);
         background: var(--shade); margin: 0; }
.tiles div { padding: .75rem; text-align: center; border-right: 1px solid var(--rule); }
.tiles dd { margin: 0; font-size: 1.5rem; font-weight: bold; }
.tiles dt { color: var(--muted); font-size: .9rem; }
.summary { margin: .25rem 0 .5rem; }
.source { color: var(--muted); font-size: .9rem; }
.scroll { overflow-x: auto; }
.scroll:focus { outline: 3px solid #ffbf47; }
table { border-collapse: collapse; margin: .5rem 0 .25rem; font-size: .9rem; min-width: 50%; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
thead th { background: var(--shade); border-bottom: 2px solid var(--ink); }
tbody th { font-weight: normal; }
tbody th[scope="row"] { min-width: 10rem; }
.num { text-align: right; white-space: nowrap; }
tr.total th, tr.total td { font-weight: bold; border-top: 1.5px solid var(--ink); }
tr.section th { background: var(--shade); font-weight: bold; }
.rag-red { background: #f4c7c3; } .rag-amber { background: #fde3b0; } .rag-green { background: #c9e7cb; }
.adverse { color: var(--adverse); } .favourable { color: var(--favourable); }
.marker a { font-weight: bold; }
svg.chart { width: 100%; height: auto; max-width: 48rem; display: block; margin: .5rem 0; }
figure { margin: 0; }
.note { background: #fff6d6; border-left: 4px solid #c69200; padding: .5rem .75rem; margin: .5rem 0; }
.note.private { background: #f3e8f7; border-left-color: #7b3f98; }
.note p { margin: .25rem 0; }
.note-head { font-size: .9rem; color: var(--muted); }
.changed { color: var(--adverse); font-weight: bold; }
nav.contents ol { padding-left: 1.5rem; }
nav.contents > ol > li { margin-top: .25rem; font-weight: bold; }
nav.contents ol ol li { font-weight: normal; }
.warning { font-weight: bold; border: 2px solid var(--adverse); padding: .5rem .75rem; }
@media print {
  @page { size: A4; margin: 16mm; }
  body { font-size: 11pt; }
  .skip-link, nav.contents { display: none; }
  main { max-width: none; padding: 0; }
  h2 { break-before: page; border-top: 0; }
  .cover-end + h2, section.front h2 { break-before: auto; }
  h2, h3, h4, caption { break-after: avoid; }
  table { font-size: 9pt; width: 100%; }
  thead { display: table-header-group; }
  tr, .note, figure { break-inside: avoid; }
  .scroll { overflow: visible; }
  a { color: var(--ink); text-decoration: none; }
  header.masthead, footer { padding: 0 0 2mm; }
}
"""

# For Qt's rich text (the app's preview and printing): no grid, no custom properties, no media queries.
PLAIN_CSS = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 10.5pt; color: #1b1b1b; }
h1 { color: #1d4f91; font-size: 20pt; } h2 { color: #1d4f91; font-size: 15pt; } h3 { font-size: 12.5pt; }
h4 { font-size: 11pt; }
table { border-collapse: collapse; margin-bottom: 6px; }
caption { font-weight: bold; text-align: left; }
th, td { padding: 2px 5px; border-bottom: 1px solid #b8b8b8; font-size: 9pt; vertical-align: top; }
thead th { background-color: #eef1f5; }
tbody th { text-align: left; font-weight: normal; }
dt { font-weight: bold; color: #4a4a4a; }
.num { text-align: right; } .adverse { color: #b3261e; } .favourable { color: #256b29; }
.rag-red { background-color: #f4c7c3; } .rag-amber { background-color: #fde3b0; } .rag-green { background-color: #c9e7cb; }
.source, .note-head { color: #4a4a4a; font-size: 9pt; }
.note { background-color: #fff6d6; } .private { background-color: #f3e8f7; }
.marking { font-weight: bold; } .warning { font-weight: bold; color: #b3261e; }
"""
