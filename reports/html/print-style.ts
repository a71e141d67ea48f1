// The page printed (to PDF, say): charts whole, each section from a new page where it fits,
// the toggles and the table of contents' links reduced to what paper can show.
export const PRINT_STYLE = `
nav.toc { column-count: 2; font-size: 13px; }
nav.toc ol { margin: .25rem 0; }
details.chart-data { margin: .25rem 0 1rem; font-size: 13px; } details.chart-data summary { cursor: pointer; color: #0969da; }
details.chart-data .scroll { max-height: 24rem; overflow: auto; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  h2 { break-before: page; }
  nav.toc + h2, h1 + p + h2 { break-before: auto; }
  h2, h3 { break-after: avoid; }
  figure, table, pre { break-inside: avoid; }
  .chart svg { max-width: 100%; height: auto; }
  details.chart-data { display: none; }
  a { color: inherit; text-decoration: none; }
  pre { white-space: pre-wrap; }
}`;
