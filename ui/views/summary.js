// The summary: a grid of children by areas coloured by level with the number printed, the
// prompts raised, the analysis and decision, completing and amending, export of the summary
// sheet and, for a review, the comparison with the previous toolkit as a chart.
//
// Every text a rule produces (prompts, change words, sustained improvements, history lines, level
// chips and their ink) comes ready made in `view.text` (ntk_core::words); this view adds only its
// own headings, buttons and hints.
//
// Stable ids:
//   #profile-grid (table; each cell has data-child-id and data-area), and per child a
//   details.child-items[data-child-id] whose rows (data-item) show the practitioner's level
//   (set apart, flagged), each person's own placement with the gap (li.placement-line with
//   data-gap) and whether an impact is recorded; #prompt-list (significant-harm prompts first,
//   as the core orders them; the core's no_prompts text when there are none),
//   #sustained-list, #comparison (section; one table per child, rows have data-item and
//   data-change), #analysis, then the decision's fields (see ./summary/decision.js: the option
//   checkboxes #decision-option-<code> with the front door and the parents' answers revealed
//   under them, the DASH record, #lead-name, #lead-date, #lead-advice, #next-steps and
//   #review-date; dates are fieldsets with <id>-day, <id>-month and <id>-year boxes),
//   #complete-assessment (shows the check before completing: #completion-check, a section
//   with one div.check-group[data-child-id] per child (empty for the household) listing
//   li.check[data-kind] with a link to put it right (a.check-fix), or #no-checks; then
//   #confirm-complete and #cancel-complete),
//   #amend-reason, #amend-assessment, #start-review, #export-pdf, #export-result,
//   #lifecycle-status (role=status: the toolkit's lifecycle state once completed),
//   #lifecycle-error, #back-to-toolkit.
//
// In a review: #review-questions (one #review-answer-<question id> per question of the
// definition, saved as typed). On any toolkit with targets: #target-list (the core's lines,
// carried targets with their progress). With two assessments or more: #trend (one
// table.trend-table[data-child-id] per child, a row per area with data-area, a column per
// assessment headed by the core's words, oldest first).
//
// Completing draws the page again where it is: the scroll position is kept, and the lifecycle
// status is announced and given focus, so the confirmation is seen where the button was.

import * as api from '../api.js';
import { dateInput } from '../components/date-input.js';
import { h, append, field, longDate } from '../dom.js';
import { autosave, flushSaves } from '../session.js';
import { decisionFields } from './summary/decision.js';

const CHANGE_MARKS = { improved: '▼', worse: '▲', unchanged: '●' };

function makeLookup(view) {
  const def = view.definition;
  const text = view.text;
  const children = new Map();
  for (const c of view.household.children || []) children.set(c.id, c.name);
  const items = new Map();
  for (const area of def.areas) for (const item of area.items) items.set(item.number, item);
  const childName = (id) => children.get(id) || '';
  const itemName = (n) => (items.has(n) ? `${n} ${items.get(n).title}` : n);
  const chip = (code) => (code === null || code === undefined ? null : text.levels.find((l) => l.code === code) || null);
  return { def, text, childName, itemName, chip };
}

/** Colour an element as a level chip: the core's fill, and the ink it chose for that fill. */
function paint(el, chip) {
  el.style.backgroundColor = chip.fill;
  el.style.color = chip.ink;
}

function levelChip(lk, code) {
  const l = lk.chip(code);
  if (!l) return h('span', { class: 'chip chip-none', text: lk.text.not_assessed });
  const chip = h('span', { class: 'chip' }, h('span', { class: 'chip-num', text: String(l.code) }), ` ${l.label}`);
  paint(chip, l);
  return chip;
}

function profileGrid(view, lk) {
  const def = view.definition;
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col', text: 'Child' }),
    def.areas.map((a) => h('th', { scope: 'col', text: `${a.number}. ${a.title}` })),
  );
  const rows = (view.summary.children || []).map((cp) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row', text: lk.childName(cp.child_id) }),
      def.areas.map((area) => {
        const ap = (cp.areas || []).find((x) => x.area === area.number);
        const cell = h('td', { class: 'profile-cell', 'data-child-id': cp.child_id, 'data-area': String(area.number) });
        if (!ap || ap.worst === null || ap.worst === undefined) {
          append(cell, h('span', { class: 'cell-level', text: '–' }), h('span', { class: 'cell-note', text: lk.text.not_assessed }));
          cell.classList.add('profile-empty');
          return cell;
        }
        const l = lk.chip(ap.worst);
        append(
          cell,
          h('span', { class: 'cell-level', text: String(ap.worst) }),
          h('span', { class: 'cell-note', text: `${l ? l.label : ''} at worst` }),
          h('span', { class: 'cell-note', text: `${ap.assessed} of ${ap.total} assessed` }),
        );
        if (l) paint(cell, l);
        return cell;
      }),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { id: 'profile-grid', class: 'profile-grid' },
      h('caption', {
        text: 'Worst level in each area for each child (1 is the best care). No total score: the trigger for action is your professional judgement.',
      }),
      h('thead', {}, head),
      h('tbody', {}, rows),
    ),
  );
}

/** Who placed themselves: a carer's or a child's name, or the core's name for the unnamed carer. */
function placedByName(view, by) {
  const hh = view.household;
  if (by && by.kind === 'carer') {
    const c = (hh.carers || []).find((x) => x.id === by.carer_id);
    if (c) return c.name;
  }
  if (by && by.kind === 'child') {
    const c = (hh.children || []).find((x) => x.id === by.child_id);
    if (c) return c.name;
  }
  return view.text.unnamed_carer;
}

/** Each person's own placement beside the practitioner's level for the child, with the gap between them. */
function placementList(view, lk, it) {
  const placed = (it.placements || []).filter((p) => p.level !== null && p.level !== undefined);
  if (!placed.length) return h('span', { class: 'placement-none', text: 'None recorded' });
  return h(
    'ul',
    { class: 'placement-list' },
    placed.map((p) => {
      const gap = p.gap ?? null;
      return h(
        'li',
        { class: 'placement-line', 'data-gap': gap === null ? null : String(gap) },
        h('span', { class: 'placed-by', text: `${placedByName(view, p.by)}: ` }),
        levelChip(lk, p.level),
        gap === null ? null : h('span', { class: gap ? 'gap gap-some' : 'gap', text: ` gap ${gap}` }),
      );
    }),
  );
}

/** The practitioner's level for the child, marked where it is set apart or flagged. */
function levelCell(it, lk) {
  return h(
    'td',
    { class: 'level-cell' },
    levelChip(lk, it.level),
    it.set_apart ? h('span', { class: 'item-mark', text: "Set apart from the household's level" }) : null,
    it.flagged ? h('span', { class: 'item-mark item-flagged', text: 'Flagged: possible significant harm' }) : null,
  );
}

function itemDetails(view, lk) {
  return (view.summary.children || []).map((cp) => {
    const ct = (view.text.children || []).find((x) => x.child_id === cp.child_id);
    const rows = (cp.areas || []).flatMap((ap) =>
      (ap.items || []).map((it) => {
        const name = h('th', { scope: 'row', text: `${lk.itemName(it.item)}${it.from_household ? ' (household)' : ''}` });
        if (it.applies === false && (it.level === null || it.level === undefined)) {
          return h('tr', { 'data-item': it.item, class: 'item-not-offered' }, name, h('td', { colspan: '3', text: ct ? ct.not_offered_reason : '' }));
        }
        return h(
          'tr',
          { 'data-item': it.item },
          name,
          levelCell(it, lk),
          h('td', { class: 'placements-cell' }, placementList(view, lk, it)),
          h('td', { text: it.has_impact ? (it.detailed_impact ? 'Yes, detailed' : 'Yes, brief') : 'No' }),
        );
      }),
    );
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col', text: 'Item' }),
      h('th', { scope: 'col', text: 'Your level' }),
      h('th', { scope: 'col', text: 'Own placements, and the gap to your level' }),
      h('th', { scope: 'col', text: 'Impact recorded' }),
    );
    return h(
      'details',
      { class: 'child-items', 'data-child-id': cp.child_id },
      h('summary', { text: `Every item for ${lk.childName(cp.child_id)}` }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'item-table' }, h('thead', {}, head), h('tbody', {}, rows))),
    );
  });
}

function comparisonChart(view, lk) {
  const max = Math.max(1, ...lk.text.levels.map((l) => l.code));
  const bar = (code, which) => {
    const l = lk.chip(code);
    const wrap = h('div', { class: `bar-row bar-${which}` }, h('span', { class: 'bar-label', text: which === 'before' ? 'Before' : 'Now' }));
    if (!l) {
      append(wrap, h('span', { class: 'bar-none', text: lk.text.not_assessed }));
      return wrap;
    }
    const b = h('span', { class: 'bar' }, h('span', { class: 'bar-num', text: `${l.code} ${l.label}` }));
    b.style.width = `${Math.round((l.code / max) * 100)}%`;
    paint(b, l);
    append(wrap, h('span', { class: 'bar-track' }, b));
    return wrap;
  };
  return h(
    'section',
    { id: 'comparison', class: 'panel', 'aria-labelledby': 'comparison-title' },
    h('h2', { id: 'comparison-title', text: 'Compared with the previous toolkit' }),
    h('p', { class: 'hint', text: `Previous toolkit: ${view.previous ? longDate(view.previous.created_at.slice(0, 10)) : ''}. Shorter bars are better care.` }),
    (view.comparison.children || []).map((cc) =>
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'comparison-table', 'data-child-id': cc.child_id },
          h('caption', { text: lk.childName(cc.child_id) }),
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col', text: 'Item' }), h('th', { scope: 'col', text: 'Before and now' }), h('th', { scope: 'col', text: 'Change' })),
          ),
          h(
            'tbody',
            {},
            (cc.areas || []).flatMap((ac) =>
              (ac.items || []).map((ic) =>
                h(
                  'tr',
                  { 'data-item': ic.item, 'data-change': ic.change },
                  h('th', { scope: 'row', text: lk.itemName(ic.item) }),
                  h('td', { class: 'bars' }, bar(ic.previous, 'before'), bar(ic.current, 'now')),
                  h(
                    'td',
                    { class: `change change-${ic.change}` },
                    CHANGE_MARKS[ic.change] ? h('span', { 'aria-hidden': 'true', text: `${CHANGE_MARKS[ic.change]} ` }) : null,
                    lk.text.changes[ic.change],
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Where a check is put right: the toolkit, or a field of the decision section on this page. */
function checkFix(c, a, focusIdFor) {
  if (c.place === 'toolkit') {
    return h(
      'a',
      { class: 'check-fix', href: `#/toolkit/${encodeURIComponent(a.id)}` },
      'Go to the toolkit',
      h('span', { class: 'visually-hidden', text: ` (${c.headline})` }),
    );
  }
  const target = focusIdFor(c.kind);
  return h(
    'a',
    {
      class: 'check-fix',
      href: `#/summary/${encodeURIComponent(a.id)}`,
      on: {
        click: (e) => {
          e.preventDefault();
          const el = document.getElementById(target);
          if (el) {
            el.scrollIntoView({ block: 'center' });
            el.focus();
          }
        },
      },
    },
    'Go to the decision',
    h('span', { class: 'visually-hidden', text: ` (${c.headline})` }),
  );
}

/**
 * The check before completing, on the "check your answers" pattern: what may be missing, grouped
 * by child (the household last), each with a link to put it right; then complete or go back.
 * These are warnings to confirm, never blockers.
 */
function drawCompletionCheck(section, text, a, { closeCheck, lifecycleError, done, focusIdFor }) {
  section.replaceChildren();
  const checks = text.checks || [];
  const groups = [];
  for (const c of checks) {
    const key = c.child_id || '';
    let g = groups.find((x) => x.key === key);
    if (!g) {
      g = { key, name: c.group, checks: [] };
      groups.push(g);
    }
    g.checks.push(c);
  }
  const confirm = h('button', { type: 'button', id: 'confirm-complete', class: 'button', text: checks.length ? 'Complete anyway' : 'Complete and lock' });
  const back = h('button', { type: 'button', id: 'cancel-complete', class: 'button button-secondary', text: 'Go back' });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      // Waiting saves go first: nothing may arrive after the toolkit is locked.
      await flushSaves();
      await api.completeAssessment(a.id);
      await done();
    } catch (err) {
      lifecycleError.textContent = err.message;
      confirm.disabled = false;
    }
  });
  back.addEventListener('click', closeCheck);
  append(
    section,
    h('h3', { id: 'completion-check-title', tabindex: '-1', text: 'Check before you complete' }),
    checks.length
      ? [
          h('p', { text: 'These may be missing. You can still complete the toolkit in part: put them right first, or complete it anyway.' }),
          groups.map((g) =>
            h(
              'div',
              { class: 'check-group', 'data-child-id': g.key },
              h('h4', { text: g.name }),
              h(
                'ul',
                { class: 'check-list' },
                g.checks.map((c) =>
                  h('li', { class: 'check', 'data-kind': c.kind }, h('p', { class: 'check-headline', text: c.headline }), checkFix(c, a, focusIdFor)),
                ),
              ),
            ),
          ),
        ]
      : h('p', { id: 'no-checks', text: text.no_checks }),
    h('p', { text: 'Completing locks the toolkit.' }),
    h('div', { class: 'button-row' }, confirm, back),
  );
}

/**
 * Draw the summary again inside `main`, keeping the scroll position, then announce the lifecycle
 * status (a live region whose text is set once it is on the page) and move focus to it.
 */
async function renderInPlace(main, params, ctx) {
  const y = window.scrollY;
  const fresh = h('div');
  await render(fresh, params, ctx);
  if (ctx?.isCurrent && !ctx.isCurrent()) return;
  const status = fresh.querySelector('#lifecycle-status');
  const said = status ? status.textContent : '';
  if (status) status.textContent = '';
  main.replaceChildren(...fresh.childNodes);
  window.scrollTo(0, y);
  if (!status) return;
  status.textContent = said;
  status.focus({ preventScroll: true });
  status.scrollIntoView({ block: 'nearest' });
}

/** Render the summary of assessment `params.id` into `main`. */
/** A review's answers to the definition's review questions, saved as they are typed. */
function reviewQuestions(view, editable) {
  const a = view.assessment;
  const questions = view.definition.review_questions || [];
  if (!(a.kind && a.kind.kind === 'review') || !questions.length) return null;
  if (!Array.isArray(a.review_answers)) a.review_answers = [];
  const send = () =>
    api.updateAssessment(a.id, {
      review_answers: a.review_answers.filter((x) => x.answer.trim()),
    });
  const fields = questions.map((q) => {
    const f = field({
      id: `review-answer-${q.id}`,
      label: q.text,
      multiline: true,
      hint: q.hint || undefined,
      value: (a.review_answers.find((x) => x.question === q.id) || { answer: '' }).answer,
      attrs: { disabled: !editable, rows: 3 },
    });
    autosave(f.input, `patch|review_answers|${q.id}`, () => {
      const found = a.review_answers.find((x) => x.question === q.id);
      if (found) found.answer = f.input.value;
      else a.review_answers.push({ question: q.id, answer: f.input.value });
      return send();
    });
    return f.wrap;
  });
  return h(
    'section',
    { class: 'panel', id: 'review-questions', 'aria-labelledby': 'review-questions-title' },
    h('h2', { id: 'review-questions-title', text: 'Review questions' }),
    fields,
  );
}

/** The toolkit's priorities and targets, one line each as the core wrote them. */
function targetsPanel(view) {
  const lines = view.review_text?.targets || [];
  if (!lines.length) return null;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'targets-title' },
    h('h2', { id: 'targets-title', text: 'Priorities and targets' }),
    h(
      'ul',
      { id: 'target-list' },
      lines.map((line) => h('li', { text: line })),
    ),
  );
}

/** Each child's worst level per area at every assessment of the household, oldest first. */
function trendPanel(view, lk) {
  const trend = view.trend;
  if (!trend || trend.points.length < 2) return null;
  const columns = view.review_text.trend_columns;
  const areaTitle = (n) => {
    const area = lk.def.areas.find((x) => x.number === n);
    return area ? `${area.number} ${area.title}` : String(n);
  };
  const tables = trend.children.map((ct) =>
    h(
      'table',
      { class: 'trend-table', 'data-child-id': ct.child_id },
      h('caption', { text: lk.childName(ct.child_id) }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', text: 'Area' }),
          columns.map((c) => h('th', { scope: 'col', text: c })),
        ),
      ),
      h(
        'tbody',
        {},
        ct.areas.map((at) =>
          h(
            'tr',
            { 'data-area': String(at.area) },
            h('th', { scope: 'row', text: areaTitle(at.area) }),
            at.worst.map((l) => h('td', {}, levelChip(lk, l))),
          ),
        ),
      ),
    ),
  );
  return h(
    'section',
    { class: 'panel', id: 'trend', 'aria-labelledby': 'trend-title' },
    h('h2', { id: 'trend-title', text: 'Trend over all toolkits' }),
    h('p', { class: 'hint', text: 'The worst level in each area at every toolkit, oldest first. Lower levels are better care.' }),
    tables,
  );
}

export async function render(main, params, ctx) {
  const view = await api.getAssessment(params.id);
  const a = view.assessment;
  const lk = makeLookup(view);
  const editable = a.status === 'draft' || a.status === 'amending';
  const rerender = () => {
    location.hash = `#/summary/${encodeURIComponent(a.id)}`;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  };

  const prompts = view.text.prompts;
  const promptList = prompts.length
    ? h(
        'ul',
        { id: 'prompt-list', class: 'prompt-list' },
        prompts.map((p) =>
          h('li', { class: `prompt prompt-${p.kind}` }, h('p', { class: 'prompt-main', text: p.headline }), p.action ? h('p', { text: p.action }) : null),
        ),
      )
    : h('p', { id: 'prompt-list', class: 'empty', text: view.text.no_prompts });

  const sustained = view.text.sustained.length
    ? h(
        'section',
        { class: 'panel', 'aria-labelledby': 'sustained-title' },
        h('h2', { id: 'sustained-title', text: 'Improvements that have lasted' }),
        h(
          'ul',
          { id: 'sustained-list' },
          view.text.sustained.map((line) => h('li', { text: line })),
        ),
      )
    : null;

  // Analysis and decision.
  const analysis = field({ id: 'analysis', label: 'Analysis', multiline: true, value: a.analysis || '', attrs: { disabled: !editable, rows: 5 } });
  autosave(analysis.input, 'patch|analysis', () => {
    a.analysis = analysis.input.value;
    return api.updateAssessment(a.id, { analysis: a.analysis });
  });
  const decision = decisionFields(view, a, editable);

  // Lifecycle and export.
  const lifecycleError = h('p', { id: 'lifecycle-error', class: 'error', role: 'alert' });
  const lifecycle = h('div', { class: 'lifecycle' });
  if (editable) {
    const complete = h('button', { type: 'button', id: 'complete-assessment', class: 'button', text: 'Complete and lock' });
    const check = h('section', { id: 'completion-check', class: 'completion-check', 'aria-labelledby': 'completion-check-title', hidden: true });
    const closeCheck = () => {
      check.hidden = true;
      complete.hidden = false;
      complete.focus();
    };
    complete.addEventListener('click', async () => {
      complete.disabled = true;
      lifecycleError.textContent = '';
      try {
        // The checks are the core's, read after every waiting save has landed.
        await flushSaves();
        const fresh = await api.getAssessment(a.id);
        drawCompletionCheck(check, fresh.text, a, {
          closeCheck,
          lifecycleError,
          done: () => renderInPlace(main, params, ctx),
          focusIdFor: decision.focusIdFor,
        });
        complete.hidden = true;
        check.hidden = false;
        check.querySelector('h3').focus();
      } catch (err) {
        lifecycleError.textContent = err.message;
      } finally {
        complete.disabled = false;
      }
    });
    append(lifecycle, h('p', { text: 'Completing locks the toolkit. You can still amend it later, giving a reason.' }), complete, check);
  } else {
    const reason = field({ id: 'amend-reason', label: 'Reason for amending', multiline: true, attrs: { rows: 2 } });
    const amend = h('button', { type: 'button', id: 'amend-assessment', class: 'button button-secondary', text: 'Amend' });
    amend.addEventListener('click', async () => {
      if (!reason.input.value.trim()) {
        lifecycleError.textContent = 'Give a reason for amending, then choose Amend.';
        reason.input.focus();
        return;
      }
      try {
        await api.amendAssessment(a.id, reason.input.value);
        rerender();
      } catch (err) {
        lifecycleError.textContent = err.message;
      }
    });
    const review = h('button', { type: 'button', id: 'start-review', class: 'button', text: 'Start a review with the family' });
    review.addEventListener('click', async () => {
      try {
        const next = await api.startReview(a.id);
        location.hash = `#/toolkit/${encodeURIComponent(next.assessment.id)}`;
      } catch (err) {
        lifecycleError.textContent = err.message;
      }
    });
    append(
      lifecycle,
      h('p', { id: 'lifecycle-status', class: 'lifecycle-status', role: 'status', tabindex: '-1', text: 'This toolkit is completed and locked.' }),
      review,
      reason.wrap,
      amend,
    );
  }
  const exportResult = h('p', { id: 'export-result', role: 'status' });
  // The sheet prints the household's chronology: all of it, or the entries since a date.
  const since = dateInput({
    id: 'chronology-since',
    legend: 'Print the chronology from (optional)',
    name: 'The date',
    hint: 'Leave empty to print every entry. For example, 1 9 2026',
  });
  const exportButton = h('button', { type: 'button', id: 'export-pdf', class: 'button button-secondary', text: 'Export the summary sheet (PDF)' });
  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    exportResult.textContent = 'Exporting…';
    try {
      let from = '';
      try {
        from = since.read();
      } catch (err) {
        exportResult.textContent = `Not exported: ${err.message}`;
        return;
      }
      const { path, warning } = await api.exportPdf(a.id, from || null);
      exportResult.textContent = warning ? `Summary sheet saved to ${path}. ${warning}` : `Summary sheet saved to ${path}`;
    } catch (err) {
      exportResult.textContent = err.code === 'cancelled' ? 'Export cancelled: nothing was saved.' : `Not exported: ${err.message}`;
    } finally {
      exportButton.disabled = false;
    }
  });

  const history = view.text.history.map((line) => h('li', { text: line }));

  const hh = view.household;
  const isReview = a.kind && a.kind.kind === 'review';
  append(
    main,
    h(
      'p',
      { class: 'breadcrumb' },
      h('a', { href: '#/households', text: 'Households' }),
      ' › ',
      h('a', { href: `#/household/${encodeURIComponent(hh.id)}`, text: hh.name }),
    ),
    h(
      'div',
      { class: 'title-row' },
      h('h1', { text: `${isReview ? 'Review summary' : 'Summary'}: ${hh.name}` }),
      h('a', { id: 'back-to-toolkit', class: 'button button-secondary', href: `#/toolkit/${encodeURIComponent(a.id)}`, text: 'Back to the toolkit' }),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'profile-title' },
      h('h2', { id: 'profile-title', text: 'Profile' }),
      h(
        'ul',
        { class: 'legend', 'aria-label': 'Levels' },
        lk.text.levels.map((l) => h('li', {}, levelChip(lk, l.code), h('span', { text: ` ${l.meaning}` }))),
      ),
      profileGrid(view, lk),
      itemDetails(view, lk),
    ),
    h('section', { class: 'panel', 'aria-labelledby': 'prompts-title' }, h('h2', { id: 'prompts-title', text: 'Prompts' }), promptList),
    sustained,
    view.comparison ? comparisonChart(view, lk) : null,
    trendPanel(view, lk),
    reviewQuestions(view, editable),
    targetsPanel(view),
    view.previous_unreadable ? h('p', { class: 'notice', id: 'previous-unreadable', text: view.previous_unreadable }) : null,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'decision-title' },
      h('h2', { id: 'decision-title', text: 'Analysis and decision' }),
      analysis.wrap,
      decision.elements,
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'lifecycle-title' },
      h('h2', { id: 'lifecycle-title', text: 'Complete, amend and export' }),
      lifecycle,
      lifecycleError,
      history.length ? h('ul', { class: 'history' }, history) : null,
      since.wrap,
      h('div', { class: 'button-row' }, exportButton),
      exportResult,
    ),
  );
  void ctx;
}
