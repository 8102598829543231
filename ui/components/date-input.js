// A date typed as day, month and year in three labelled boxes, after the GOV.UK Design System's
// date input pattern. It never uses <input type=date>: a browser's date picker follows the
// system locale (29/07/2026 typed on a machine set to en-US becomes 7 December 2026), and an
// empty picker shows a grey date that looks filled in. Here the order is always day, month,
// year, and an empty date is three empty boxes.
//
// The date comes in and goes out as YYYY-MM-DD, or '' when nothing is typed. What was typed is
// checked here only for its form (a part missing, not a real date, a year without 4 numbers);
// rules about which dates are allowed (a date of birth in the past, say) belong to the core,
// whose message a caller shows with `showError`.
//
// Ids, for a date input made with id "x": the fieldset #x, the boxes #x-day, #x-month, #x-year,
// the hint #x-hint and the error message #x-error.

import { h } from '../dom.js';

const PARTS = ['day', 'month', 'year'];
const LABELS = { day: 'Day', month: 'Month', year: 'Year' };
const WIDTHS = { day: 2, month: 2, year: 4 };
const BIRTHDAY = { day: 'bday-day', month: 'bday-month', year: 'bday-year' };

/** The hint of a date in the past such as a date of birth, and the default. */
export const PAST_DATE_HINT = 'For example, 27 3 2007';

/** A date typed with a problem in its form; `message` is what to show and `parts` the boxes at fault. */
export class DateError extends Error {
  constructor(message, parts) {
    super(message);
    this.name = 'DateError';
    this.parts = parts;
  }
}

/** Join words as people list them: "a", "a and b", "a, b and c". */
function listed(words) {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

const DIGITS = /^\d+$/;

/**
 * Read a typed date. `typed` is { day, month, year } as strings, `name` how the messages call
 * the date ("Date of birth"). Returns 'YYYY-MM-DD', or '' when all three boxes are empty;
 * throws a DateError when what was typed is not a whole, real date.
 */
export function parseDate(typed, name) {
  const t = { day: String(typed.day ?? '').trim(), month: String(typed.month ?? '').trim(), year: String(typed.year ?? '').trim() };
  const missing = PARTS.filter((p) => t[p] === '');
  if (missing.length === PARTS.length) return '';
  if (missing.length) throw new DateError(`${name} must include a ${listed(missing)}`, missing);
  const notNumbers = PARTS.filter((p) => !DIGITS.test(t[p]));
  if (notNumbers.length) throw new DateError(`${name} must be a real date`, notNumbers);
  if (t.year.length !== 4) throw new DateError('Year must include 4 numbers', ['year']);
  const day = Number(t.day);
  const month = Number(t.month);
  const year = Number(t.year);
  if (month < 1 || month > 12) throw new DateError(`${name} must be a real date`, ['month']);
  // Day 0 of the next month is the last day of this one.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (t.day.length > 2 || day < 1 || day > daysInMonth) throw new DateError(`${name} must be a real date`, ['day']);
  if (t.month.length > 2) throw new DateError(`${name} must be a real date`, ['month']);
  const two = (n) => String(n).padStart(2, '0');
  return `${t.year}-${two(month)}-${two(day)}`;
}

/** Split 'YYYY-MM-DD' into the boxes' text, without leading zeros ("2026-07-09" gives 9, 7, 2026). */
function split(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
  if (!m) return { day: '', month: '', year: '' };
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] };
}

/** A hint giving `ymd` ('YYYY-MM-DD') as an example in the order the boxes take it. */
export function exampleHint(ymd) {
  const p = split(ymd);
  return `For example, ${p.day} ${p.month} ${p.year}`;
}

/**
 * Build a date input.
 *   id        the fieldset's id; the boxes are <id>-day, <id>-month, <id>-year
 *   legend    the question, shown as the fieldset's legend
 *   name      how error messages call the date (default: the legend)
 *   hint      shown under the legend (default "For example, 27 3 2007"; null for none)
 *   value     'YYYY-MM-DD' or ''
 *   birthday  true for a date of birth: the boxes get the bday-* autocomplete tokens
 *   disabled  read-only
 *   onChange(value)  called as the boxes are typed in, whenever they hold a whole real date
 *                    ('YYYY-MM-DD') or are all empty (''); never for a part-typed date
 *   onLeave()        called when focus leaves the three boxes, after the date is checked
 * Returns { wrap, inputs, read, set, showError, clearError, clearRuleError, setLegend, setBirthday, focus }.
 */
export function dateInput({ id, legend, name, hint = PAST_DATE_HINT, value = '', birthday = false, disabled = false, onChange, onLeave }) {
  let label = name || legend;
  const legendEl = h('legend', { class: 'date-legend', text: legend });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
  const errorText = h('span');
  const errorEl = h('p', { class: 'date-error', id: `${id}-error`, hidden: true }, h('span', { class: 'visually-hidden', text: 'Error: ' }), errorText);
  const inputs = {};
  const items = PARTS.map((part) => {
    const input = h('input', {
      type: 'text',
      id: `${id}-${part}`,
      name: `${id}-${part}`,
      class: `date-input-box date-input-${WIDTHS[part]}`,
      inputmode: 'numeric',
      spellcheck: 'false',
      autocomplete: birthday ? BIRTHDAY[part] : 'off',
      disabled,
    });
    inputs[part] = input;
    return h('div', { class: 'date-input-item' }, h('label', { for: input.id, class: 'date-input-label', text: LABELS[part] }), input);
  });
  const wrap = h('fieldset', { id, class: 'date-input' }, legendEl, hintEl, errorEl, h('div', { class: 'date-input-boxes' }, items));

  const describe = () => {
    const ids = [hintEl ? hintEl.id : null, errorEl.hidden ? null : errorEl.id].filter(Boolean);
    if (ids.length) wrap.setAttribute('aria-describedby', ids.join(' '));
    else wrap.removeAttribute('aria-describedby');
  };

  const typed = () => ({ day: inputs.day.value, month: inputs.month.value, year: inputs.year.value });
  const typedKey = () => PARTS.map((p) => inputs[p].value.trim()).join('/');
  // A message from the core about an allowed date (not about the form of what was typed)
  // stays until the date is changed: the text typed when it was shown.
  let ruleErrorFor = null;

  const mark = (message, parts) => {
    errorText.textContent = message;
    errorEl.hidden = false;
    wrap.classList.add('date-input-has-error');
    for (const p of PARTS) {
      const bad = parts.includes(p);
      inputs[p].classList.toggle('date-input-box-error', bad);
      if (bad) inputs[p].setAttribute('aria-invalid', 'true');
      else inputs[p].removeAttribute('aria-invalid');
    }
    describe();
  };

  /** Show a message beside the boxes (the core's refusal of this date), until the date changes. */
  const showError = (message, parts = PARTS) => {
    mark(message, parts);
    ruleErrorFor = typedKey();
  };

  const clearError = () => {
    ruleErrorFor = null;
    errorText.textContent = '';
    errorEl.hidden = true;
    wrap.classList.remove('date-input-has-error');
    for (const p of PARTS) {
      inputs[p].classList.remove('date-input-box-error');
      inputs[p].removeAttribute('aria-invalid');
    }
    describe();
  };

  /** The date typed: 'YYYY-MM-DD' or ''. A date with a fault shows its error and throws a DateError. */
  const read = () => {
    try {
      const v = parseDate(typed(), label);
      if (ruleErrorFor !== typedKey()) clearError();
      return v;
    } catch (err) {
      if (err instanceof DateError) {
        ruleErrorFor = null;
        mark(err.message, err.parts);
      }
      throw err;
    }
  };

  /** Fill the boxes from 'YYYY-MM-DD' (or empty them), clearing any error. */
  const set = (ymd) => {
    const parts = split(ymd);
    for (const p of PARTS) inputs[p].value = parts[p];
    clearError();
  };

  for (const p of PARTS) {
    inputs[p].addEventListener('input', () => {
      let v;
      try {
        v = parseDate(typed(), label);
      } catch (err) {
        // While typing, an error already shown follows what is typed; a new one waits for
        // the boxes to be left, so it does not interrupt someone half way through a date.
        if (!errorEl.hidden && err instanceof DateError) {
          ruleErrorFor = null;
          mark(err.message, err.parts);
        }
        return;
      }
      if (ruleErrorFor !== typedKey()) clearError();
      if (onChange) onChange(v);
    });
  }
  wrap.addEventListener('focusout', (e) => {
    if (e.relatedTarget && wrap.contains(e.relatedTarget)) return;
    try {
      read();
    } catch {
      // read() has shown the error beside the boxes.
    }
    if (onLeave) onLeave();
  });

  set(value);
  describe();
  return {
    wrap,
    inputs,
    read,
    set,
    showError,
    clearError,
    /** Change the question, the name the messages use and the hint (a child born or expected). */
    setLegend(text, messagesName, hintText) {
      legendEl.textContent = text;
      label = messagesName || text;
      if (hintEl && hintText) hintEl.textContent = hintText;
    },
    /** Take away a message shown with `showError` (the core has now accepted the date). */
    clearRuleError() {
      if (ruleErrorFor !== null) clearError();
    },
    /** Whether the boxes offer the bday-* autocomplete tokens (only for a date of birth). */
    setBirthday(on) {
      for (const p of PARTS) inputs[p].setAttribute('autocomplete', on ? BIRTHDAY[p] : 'off');
    },
    focus() {
      inputs.day.focus();
    },
  };
}
