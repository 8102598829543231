// A household's chronology as a timeline: every agency's dated entries, oldest first, filtered by
// child; a form to record an entry (or correct one), removing one with a reason, and the CSV form
// for merging with other agencies' chronologies (docs/chronology-csv.md). The words of each entry
// (its date, category, impact, children) come from the core (`ChronologyView`). Never shown in
// the Family view.
//
// Route: #/chronology/<household id>.
// Stable ids: #chronology-filter (select: "" for every child, else a child's id),
//   #chronology-list with li.chronology-entry[data-entry-id] (each with button.edit-entry and
//   button.remove-entry), #chronology-empty, #chronology-status (role=status),
//   the form #chronology-form: #entry-month-only (checkbox: only the month and year are known),
//   #entry-date (date input: #entry-date-day/-month/-year) or, when only the month is known,
//   #entry-approx with #entry-approx-month and #entry-approx-year, #entry-category,
//   #entry-event, #entry-agency, #entry-role, #entry-child-n (checkboxes, n from 0),
//   #entry-impact, #entry-impact-note, #entry-action, #save-entry, #cancel-edit, #entry-error;
//   removing: #remove-reason, #confirm-remove, #cancel-remove;
//   #import-chronology (file input, .csv), #import-error, #export-chronology;
//   the encrypted hand-over of the household: #handover-to (public keys, one a line),
//   #export-handover.

import * as api from '../api.js';
import { dateInput } from '../components/date-input.js';
import { h, append, clear, field, checkbox, iso } from '../dom.js';
import { save } from '../session.js';

const blankEntry = () => ({
  id: '',
  date: '',
  event: '',
  category: '',
  source: { agency: '', role: '' },
  children: [],
  impact: 'not_known',
  impact_note: '',
  action: '',
});

/** Render the timeline of household `params.id` into `main`. */
export async function render(main, params, ctx) {
  const household = await api.getHousehold(params.id);
  let view = await api.getChronology(household.id);

  const status = h('p', { id: 'chronology-status', role: 'status', tabindex: '-1' });
  const list = h('ol', { id: 'chronology-list', class: 'chronology-list' });
  const empty = h('p', { id: 'chronology-empty', class: 'empty', text: 'No entries to show.' });
  const filter = h(
    'select',
    { id: 'chronology-filter' },
    h('option', { value: '', text: 'Every child' }),
    view.children.map((c) => h('option', { value: c.id, text: c.name })),
  );

  const say = (text) => {
    status.textContent = text;
  };

  const reload = async () => {
    view = await api.getChronology(household.id);
    if (ctx.isCurrent()) drawList();
  };

  // Removing an entry: a reason is asked for first (kept in the audit trail).
  const removeReason = field({ id: 'remove-reason', label: 'Why is this entry removed?', multiline: true });
  const removeError = h('p', { class: 'error', role: 'alert' });
  const confirmRemove = h('button', { type: 'button', id: 'confirm-remove', class: 'button button-warning', text: 'Remove the entry' });
  const cancelRemove = h('button', { type: 'button', id: 'cancel-remove', class: 'button button-secondary', text: 'Keep it' });
  const removeBox = h(
    'div',
    { class: 'panel confirm', hidden: true },
    removeReason.wrap,
    removeError,
    h('div', { class: 'button-row' }, confirmRemove, cancelRemove),
  );
  let removing = null;
  cancelRemove.addEventListener('click', () => {
    removeBox.hidden = true;
    removing = null;
  });
  confirmRemove.addEventListener('click', async () => {
    if (!removing) return;
    if (!removeReason.input.value.trim()) {
      removeError.textContent = 'Say why the entry is removed.';
      removeReason.input.focus();
      return;
    }
    try {
      await save(() => api.removeChronologyEntry(household.id, removing, removeReason.input.value));
      removeBox.hidden = true;
      removing = null;
      removeReason.input.value = '';
      removeError.textContent = '';
      await reload();
      say('The entry was removed; the reason is kept in the audit trail.');
    } catch (err) {
      removeError.textContent = `Not removed: ${err.message}`;
    }
  });

  function drawList() {
    clear(list);
    const child = filter.value;
    const shown = view.entries.filter((e) => !child || !e.children.length || e.children.includes(child));
    empty.hidden = shown.length > 0;
    for (const e of shown) {
      const source = e.source.role ? [iso(e.source.agency), ' (', iso(e.source.role), ')'] : iso(e.source.agency);
      const edit = h('button', { type: 'button', class: 'button button-secondary edit-entry', text: 'Correct' });
      edit.addEventListener('click', () => form.fill(e));
      const remove = h('button', { type: 'button', class: 'button button-secondary remove-entry', text: 'Remove' });
      remove.addEventListener('click', () => {
        removing = e.id;
        removeBox.hidden = false;
        removeReason.input.focus();
      });
      append(
        list,
        h(
          'li',
          { class: `chronology-entry impact-${e.impact}`, 'data-entry-id': e.id },
          h('p', { class: 'entry-when' }, h('strong', { text: e.date_text }), ' · ', h('span', { class: 'entry-category', text: e.category_label })),
          h('p', { class: 'entry-event', text: e.event }),
          h(
            'dl',
            { class: 'entry-details' },
            h('dt', { text: 'Source' }),
            h('dd', { class: 'entry-source' }, source),
            h('dt', { text: 'Children' }),
            h('dd', { class: 'entry-children', text: e.children_text }),
            h('dt', { text: 'Impact' }),
            h('dd', { class: 'entry-impact' }, `${e.impact_text}. `, iso(e.impact_note)),
            h('dt', { text: 'Action' }),
            h('dd', { class: 'entry-action', text: e.action }),
          ),
          h('div', { class: 'button-row' }, edit, remove),
        ),
      );
    }
  }
  filter.addEventListener('change', drawList);

  const form = entryForm(view, async (entry) => {
    const isNew = !entry.id;
    await save(() => api.saveChronologyEntry(household.id, entry));
    await reload();
    say(isNew ? 'The entry was added to the timeline.' : 'The entry was corrected.');
  });

  // The CSV form.
  const importError = h('pre', { id: 'import-error', class: 'error', role: 'alert' });
  const importFile = h('input', { type: 'file', id: 'import-chronology', accept: '.csv,text/csv' });
  importFile.addEventListener('change', async () => {
    const file = importFile.files?.[0];
    if (!file) return;
    importError.textContent = '';
    try {
      const text = await file.text();
      const r = await save(() => api.importChronologyCsv(household.id, text));
      await reload();
      say(`Imported ${file.name}: added ${r.added} entries; skipped ${r.duplicates_skipped} already recorded.`);
    } catch (err) {
      importError.textContent = err.message;
    } finally {
      importFile.value = '';
    }
  });
  const exportButton = h('button', { type: 'button', id: 'export-chronology', class: 'button button-secondary', text: 'Export the chronology (CSV)' });
  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    try {
      const { path } = await api.exportChronologyCsv(household.id);
      say(`Chronology saved to ${path}`);
    } catch (err) {
      say(err.code === 'cancelled' ? 'Export cancelled: nothing was saved.' : `Not exported: ${err.message}`);
    } finally {
      exportButton.disabled = false;
    }
  });

  const handoverTo = field({
    id: 'handover-to',
    label: 'Hand the household over, encrypted, to these public keys (age1…, one a line)',
    multiline: true,
  });
  const handoverButton = h('button', { type: 'button', id: 'export-handover', class: 'button button-secondary', text: 'Save an encrypted hand-over' });
  handoverButton.addEventListener('click', async () => {
    const keys = handoverTo.input.value
      .split(/\s+/)
      .map((k) => k.trim())
      .filter(Boolean);
    handoverButton.disabled = true;
    try {
      const { path } = await api.exportHandover(household.id, keys);
      say(`Hand-over saved to ${path}`);
    } catch (err) {
      say(err.code === 'cancelled' ? 'Export cancelled: nothing was saved.' : `Not exported: ${err.message}`);
    } finally {
      handoverButton.disabled = false;
    }
  });

  drawList();
  append(
    main,
    h(
      'p',
      { class: 'breadcrumb' },
      h('a', { href: '#/households', text: 'Households' }),
      ' › ',
      h('a', { href: `#/household/${encodeURIComponent(household.id)}`, text: household.name }),
    ),
    h('h1', {}, 'Timeline: ', iso(household.name)),
    h('p', { class: 'hint', text: 'Every agency’s events, oldest first. A visit that did not happen is an entry too. Not shown in the family view.' }),
    status,
    h('div', { class: 'field' }, h('label', { for: 'chronology-filter', text: 'Show entries for' }), filter),
    list,
    empty,
    removeBox,
    form.section,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'chronology-csv-title' },
      h('h2', { id: 'chronology-csv-title', text: 'Share with other agencies' }),
      h('p', {
        class: 'hint',
        text: 'A CSV file with the columns date, category, event, agency, role, children, impact, impact_note and action. Entries already recorded are skipped; if any row is wrong, nothing is imported.',
      }),
      h('div', { class: 'field' }, h('label', { for: 'import-chronology', text: 'Import a chronology (CSV)' }), importFile),
      importError,
      h('div', { class: 'button-row' }, exportButton),
      handoverTo.wrap,
      h('div', { class: 'button-row' }, handoverButton),
    ),
  );
}

/** The form that records an entry or corrects one; `onSave(entry)` saves it. */
function entryForm(view, onSave) {
  let entry = blankEntry();
  const title = h('h2', { id: 'chronology-form-title', text: 'Add an entry' });
  const error = h('p', { id: 'entry-error', class: 'error', role: 'alert' });
  const date = dateInput({
    id: 'entry-date',
    legend: 'When did it happen?',
    name: 'The date',
    hint: 'For example, 27 3 2026',
  });
  const monthOnly = checkbox({ id: 'entry-month-only', label: 'Only the month and year are known' });
  const approxMonth = h('input', { type: 'text', id: 'entry-approx-month', class: 'date-input-box date-input-2', inputmode: 'numeric' });
  const approxYear = h('input', { type: 'text', id: 'entry-approx-year', class: 'date-input-box date-input-4', inputmode: 'numeric' });
  const approx = h(
    'fieldset',
    { id: 'entry-approx', class: 'date-input', hidden: true },
    h('legend', { class: 'date-legend', text: 'In which month did it happen?' }),
    h(
      'div',
      { class: 'date-input-boxes' },
      h('div', { class: 'date-input-item' }, h('label', { for: 'entry-approx-month', class: 'date-input-label', text: 'Month' }), approxMonth),
      h('div', { class: 'date-input-item' }, h('label', { for: 'entry-approx-year', class: 'date-input-label', text: 'Year' }), approxYear),
    ),
  );
  const showDateKind = () => {
    date.wrap.hidden = monthOnly.input.checked;
    approx.hidden = !monthOnly.input.checked;
  };
  monthOnly.input.addEventListener('change', showDateKind);
  const category = h(
    'select',
    { id: 'entry-category' },
    view.categories.map((c) => h('option', { value: c.code, text: c.label })),
  );
  const event = field({ id: 'entry-event', label: 'What happened (plain, factual words)', multiline: true });
  const agency = field({ id: 'entry-agency', label: 'Agency the information came from' });
  const role = field({ id: 'entry-role', label: 'Role of the person who reported it' });
  const kids = view.children.map((c, i) => ({ id: c.id, box: checkbox({ id: `entry-child-${i}`, label: c.name }) }));
  const impact = h(
    'select',
    { id: 'entry-impact' },
    view.impacts.map((o) => h('option', { value: o.value, text: o.label })),
  );
  const impactNote = field({ id: 'entry-impact-note', label: 'The impact on the child, in a sentence', multiline: true });
  const action = field({ id: 'entry-action', label: 'Action taken, or why none was taken', multiline: true });
  const saveButton = h('button', { type: 'submit', id: 'save-entry', class: 'button', text: 'Save the entry' });
  const cancel = h('button', { type: 'button', id: 'cancel-edit', class: 'button button-secondary', text: 'Clear the form' });

  const fill = (e) => {
    entry = JSON.parse(JSON.stringify(e));
    title.textContent = e.id ? 'Correct an entry' : 'Add an entry';
    const [y, m, d] = String(e.date || '').split('-');
    monthOnly.input.checked = Boolean(y && m && !d);
    date.set(d ? e.date : '');
    approxMonth.value = !d && m ? String(Number(m)) : '';
    approxYear.value = !d && y ? y : '';
    showDateKind();
    category.value = e.category || view.categories[0]?.code || '';
    event.input.value = e.event;
    agency.input.value = e.source.agency;
    role.input.value = e.source.role;
    for (const k of kids) k.box.input.checked = e.children.includes(k.id);
    impact.value = e.impact;
    impactNote.input.value = e.impact_note;
    action.input.value = e.action;
    error.textContent = '';
    if (e.id) event.input.focus();
  };

  const readDate = () => {
    if (monthOnly.input.checked) {
      const y = approxYear.value.trim();
      const m = approxMonth.value.trim();
      if (!/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m) || Number(m) < 1 || Number(m) > 12) {
        throw new Error('type the month (1 to 12) and the year (4 numbers).');
      }
      return `${y}-${m.padStart(2, '0')}`;
    }
    const d = date.read();
    if (!d) throw new Error('type the date it happened.');
    return d;
  };

  const section = h(
    'form',
    { id: 'chronology-form', class: 'panel', 'aria-labelledby': 'chronology-form-title', novalidate: true },
    title,
    error,
    monthOnly.wrap,
    date.wrap,
    approx,
    h('div', { class: 'field' }, h('label', { for: 'entry-category', text: 'Category' }), category),
    event.wrap,
    agency.wrap,
    role.wrap,
    h(
      'fieldset',
      {},
      h('legend', { text: 'The children it concerns (none ticked: all of them)' }),
      kids.map((k) => k.box.wrap),
    ),
    h('div', { class: 'field' }, h('label', { for: 'entry-impact', text: 'Impact on the child' }), impact),
    impactNote.wrap,
    action.wrap,
    h('div', { class: 'button-row' }, saveButton, cancel),
  );
  section.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    let out;
    try {
      out = {
        ...entry,
        date: readDate(),
        category: category.value,
        event: event.input.value,
        source: { agency: agency.input.value, role: role.input.value },
        children: kids.filter((k) => k.box.input.checked).map((k) => k.id),
        impact: impact.value,
        impact_note: impactNote.input.value,
        action: action.input.value,
      };
    } catch (err) {
      error.textContent = `Not saved: ${err.message}`;
      return;
    }
    saveButton.disabled = true;
    try {
      await onSave(out);
      fill(blankEntry());
    } catch (err) {
      error.textContent = `Not saved: ${err.message}`;
    } finally {
      saveButton.disabled = false;
    }
  });
  cancel.addEventListener('click', () => fill(blankEntry()));
  fill(blankEntry());
  return { section, fill };
}
