// The capacity section: the model's table and chart for every environment with a load run,
// and the figures it was built from named.
import { h, p, table, type Block } from './blocks.js';
import { capacity, fmtCores, type Capacity } from './capacity.js';
import { capacityChart } from './charts/capacity.js';
import { fmt } from './figures.js';
import type { ReportInputs } from './report-inputs.js';

export function capacityModels(inputs: ReportInputs): { label: string; file: string; capacity: Capacity }[] {
  return inputs.groups.flatMap((g) => {
    const c = g.load ? capacity(g.load.doc, inputs.options.targetRps, inputs.options.coreCostPerMonth) : null;
    return c && g.load ? [{ label: g.label, file: g.load.sources.map((s) => s.file).join(', '), capacity: c }] : [];
  });
}

export const money = (x: number): string => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2));

/** One row per scheme and rate: a wide table of every rate side by side does not fit a page. */
export function capacityTable(c: Capacity): Block {
  const header = ['scheme', 'server CPU per request', 'requests per second', 'cores', 'over HS256', 'over no auth', ...(c.coreCostPerMonth === null ? [] : ['per month'])];
  const rows = c.rows.flatMap((row) => c.targetRps.map((rps, i) => [
    row.scheme, fmt(row.cpuPerRequestUs, 1, ' µs'), rps.toLocaleString('en-US'), fmtCores(row.cores[i]!),
    row.overHs256Cores ? fmtCores(row.overHs256Cores[i] ?? null) : '—',
    row.overBaselineCores ? fmtCores(row.overBaselineCores[i] ?? null) : '—',
    ...(row.costPerMonth ? [money(row.costPerMonth[i]!)] : []),
  ]));
  return table(header, rows);
}

export function capacitySection(inputs: ReportInputs): Block[] {
  const models = capacityModels(inputs);
  if (models.length === 0) return [];
  const blocks: Block[] = [h(2, 'Capacity: cores to serve a request rate')];
  blocks.push(p(`This is a model, not a measurement: cores = requests per second × the server's measured CPU time per request in µs, divided by a million. The figure it uses is ${models[0]!.capacity.figure}, from ${models.map((m) => `${m.file} (${m.label})`).join(' and ')}. It leaves out headroom, the kernel's network work outside the server process, and what the service itself does besides verifying; read the differences between schemes, not the absolute cores, as what carries over.${inputs.options.coreCostPerMonth === null ? ' Add --core-cost <amount per core-month> for the cost per month.' : ` Cost per month at ${money(inputs.options.coreCostPerMonth)} per core-month (--core-cost).`}`));
  const chart = capacityChart(models);
  if (chart) blocks.push({ kind: 'chart', id: 'capacity', title: 'Cores needed to serve a request rate', caption: 'Cores against verified requests per second per scheme (log-log), from measured server CPU time per request.', spec: chart });
  for (const m of models) {
    if (models.length > 1) blocks.push(h(3, m.label));
    blocks.push(capacityTable(m.capacity));
  }
  return blocks;
}
