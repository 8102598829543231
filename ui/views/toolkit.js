// The toolkit itself: area by area and item by item. Each level's descriptor is a card to choose
// (age-banded for the chosen child where the definition says so); the carer's own placement,
// evidence, impact on the child, strengths and the child's view sit under it. Household items
// are answered once for all children. A first section holds the visits, background, poverty
// context, overall views and practitioner-only notes.
//
// Stable ids (item numbers have their dots replaced by "_", so 5.2 -> 5_2; n counts from 0):
//   #child-tab-n (choose the child), #section-context, #area-tab-<area number>,
//   #area-progress-<area number> (text such as "2 of 4 rated"),
//   per item: #level-<item>-<code> (radio card; code 0 = not assessed),
//   #carer-<item>-<code> (radio; 0 = not asked), #evidence-<item>, #impact-<item>,
//   #strengths-<item>, #child-view-<item>; the item's section is #item-<item>;
//   visits: #add-visit, #visit-date-n, #visit-present-n, #visit-seen-n-<child n>,
//   #visit-alone-n-<child n>, #visit-notes-n, #remove-visit-n;
//   #background, #poverty-context, #assessment-strengths, #carer-view,
//   #child-overall-view-<child n>, #practitioner-notes, #open-summary-link, #toolkit-locked-note,
//   and in a review #previous-<item> (the level chosen last time).

import * as api from '../api.js';
import { h, append, clear, field, checkbox, longDate, today } from '../dom.js';
import { session, save, autosave } from '../session.js';

/** Remembered choice of child and section per assessment while the app is open. */
const remembered = new Map();

/** The key used in element ids for an item number. */
export const itemKey = (number) => String(number).replace(/[^A-Za-z0-9-]/g, '_');

/** The descriptors to show for an item and a child's age band id (from the core's view text). */
export function descriptorsFor(def, item, bandId) {
  const band = bandId ? (def.age_bands || []).find((b) => b.id === bandId) : null;
  const ad = band ? (item.age_descriptors || []).find((x) => x.band === band.id) : null;
  return ad ? { descriptors: ad.descriptors, band } : { descriptors: item.descriptors, band: null };
}

const subjectKey = (s) => (s.kind === 'household' ? 'household' : s.child_id);

function randomId() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Render the toolkit for `params.id` into `main`. */
export async function render(main, params, ctx) {
  const view = await api.getAssessment(params.id);
  const a = view.assessment;
  const def = view.definition;
  const hh = view.household;
  const editable = a.status === 'draft' || a.status === 'amending';
  const family = session.familyView;
  const children = hh.children || [];
  const childText = (c) => (view.text.children || []).find((x) => x.child_id === c.id) || { age: '', age_band: null };
  const mem = remembered.get(a.id) || { child: 0, section: def.areas.length ? def.areas[0].number : 'context' };
  remembered.set(a.id, mem);
  if (mem.child >= children.length) mem.child = 0;

  const ratings = new Map();
  for (const r of a.ratings || []) ratings.set(`${r.item}|${subjectKey(r.subject)}`, r);
  const ratingFor = (item, subject) => {
    const key = `${item.number}|${subjectKey(subject)}`;
    let r = ratings.get(key);
    if (!r) {
      r = { item: item.number, subject, level: null, carer_level: null, evidence: '', impact: '', strengths: '', child_view: '' };
      ratings.set(key, r);
    }
    return r;
  };
  const subjectOf = (item) => {
    if (item.scope === 'household') return { kind: 'household' };
    const child = children[mem.child];
    return child ? { kind: 'child', child_id: child.id } : null;
  };
  const saveRating = (r) => save(() => api.saveRating(a.id, JSON.parse(JSON.stringify(r))));
  const patch = (key, value) => api.updateAssessment(a.id, { [key]: value });

  const progressOf = (area) => {
    let done = 0;
    for (const item of area.items) {
      const s = subjectOf(item);
      if (!s) continue;
      const r = ratings.get(`${item.number}|${subjectKey(s)}`);
      if (r && r.level !== null && r.level !== undefined) done += 1;
    }
    return { done, total: area.items.length };
  };

  const nav = h('ul', { class: 'section-list' });
  const content = h('div', { class: 'toolkit-content' });
  const childBar = h('div', { class: 'child-switcher', role: 'group', 'aria-label': 'Which child' });

  const renderNav = () => {
    clear(nav);
    const entry = (id, label, progressText, key) => {
      const current = mem.section === key;
      const b = h('button', { type: 'button', id, class: 'section-button', 'aria-current': current ? 'true' : null },
        h('span', { class: 'section-name', text: label }),
        progressText ? h('span', { class: 'section-progress', id: `area-progress-${key}`, text: progressText }) : null);
      b.addEventListener('click', () => { mem.section = key; renderNav(); renderContent(); focusContent(); });
      append(nav, h('li', {}, b));
    };
    entry('section-context', 'Visits and background', null, 'context');
    for (const area of def.areas) {
      const p = progressOf(area);
      entry(`area-tab-${area.number}`, `${area.number}. ${area.title}`, `${p.done} of ${p.total} rated`, area.number);
    }
  };

  const renderChildBar = () => {
    clear(childBar);
    if (!children.length) {
      append(childBar, h('p', { class: 'notice', text: 'This household has no children recorded. Add them on the household page before rating child items.' }));
      return;
    }
    append(childBar, h('span', { class: 'switcher-label', text: 'Child:' }));
    children.forEach((c, n) => {
      const { age } = childText(c);
      const b = h('button', { type: 'button', id: `child-tab-${n}`, class: 'child-button', 'aria-pressed': String(n === mem.child) },
        h('span', { text: c.name }), age ? h('span', { class: 'child-age', text: ` (${age})` }) : null);
      b.addEventListener('click', () => { mem.child = n; renderChildBar(); renderNav(); renderContent(); document.getElementById(`child-tab-${n}`).focus(); });
      append(childBar, b);
    });
  };

  const focusContent = () => {
    const heading = content.querySelector('h2');
    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
  };

  const renderItem = (area, item) => {
    const key = itemKey(item.number);
    const subject = subjectOf(item);
    const section = h('section', { class: 'item', id: `item-${key}`, 'aria-labelledby': `item-title-${key}` });
    append(section, h('h3', { id: `item-title-${key}`, text: `${item.number} ${item.title}` }));
    if (!subject) {
      append(section, h('p', { class: 'notice', text: 'Add a child to the household to rate this item.' }));
      return section;
    }
    const r = ratingFor(item, subject);
    const child = item.scope === 'household' ? null : children[mem.child];
    const { descriptors, band } = descriptorsFor(def, item, child ? childText(child).age_band : null);
    append(section, h('p', { class: 'item-scope' },
      item.scope === 'household' ? h('span', { class: 'badge', text: 'Answered once for the whole household' })
        : `For ${child.name}${band ? ` (descriptors for ${band.label})` : ''}`));
    if (view.previous) {
      const before = (view.previous.ratings || []).find((x) => x.item === item.number && subjectKey(x.subject) === subjectKey(subject));
      const lvl = before && before.level !== null && before.level !== undefined ? def.scale.levels.find((l) => l.code === before.level) : null;
      append(section, h('p', { class: 'previous-level', id: `previous-${key}` },
        lvl ? `Last toolkit: ${lvl.code} ${lvl.label}` : `Last toolkit: ${def.scale.not_assessed_label.toLowerCase()}`));
    }
    if ((item.prompts || []).length && !family) {
      append(section, h('details', { class: 'prompts' },
        h('summary', { text: 'Questions to talk through' }),
        h('ul', {}, item.prompts.map((p) => h('li', { text: p })))));
    }

    const alerts = h('div', { class: 'alerts', 'aria-live': 'polite' });
    const showAlerts = () => {
      clear(alerts);
      for (const al of item.alerts || []) {
        if (r.level !== null && r.level >= al.when_level_at_least) {
          append(alerts, h('div', { class: 'alert', role: 'note' }, h('p', { class: 'alert-title', text: al.title }), h('p', { text: al.text })));
        }
      }
    };

    // The practitioner's level: one card per level, plus "not assessed".
    const groupName = `level-${key}-${subjectKey(subject)}`;
    const cards = h('div', { class: 'cards' });
    const options = [...def.scale.levels.map((l) => ({ code: l.code, level: l })), { code: 0, level: null }];
    for (const opt of options) {
      const id = `level-${key}-${opt.code}`;
      const checked = opt.code === 0 ? (r.level === null || r.level === undefined) : r.level === opt.code;
      const input = h('input', { type: 'radio', class: 'card-radio', id, name: groupName, value: String(opt.code), checked, disabled: !editable });
      const desc = opt.level ? (descriptors.find((d) => d.level === opt.code) || { text: '' }).text : '';
      const label = h('label', { for: id, class: opt.level ? 'level-card' : 'level-card level-card-none' },
        h('span', { class: 'level-head' },
          opt.level ? h('span', { class: 'level-num', text: String(opt.code) }) : null,
          h('span', { class: 'level-label', text: opt.level ? opt.level.label : def.scale.not_assessed_label })),
        desc ? h('span', { class: 'descriptor', text: desc }) : null);
      if (opt.level) label.style.setProperty('--band', opt.level.colour);
      input.addEventListener('change', () => {
        if (!input.checked) return;
        r.level = opt.code === 0 ? null : opt.code;
        showAlerts();
        saveRating(r).catch(() => {});
        renderNav();
      });
      input.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' && !input.checked && editable) {
          ev.preventDefault();
          input.checked = true;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        }
      });
      append(cards, h('div', { class: 'card-option' }, input, label));
    }
    append(section, h('fieldset', { class: 'level-group' },
      h('legend', { text: `Level for ${item.number} ${item.title}` }), cards));
    showAlerts();
    append(section, alerts);

    // Where the carer places themselves.
    const carerName = `carer-${key}-${subjectKey(subject)}`;
    const carerRow = h('div', { class: 'carer-options' });
    for (const opt of [...def.scale.levels.map((l) => ({ code: l.code, label: `${l.code} ${l.label}` })), { code: 0, label: 'Not asked' }]) {
      const id = `carer-${key}-${opt.code}`;
      const checked = opt.code === 0 ? (r.carer_level === null || r.carer_level === undefined) : r.carer_level === opt.code;
      const input = h('input', { type: 'radio', id, name: carerName, value: String(opt.code), checked, disabled: !editable });
      input.addEventListener('change', () => {
        if (!input.checked) return;
        r.carer_level = opt.code === 0 ? null : opt.code;
        saveRating(r).catch(() => {});
      });
      append(carerRow, h('div', { class: 'pill' }, input, h('label', { for: id, text: opt.label })));
    }
    append(section, h('fieldset', { class: 'carer-group' },
      h('legend', { text: 'Where the parent or carer places themselves' }), carerRow));

    const text = (prop, idPrefix, label, hint) => {
      const f = field({ id: `${idPrefix}-${key}`, label, multiline: true, value: r[prop], hint, attrs: { disabled: !editable } });
      autosave(f.input, `rating|${item.number}|${subjectKey(subject)}`, () => {
        r[prop] = f.input.value;
        return api.saveRating(a.id, JSON.parse(JSON.stringify(r)));
      });
      f.input.addEventListener('input', () => { r[prop] = f.input.value; });
      return f.wrap;
    };
    if (!family) append(section, text('evidence', 'evidence', 'Evidence for this level'));
    append(section, 
      text('impact', 'impact', 'Impact on the child: examples', 'What has this meant for the child day to day?'),
      text('strengths', 'strengths', 'Strengths seen'),
      text('child_view', 'child-view', "The child's view"),
    );
    return section;
  };

  const renderArea = (area) => {
    const p = progressOf(area);
    append(content, 
      h('h2', { text: `Area ${area.number}: ${area.title}` }),
      area.purpose ? h('p', { class: 'area-purpose', text: area.purpose }) : null,
      h('p', { class: 'area-progress', text: `${p.done} of ${p.total} items rated${children[mem.child] ? ` for ${children[mem.child].name}` : ''}.` }),
      area.items.map((item) => renderItem(area, item)),
    );
    const idx = def.areas.indexOf(area);
    const next = def.areas[idx + 1];
    if (next) {
      append(content, h('button', { type: 'button', class: 'button', id: 'next-area', text: `Next: ${next.number}. ${next.title}`,
        on: { click: () => { mem.section = next.number; renderNav(); renderContent(); focusContent(); window.scrollTo(0, 0); } } }));
    } else {
      append(content, h('a', { class: 'button', id: 'to-summary', href: `#/summary/${encodeURIComponent(a.id)}`, text: 'Go to the summary' }));
    }
  };

  const textPatch = (id, prop, label, opts = {}) => {
    const f = field({ id, label, multiline: true, value: a[prop] || '', hint: opts.hint, attrs: { disabled: !editable, rows: 4 } });
    autosave(f.input, `patch|${prop}`, () => { a[prop] = f.input.value; return patch(prop, a[prop]); });
    return f.wrap;
  };

  const renderVisits = (box) => {
    clear(box);
    const saveVisits = () => save(() => patch('visits', a.visits)).catch(() => {});
    (a.visits || []).forEach((v, n) => {
      const date = h('input', { type: 'date', id: `visit-date-${n}`, value: v.date || '', disabled: !editable });
      date.addEventListener('change', () => { if (date.value) { v.date = date.value; saveVisits(); } });
      const present = field({ id: `visit-present-${n}`, label: 'Who was present (one person per line)', multiline: true, value: (v.present || []).join('\n'), attrs: { disabled: !editable } });
      autosave(present.input, `visit-present|${n}`, () => {
        v.present = present.input.value.split('\n').map((x) => x.trim()).filter(Boolean);
        return patch('visits', a.visits);
      });
      const notes = field({ id: `visit-notes-${n}`, label: 'Notes of the visit', multiline: true, value: v.notes || '', attrs: { disabled: !editable } });
      autosave(notes.input, `visit-notes|${n}`, () => { v.notes = notes.input.value; return patch('visits', a.visits); });
      const seenRows = children.map((c, ci) => {
        v.children_seen = v.children_seen || [];
        let entry = v.children_seen.find((s) => s.child_id === c.id);
        const get = () => {
          if (!entry) { entry = { child_id: c.id, seen: false, seen_alone: false }; v.children_seen.push(entry); }
          return entry;
        };
        const seen = checkbox({ id: `visit-seen-${n}-${ci}`, label: `${c.name} was seen`, checked: entry && entry.seen, disabled: !editable });
        const alone = checkbox({ id: `visit-alone-${n}-${ci}`, label: `${c.name} was seen alone`, checked: entry && entry.seen_alone, disabled: !editable });
        seen.input.addEventListener('change', () => {
          const e = get(); e.seen = seen.input.checked;
          if (!e.seen) { e.seen_alone = false; alone.input.checked = false; }
          saveVisits();
        });
        alone.input.addEventListener('change', () => {
          const e = get(); e.seen_alone = alone.input.checked;
          if (e.seen_alone) { e.seen = true; seen.input.checked = true; }
          saveVisits();
        });
        return h('div', { class: 'seen-row' }, seen.wrap, alone.wrap);
      });
      const remove = editable ? h('button', { type: 'button', id: `remove-visit-${n}`, class: 'button button-danger', text: `Remove visit ${n + 1}`,
        on: { click: () => { a.visits.splice(n, 1); saveVisits(); renderVisits(box); } } }) : null;
      append(box, h('fieldset', { class: 'visit' },
        h('legend', { text: `Visit ${n + 1}${v.date ? `: ${longDate(v.date)}` : ''}` }),
        h('div', { class: 'field' }, h('label', { for: `visit-date-${n}`, text: 'Date of the visit' }), date),
        present.wrap,
        h('fieldset', { class: 'inline-choice' }, h('legend', { text: 'Children seen' }), seenRows),
        notes.wrap, remove));
    });
    if (editable) {
      append(box, h('button', { type: 'button', id: 'add-visit', class: 'button button-secondary', text: 'Add a visit',
        on: { click: () => {
          a.visits = a.visits || [];
          a.visits.push({ id: randomId(), date: today(), present: [], children_seen: [], notes: '' });
          saveVisits();
          renderVisits(box);
          document.getElementById(`visit-date-${a.visits.length - 1}`).focus();
        } } }));
    }
  };

  const renderContext = () => {
    const visits = h('div', { class: 'visits' });
    renderVisits(visits);
    const childViews = children.map((c, n) => {
      a.child_views = a.child_views || [];
      const existing = a.child_views.find((x) => x.child_id === c.id);
      const f = field({ id: `child-overall-view-${n}`, label: `${c.name}'s view, in their words`, multiline: true, value: existing ? existing.text : '', attrs: { disabled: !editable } });
      autosave(f.input, `child-view|${c.id}`, () => {
        let note = a.child_views.find((x) => x.child_id === c.id);
        if (!note) { note = { child_id: c.id, text: '' }; a.child_views.push(note); }
        note.text = f.input.value;
        return patch('child_views', a.child_views);
      });
      return f.wrap;
    });
    append(content, 
      h('h2', { text: 'Visits and background' }),
      h('section', { class: 'panel', 'aria-labelledby': 'visits-title' }, h('h3', { id: 'visits-title', text: 'Visits' }), visits),
      h('section', { class: 'panel', 'aria-labelledby': 'context-title' },
        h('h3', { id: 'context-title', text: 'Background' }),
        textPatch('background', 'background', 'Background factors', { hint: 'For example housing, health, substance use, previous involvement.' }),
        textPatch('poverty-context', 'poverty_context', 'Poverty context', { hint: 'What the family can and cannot afford, kept apart from the care given.' }),
        textPatch('assessment-strengths', 'strengths', 'Strengths of the family'),
        textPatch('carer-view', 'carer_view', "The parent's or carer's view, in their words"),
        childViews),
      family ? null : h('section', { class: 'panel practitioner-only', 'aria-labelledby': 'notes-title' },
        h('h3', { id: 'notes-title', text: 'Practitioner-only notes' }),
        h('p', { class: 'hint', text: 'Hidden in the family view and left off the summary sheet.' }),
        textPatch('practitioner-notes', 'practitioner_notes', 'Notes for practitioners only')),
    );
  };

  const renderContent = () => {
    clear(content);
    if (mem.section === 'context') renderContext();
    else {
      const area = def.areas.find((x) => x.number === mem.section) || def.areas[0];
      if (area) { mem.section = area.number; renderArea(area); }
    }
  };

  renderChildBar();
  renderNav();
  renderContent();
  const kind = a.kind && a.kind.kind === 'review' ? 'Review' : 'Toolkit';
  const statusWords = { draft: 'in progress', completed: 'completed', amending: 'being amended' };
  append(main, 
    h('p', { class: 'breadcrumb' },
      h('a', { href: '#/households', text: 'Households' }), ' › ',
      h('a', { href: `#/household/${encodeURIComponent(hh.id)}`, text: hh.name })),
    h('div', { class: 'title-row' },
      h('h1', { text: `${kind}: ${hh.name}` }),
      h('a', { id: 'open-summary-link', class: 'button button-secondary', href: `#/summary/${encodeURIComponent(a.id)}`, text: 'Summary' })),
    h('p', { class: 'status-line' }, `Status: ${statusWords[a.status] || a.status}. `, `${def.title} (version ${def.version}).`),
    editable ? null : h('p', { id: 'toolkit-locked-note', class: 'notice', text: 'This toolkit is completed and locked. To change it, open the summary and choose "Amend".' }),
    childBar,
    h('div', { class: 'toolkit-layout' },
      h('nav', { class: 'section-nav', 'aria-label': 'Toolkit sections' }, nav),
      content),
  );
  void ctx;
}
