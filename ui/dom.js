// Small helpers for building the page from data without ever parsing data as HTML.
// Every string that comes from the store reaches the page through `textContent` or `value`.

/**
 * Create an element.
 * attrs: plain attributes (set with setAttribute) plus a few special keys:
 *   class, text (textContent, with dir="auto" unless a dir is given), value, checked,
 *   disabled, on: { event: handler }.
 * children: nodes or strings (strings become text nodes); null/false are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, val] of Object.entries(attrs || {})) {
    if (val === undefined || val === null || val === false) continue;
    if (key === 'class') el.className = val;
    else if (key === 'text') {
      el.textContent = String(val);
      // Text from the store may be in any direction, or carry direction controls typed
      // before they were stripped: it takes its direction from itself and is isolated from
      // the text around it (styles.css), so it cannot reorder what surrounds it.
      if (!('dir' in attrs)) el.setAttribute('dir', 'auto');
    } else if (key === 'value') el.value = String(val);
    else if (key === 'checked') el.checked = Boolean(val);
    else if (key === 'disabled') el.disabled = Boolean(val);
    else if (key === 'on') {
      for (const [ev, fn] of Object.entries(val)) el.addEventListener(ev, fn);
    } else if (val === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(val));
  }
  append(el, children);
  return el;
}

/**
 * Text from the store inside a sentence of the interface's own words ("Children: ", "History: "):
 * a span of its own that takes its direction from itself (dir="auto", isolated by styles.css), so
 * a right-to-left name or a stray direction control cannot reorder the words around it.
 */
export function iso(text, attrs = {}) {
  return h('span', { ...attrs, text });
}

/** Items of user text, each isolated, joined by `sep` (for "Children: Amy, Ben"). */
export function isoList(items, sep = ', ') {
  return items.flatMap((t, i) => (i ? [sep, iso(t)] : [iso(t)]));
}

/** Append children (nodes, strings, arrays; null, undefined and false are skipped). */
export function append(el, ...children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Remove every child of an element. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let seq = 0;
/** A unique id for pairing labels with fields when no stable id is needed. */
export function uid(prefix = 'f') {
  seq += 1;
  return `${prefix}-${seq}`;
}

/** A labelled text input or textarea. Returns { wrap, input }. */
export function field({ id, label, type = 'text', value = '', multiline = false, hint, attrs = {} }) {
  const fid = id || uid();
  const input = multiline
    ? h('textarea', { id: fid, rows: 3, dir: 'auto', ...attrs })
    : h('input', { id: fid, type, dir: type === 'text' ? 'auto' : null, ...attrs });
  input.value = value ?? '';
  const hintEl = hint ? h('p', { class: 'hint', id: `${fid}-hint`, text: hint }) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  const wrap = h('div', { class: 'field' }, h('label', { for: fid, text: label }), hintEl, input);
  return { wrap, input };
}

/** A labelled checkbox. Returns { wrap, input }. */
export function checkbox({ id, label, checked = false, disabled = false }) {
  const fid = id || uid();
  const input = h('input', { id: fid, type: 'checkbox', checked, disabled });
  const wrap = h('div', { class: 'check' }, input, h('label', { for: fid, text: label }));
  return { wrap, input };
}

/** Format an RFC 3339 instant (or now) as HH:MM:SS local time. */
export function clockTime(instant) {
  const d = instant ? new Date(instant) : new Date();
  const t = Number.isNaN(d.getTime()) ? new Date() : d;
  return t.toLocaleTimeString('en-GB', { hour12: false });
}

/** Format a YYYY-MM-DD date for people, e.g. 3 March 2026. */
export function longDate(ymd) {
  if (!ymd) return '';
  const d = new Date(`${ymd}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return String(ymd);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Today as YYYY-MM-DD in local time. */
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
