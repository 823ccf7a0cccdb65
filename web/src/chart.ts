// A grouped bar chart in SVG (no library), FLT values scaled to the largest.

import { formatFLT } from './format';

const COLORS = ['#2d5bd7', '#1b8a5a', '#b4540a'];

export function chart(rows: { label: string; values: bigint[] }[], series: string[]): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const W = 640;
  const H = 220;
  const pad = 30;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H + 40}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${series.join(', ')} per epoch`);
  const max = rows.reduce((m, r) => r.values.reduce((a, v) => (v > a ? v : a), m), 1n);
  const groupW = (W - pad) / Math.max(rows.length, 1);
  const barW = Math.max(2, (groupW - 8) / series.length);
  rows.forEach((r, i) => {
    r.values.forEach((v, j) => {
      const hgt = Number((v * 1000n) / max) / 1000 * H;
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', String(pad + i * groupW + 4 + j * barW));
      rect.setAttribute('y', String(H - hgt));
      rect.setAttribute('width', String(barW - 1));
      rect.setAttribute('height', String(hgt));
      rect.setAttribute('fill', COLORS[j % COLORS.length]);
      const title = document.createElementNS(ns, 'title');
      title.textContent = `${r.label} ${series[j]}: ${formatFLT(v, 0)}`;
      rect.append(title);
      svg.append(rect);
    });
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', String(pad + i * groupW + groupW / 2));
    t.setAttribute('y', String(H + 14));
    t.setAttribute('text-anchor', 'middle');
    t.setAttribute('font-size', '11');
    t.textContent = r.label;
    svg.append(t);
  });
  series.forEach((s, j) => {
    const g = document.createElementNS(ns, 'text');
    g.setAttribute('x', String(pad + j * 170));
    g.setAttribute('y', String(H + 34));
    g.setAttribute('font-size', '12');
    g.setAttribute('fill', COLORS[j]);
    g.textContent = `■ ${s}`;
    svg.append(g);
  });
  return svg;
}
