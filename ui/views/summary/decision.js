// The decision part of the summary's "Analysis and decision" section: the definition's options as
// checkboxes (several may apply), with conditional reveals after the GOV.UK checkboxes pattern:
// the front door (chosen from the contacts) for a request for support or urgent contact with the
// MASH, and whether the parents know and agree for any referral. Then the DASH risk checklist,
// shown only where the core offers it (`view.dash_offered`), the safeguarding lead with their
// advice, the next steps and the review date.
//
// Stable ids: #decision-options (fieldset) with one checkbox #decision-option-<code> per option;
// #front-door-section with the select #front-door; #parents-section with radios
// #parents-know-yes/no and #parents-agree-yes/no and #parents-why-not; #dash-section with
// radios #dash-done-yes/no, #dash-done-section (#dash-date date input, radios
// #dash-outcome-<code>, checkbox #dash-marac), #dash-not-done-section (#dash-why-not);
// #lead-name, #lead-date, #lead-advice, #next-steps, #review-date.

import * as api from '../../api.js';
import { dateInput, exampleHint } from '../../components/date-input.js';
import { h, field, today } from '../../dom.js';
import { save, autosave, debounced, flushKey } from '../../session.js';

const FRONT_DOOR_KINDS = ['request_for_support', 'urgent_mash'];
const REFERRAL_KINDS = ['community_referral', 'request_for_support', 'urgent_mash'];

/** A decision as stored, with every field present. */
function normalised(d) {
  const x = d || {};
  const parents = x.parents || {};
  const dash = x.dash || {};
  return {
    options: Array.isArray(x.options) ? [...x.options] : [],
    lead_consulted: x.lead_consulted || null,
    next_steps: x.next_steps || '',
    review_date: x.review_date || null,
    front_door: x.front_door || null,
    parents: { know: parents.know ?? null, agree: parents.agree ?? null, why_not: parents.why_not || '' },
    dash: {
      done: dash.done ?? null,
      why_not: dash.why_not || '',
      date: dash.date || null,
      outcome: dash.outcome || null,
      marac_referral: Boolean(dash.marac_referral),
    },
  };
}

/** A yes/no question as two radios (never pre-selected when unanswered). */
function yesNo({ id, legend, value, disabled, onChange }) {
  const radio = (answer, text) => {
    const rid = `${id}-${answer ? 'yes' : 'no'}`;
    const input = h('input', { type: 'radio', id: rid, name: id, value: answer ? 'yes' : 'no', checked: value === answer, disabled });
    input.addEventListener('change', onChange);
    return { input, wrap: h('div', { class: 'check' }, input, h('label', { for: rid, text })) };
  };
  const yes = radio(true, 'Yes');
  const no = radio(false, 'No');
  const wrap = h('fieldset', { id, class: 'inline-choice' }, h('legend', { text: legend }), yes.wrap, no.wrap);
  const read = () => (yes.input.checked ? true : no.input.checked ? false : null);
  return { wrap, read, first: yes.input };
}

/** A block revealed under a choice; hidden blocks stay in the page so their answers are kept. */
function reveal(id, ...children) {
  return h('div', { id, class: 'conditional-reveal' }, ...children);
}

/**
 * The decision fields. Returns `{ elements, focusIdFor(kind) }`: the nodes to place in the
 * section, and the id of the field that puts right a check of each kind.
 */
export function decisionFields(view, a, editable) {
  const def = view.definition;
  const d = normalised(a.decision);
  a.decision = d;
  const disabled = !editable;
  const key = 'patch|decision';
  let decisionNow = () => Promise.resolve();
  const saveNow = () => save(decisionNow).catch(() => {});
  const saveSoon = () => debounced(key, decisionNow);
  const dateSaves = { onChange: saveSoon, onLeave: () => flushKey(key) };

  // The options, several of which may apply.
  const boxes = def.decision_options.map((o) => {
    const id = `decision-option-${o.code}`;
    const hintId = `${id}-hint`;
    const input = h('input', {
      type: 'checkbox',
      id,
      value: o.code,
      checked: d.options.includes(o.code),
      disabled,
      'aria-describedby': o.description ? hintId : null,
    });
    input.addEventListener('change', () => {
      showReveals();
      saveNow();
    });
    const wrap = h(
      'div',
      { class: 'decision-choice' },
      h('div', { class: 'check' }, input, h('label', { for: id, text: o.label })),
      o.description ? h('p', { class: 'hint', id: hintId, text: o.description }) : null,
    );
    return { option: o, input, wrap };
  });
  const chosenKinds = () => boxes.filter((b) => b.input.checked && b.option.kind).map((b) => b.option.kind);

  // The front door, from the contacts (the practitioner's, else the definition's).
  const contacts = view.contacts || [];
  const frontDoor = h(
    'select',
    { id: 'front-door', disabled },
    h('option', { value: '', text: 'Choose the front door' }),
    contacts.map((c) => h('option', { value: c.id, text: c.phone ? `${c.name} (${c.phone})` : c.name })),
  );
  const stored = d.front_door;
  if (stored && !contacts.some((c) => c.id === stored.contact_id)) {
    // A front door chosen when the contacts were different still reads as it was.
    frontDoor.append(h('option', { value: stored.contact_id, text: stored.name }));
  }
  frontDoor.value = stored ? stored.contact_id : '';
  frontDoor.addEventListener('change', saveNow);
  const frontDoorSection = reveal(
    'front-door-section',
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'front-door', text: 'Front door used for the request' }),
      h('p', { class: 'hint', text: 'The service that covers the child’s address.' }),
      frontDoor,
    ),
  );

  // Whether the parents know and agree.
  const know = yesNo({
    id: 'parents-know',
    legend: 'Do the parents know about the referral?',
    value: d.parents.know,
    disabled,
    onChange: () => {
      showReveals();
      saveNow();
    },
  });
  const agree = yesNo({
    id: 'parents-agree',
    legend: 'Do they agree to it?',
    value: d.parents.agree,
    disabled,
    onChange: () => {
      showReveals();
      saveNow();
    },
  });
  const parentsWhy = field({ id: 'parents-why-not', label: 'If not, why not', multiline: true, value: d.parents.why_not, attrs: { disabled, rows: 2 } });
  autosave(parentsWhy.input, key, () => decisionNow());
  const parentsSection = reveal('parents-section', know.wrap, agree.wrap, parentsWhy.wrap);

  // The DASH risk checklist, where the core offers it.
  const dashDone = yesNo({
    id: 'dash-done',
    legend: 'Was the DASH risk checklist completed?',
    value: d.dash.done,
    disabled,
    onChange: () => {
      showReveals();
      saveNow();
    },
  });
  const dashDate = dateInput({ id: 'dash-date', legend: 'Date completed', hint: exampleHint(today()), value: d.dash.date || '', disabled, ...dateSaves });
  const outcomes = (view.text.dash_outcomes || []).map((o) => {
    const id = `dash-outcome-${o.code}`;
    const input = h('input', { type: 'radio', id, name: 'dash-outcome', value: o.code, checked: d.dash.outcome === o.code, disabled });
    input.addEventListener('change', saveNow);
    return { code: o.code, input, wrap: h('div', { class: 'check' }, input, h('label', { for: id, text: o.label })) };
  });
  const outcomeSet = h(
    'fieldset',
    { id: 'dash-outcome', class: 'inline-choice' },
    h('legend', { text: 'Outcome' }),
    outcomes.map((o) => o.wrap),
  );
  const marac = h('input', { type: 'checkbox', id: 'dash-marac', checked: d.dash.marac_referral, disabled });
  marac.addEventListener('change', saveNow);
  const dashWhy = field({
    id: 'dash-why-not',
    label: 'Why it was not completed',
    multiline: true,
    value: d.dash.why_not,
    hint: 'For example, it was not safe to ask.',
    attrs: { disabled, rows: 2 },
  });
  autosave(dashWhy.input, key, () => decisionNow());
  const dashDoneSection = reveal(
    'dash-done-section',
    dashDate.wrap,
    outcomeSet,
    h('div', { class: 'check' }, marac, h('label', { for: 'dash-marac', text: 'A referral to the MARAC was made' })),
  );
  const dashNotDoneSection = reveal('dash-not-done-section', dashWhy.wrap);
  const dashSection = h(
    'fieldset',
    { id: 'dash-section', class: 'dash' },
    h('legend', { text: 'DASH risk checklist' }),
    h('p', { class: 'hint', text: 'Offered because parental conflict was discussed or a domestic-abuse prompt was raised. Complete it only when it is safe.' }),
    dashDone.wrap,
    dashDoneSection,
    dashNotDoneSection,
  );
  dashSection.hidden = !view.dash_offered;

  // The safeguarding lead, with their advice.
  const leadName = field({ id: 'lead-name', label: 'Safeguarding lead consulted', value: d.lead_consulted ? d.lead_consulted.name : '', attrs: { disabled } });
  const leadDate = dateInput({
    id: 'lead-date',
    legend: 'Date consulted',
    hint: exampleHint(today()),
    value: d.lead_consulted ? d.lead_consulted.date : '',
    disabled,
    ...dateSaves,
  });
  const leadAdvice = field({
    id: 'lead-advice',
    label: 'The lead’s advice',
    multiline: true,
    value: d.lead_consulted ? d.lead_consulted.advice || '' : '',
    attrs: { disabled, rows: 3 },
  });
  const nextSteps = field({ id: 'next-steps', label: 'Next steps agreed', multiline: true, value: d.next_steps, attrs: { disabled, rows: 4 } });
  const reviewDate = dateInput({
    id: 'review-date',
    legend: 'Review the toolkit with the family on',
    name: 'Review date',
    hint: exampleHint(today()),
    value: d.review_date || '',
    disabled,
    ...dateSaves,
  });

  function showReveals() {
    const kinds = chosenKinds();
    frontDoorSection.hidden = !kinds.some((k) => FRONT_DOOR_KINDS.includes(k));
    parentsSection.hidden = !kinds.some((k) => REFERRAL_KINDS.includes(k));
    const done = dashDone.read();
    dashDoneSection.hidden = done !== true;
    dashNotDoneSection.hidden = done !== false;
    for (const b of boxes) b.input.setAttribute('aria-expanded', String(b.input.checked));
  }
  showReveals();

  // A date typed only in part stops the decision from saving (read() throws, and the save
  // indicator and the date's own message say what is missing).
  decisionNow = () => {
    const review = reviewDate.read();
    const consulted = leadDate.read();
    const dashOn = dashDate.read();
    const door = contacts.find((c) => c.id === frontDoor.value);
    const outcome = outcomes.find((o) => o.input.checked);
    d.options = boxes.filter((b) => b.input.checked).map((b) => b.option.code);
    d.next_steps = nextSteps.input.value;
    d.review_date = review || null;
    d.lead_consulted = leadName.input.value.trim() && consulted ? { name: leadName.input.value, date: consulted, advice: leadAdvice.input.value } : null;
    if (door) d.front_door = { contact_id: door.id, name: door.name, phone: door.phone || '' };
    else if (!frontDoor.value) d.front_door = null;
    d.parents = { know: know.read(), agree: agree.read(), why_not: parentsWhy.input.value };
    d.dash = {
      done: dashDone.read(),
      why_not: dashWhy.input.value,
      date: dashOn || null,
      outcome: outcome ? outcome.code : null,
      marac_referral: marac.checked,
    };
    return api.updateAssessment(a.id, { decision: d });
  };
  for (const input of [leadName.input, leadAdvice.input, nextSteps.input]) autosave(input, key, () => decisionNow());

  const optionsSet = h(
    'fieldset',
    { id: 'decision-options', class: 'decision-options' },
    h('legend', { text: 'Decision' }),
    h('p', { class: 'hint', text: 'Select all that apply.' }),
    boxes.map((b) => b.wrap),
    frontDoorSection,
    parentsSection,
  );

  const focusIdFor = (kind) => {
    if (kind === 'lead_not_consulted') return 'lead-name';
    if (kind === 'parents_not_recorded') return 'parents-know-yes';
    if (kind === 'dash_not_recorded') return 'dash-done-yes';
    return boxes.length ? boxes[0].input.id : 'decision-options';
  };
  return { elements: [optionsSet, dashSection, leadName.wrap, leadDate.wrap, leadAdvice.wrap, nextSteps.wrap, reviewDate.wrap], focusIdFor };
}
