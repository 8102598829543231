// The first section, "Visits and background": the visits, the background factors, the poverty
// context, the family's strengths, the carer's and each child's view (#child-overall-view-n),
// and the practitioner-only notes (left out of the family view).

import { append, field, h } from '../../dom.js';
import { autosave } from '../../session.js';
import { guidanceBox } from './guidance.js';
import { childText, patchAssessment } from './state.js';
import { renderVisits } from './visits.js';

/** Append the section to `content`. */
export function renderContext(content, state) {
  const visits = h('div', { class: 'visits' });
  renderVisits(visits, state);
  // No view is asked of an unborn baby (the core says which children give one).
  const childViews = state.children.map((c, n) => (childText(state, c).can_give_view ? childView(state, c, n) : null));
  const text = (id, prop, label, hint) => [assessmentText(state, { id, prop, label, hint }), guidanceBox(state, { field: prop }, prop.replace(/_/g, '-'))];
  append(
    content,
    h('h2', { text: 'Visits and background' }),
    h('section', { class: 'panel', 'aria-labelledby': 'visits-title' }, h('h3', { id: 'visits-title', text: 'Visits' }), visits),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'context-title' },
      h('h3', { id: 'context-title', text: 'Background' }),
      text('background', 'background', 'Background factors', 'For example housing, health, substance use, previous involvement.'),
      text('poverty-context', 'poverty_context', 'Poverty context', 'What the family can and cannot afford, kept apart from the care given.'),
      text('assessment-strengths', 'strengths', 'Strengths of the family'),
      text('carer-view', 'carer_view', "The parent's or carer's view, in their words"),
      childViews,
      (state.text.home?.events || []).length
        ? h(
            'div',
            { id: 'background-events' },
            h('h4', { text: 'Background events' }),
            h(
              'ul',
              {},
              state.text.home.events.map((e) => h('li', { text: e })),
            ),
          )
        : null,
    ),
    h(
      'section',
      { class: 'panel practitioner-only', 'aria-labelledby': 'notes-title' },
      h('h3', { id: 'notes-title', text: 'Practitioner-only notes' }),
      h('p', { class: 'hint', text: 'Hidden in the family view and left off the summary sheet.' }),
      text('practitioner-notes', 'practitioner_notes', 'Notes for practitioners only'),
    ),
  );
}

/** A text of the assessment itself (`prop`), saved as it is typed. */
function assessmentText(state, { id, prop, label, hint }) {
  const a = state.assessment;
  const f = field({ id, label, multiline: true, value: a[prop] || '', hint, attrs: { disabled: !state.editable, rows: 4 } });
  autosave(f.input, `patch|${prop}`, () => {
    a[prop] = f.input.value;
    return patchAssessment(state, prop, a[prop]);
  });
  return f.wrap;
}

/** Child `n`'s own view, in their words. */
function childView(state, c, n) {
  const a = state.assessment;
  a.child_views = a.child_views || [];
  const existing = a.child_views.find((x) => x.child_id === c.id);
  const f = field({
    id: `child-overall-view-${n}`,
    label: `${c.name}'s view, in their words`,
    multiline: true,
    value: existing ? existing.text : '',
    attrs: { disabled: !state.editable },
  });
  autosave(f.input, `child-view|${c.id}`, () => {
    let note = a.child_views.find((x) => x.child_id === c.id);
    if (!note) {
      note = { child_id: c.id, text: '' };
      a.child_views.push(note);
    }
    note.text = f.input.value;
    return patchAssessment(state, 'child_views', a.child_views);
  });
  return [f.wrap, guidanceBox(state, { field: 'child_view', childId: c.id }, `child-view-${n}`)];
}
