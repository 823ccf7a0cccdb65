// A tiny DOM helper and shared widgets (value cells with reserved space,
// so that nothing shifts while data loads).

type Child = Node | string | null | undefined | false;
type Attrs = { [k: string]: string | number | boolean | EventListener | undefined };

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A labelled value with a placeholder of fixed height until it is set. */
export function stat(label: string, id: string, size?: 'tall'): HTMLElement {
  return h(
    'div',
    { class: size ? `stat ${size}` : 'stat' },
    h('div', { class: 'stat-label', id: `${id}-label` }, label),
    h('div', { class: 'stat-value', id, 'aria-labelledby': `${id}-label`, 'data-loading': 'true' }, '…'),
  );
}

export function set(root: ParentNode, id: string, text: string): void {
  const el = root.querySelector<HTMLElement>(`#${id}`);
  if (!el) return;
  el.textContent = text;
  el.removeAttribute('data-loading');
}

export function section(title: string, ...children: Child[]): HTMLElement {
  const id = 's-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** A form field: label + control + hint, wired with for/id and aria-describedby. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 8)}`;
  control.id = id;
  const hintEl = hint ? h('div', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

export function table(head: string[], rows: (string | Node)[][], caption: string, empty = 'Nothing yet'): HTMLElement {
  const t = h(
    'table',
    {},
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
  );
  const body = h('tbody');
  if (rows.length === 0) body.append(h('tr', {}, h('td', { colspan: head.length, class: 'muted' }, empty)));
  for (const r of rows) body.append(h('tr', {}, ...r.map((c) => h('td', {}, c))));
  t.append(body);
  return h('div', { class: 'table-wrap' }, t);
}
