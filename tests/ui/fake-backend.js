// A stand-in for the desktop shell, for testing the interface in a browser. It implements the
// whole IPC contract (docs/ipc.md) in memory: window.__TAURI__.core.invoke and
// window.__TAURI__.event.listen. It is a classic script, injected before the interface loads.
//
// Options, read from window.__FAKE_OPTIONS__ when the script runs:
//   vaultExists (default true), unlocked (default false), demo (default true),
//   delays: { command_name: milliseconds } to make chosen commands slow.
// Tests inspect and steer it through window.__fake: calls, state, setDelay(name, ms),
// failNext(name, { code, message }), emit(event, payload).
(function () {
  'use strict';
  const opts = window.__FAKE_OPTIONS__ || {};
  const clone = (x) => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));
  let idSeq = 0;
  const newId = () => {
    idSeq += 1;
    return (idSeq.toString(16).padStart(8, '0') + 'f'.repeat(24)).slice(0, 32);
  };
  const now = () => new Date().toISOString();
  const DEMO_PASSPHRASE = 'demo-passphrase';

  const d = (level, text) => ({ level, text });
  const definition = {
    format: 1,
    id: 'test-toolkit',
    version: '2026.1',
    title: 'Test neglect toolkit',
    publisher: 'Interface tests',
    notice: 'Wording written for tests.',
    scale: {
      levels: [
        { code: 1, label: 'Good', meaning: 'Needs are met well.', colour: '#2e7d32' },
        { code: 2, label: 'Adequate', meaning: 'Needs are mostly met.', colour: '#9ccc65' },
        { code: 3, label: 'Poor', meaning: 'Needs are often not met.', colour: '#ffb300' },
        { code: 4, label: 'Very poor', meaning: 'Needs are seldom met.', colour: '#d32f2f' },
      ],
      not_assessed_label: 'Not assessed',
      concern_from: 3,
    },
    age_bands: [
      { id: 'under-5', label: 'under 5', from_months: 0, to_months: 60 },
      { id: '5-and-over', label: '5 and over', from_months: 60 },
    ],
    areas: [
      {
        number: 1, title: 'Physical care', purpose: 'Food, a safe home, clothing and hygiene.',
        items: [
          { number: '1.1', title: 'Food', scope: 'child',
            descriptors: [d(1, 'Meals are regular and varied.'), d(2, 'Meals are mostly regular.'), d(3, 'Meals are often missed.'), d(4, 'The child is often hungry.')],
            prompts: ['What did the children eat yesterday?'] },
          { number: '1.2', title: 'Home conditions', scope: 'household',
            descriptors: [d(1, 'The home is clean and safe.'), d(2, 'The home is mostly clean.'), d(3, 'The home is often unsafe.'), d(4, 'The home is dangerous.')] },
          { number: '1.3', title: 'Hygiene', scope: 'child',
            descriptors: [d(1, 'The child is kept clean.'), d(2, 'Mostly clean.'), d(3, 'Often unwashed.'), d(4, 'Rarely washed.')],
            age_descriptors: [
              { band: 'under-5', descriptors: [d(1, 'Nappies changed promptly; bathed often.'), d(2, 'Nappies mostly changed.'), d(3, 'Nappy rash from long waits.'), d(4, 'Left soiled for long periods.')] },
              { band: '5-and-over', descriptors: [d(1, 'Helped to wash and dress.'), d(2, 'Reminded to wash.'), d(3, 'Often comes to school unwashed.'), d(4, 'Teased at school for hygiene.')] },
            ] },
        ],
      },
      {
        number: 3, title: 'Safety and supervision', purpose: 'Supervision in and outside the home.',
        items: [
          { number: '3.1', title: 'Supervision', scope: 'child',
            descriptors: [d(1, 'Always supervised.'), d(2, 'Mostly supervised.'), d(3, 'Often unsupervised.'), d(4, 'Left alone.')] },
        ],
      },
      {
        number: 5, title: 'Family relationships', purpose: 'Relationships and conflict at home.',
        items: [
          { number: '5.2', title: 'Parental conflict', scope: 'household',
            descriptors: [d(1, 'Disagreements are settled calmly.'), d(2, 'Some arguments.'), d(3, 'Frequent conflict.'), d(4, 'Violence at home.')],
            alerts: [{ id: 'domestic-abuse', when_level_at_least: 3, title: 'Domestic abuse vigilance', text: 'Consider the DASH risk checklist.' }] },
        ],
      },
    ],
    guidance: [],
    decision_options: [
      { code: 'universal', label: 'Universal services', description: 'No further action beyond universal services.' },
      { code: 'early-help', label: 'Early Help', description: 'Offer an Early Help assessment.' },
      { code: 'mash', label: 'Refer to the MASH', description: 'Refer to the Multi-Agency Safeguarding Hub.' },
    ],
    contacts: [{ id: 'mash', name: 'Multi-Agency Safeguarding Hub', phone: '0115 496 0000', description: 'Concerns about a child.' }],
  };
  const HASH = 'a'.repeat(64);

  const state = {
    vaultExists: opts.vaultExists !== false,
    unlocked: Boolean(opts.unlocked),
    demo: opts.demo !== false,
    passphrase: DEMO_PASSPHRASE,
    recoveryKey: 'RKEY-2345-6789-ABCD-EFGH',
    settings: {
      practitioner: { name: 'Sam Taylor', role: 'Health visitor', agency: 'Community health', phone: '', email: '' },
      contacts: clone(definition.contacts),
      auto_lock_minutes: 5,
      active_definition: HASH,
    },
    definitions: [{ hash: HASH, definition }],
    households: [],
    assessments: [],
    sustained: {},
  };
  const calls = [];
  const delays = Object.assign({}, opts.delays || {});
  const failures = {};
  const listeners = {};

  function err(code, message) {
    return { code, message };
  }

  // Demo-like data: two children and an unborn baby, a completed toolkit and a review of it.
  function seed() {
    const t = now();
    const hh = {
      id: newId(), name: 'Rivers family', reference: 'EH-1042',
      address: { lines: ['12 Willow Road', 'Nottingham'], postcode: 'NG1 1AA' },
      language: 'English', interpreter_needed: false,
      carers: [{ id: newId(), name: 'Jo Rivers', relationship: 'Mother', parental_responsibility: true, phone: '07700 900000' }],
      children: [
        { id: newId(), name: 'Mia Rivers', birth: { kind: 'born', date: '2019-04-10' }, gender: 'Girl', setting: 'Oak Primary', additional_needs: '', language: 'English' },
        { id: newId(), name: 'Leo Rivers', birth: { kind: 'born', date: '2024-01-20' }, gender: 'Boy', setting: 'Little Acorns nursery', additional_needs: '', language: 'English' },
      ],
      created_at: t, updated_at: t,
    };
    state.households.push(hh);
    const [mia, leo] = hh.children;
    const rating = (item, subject, level, carer, impact) => ({
      item, subject, level, carer_level: carer, evidence: 'Seen at the visit.', impact: impact || '', strengths: '', child_view: '',
    });
    const initial = blankAssessment(hh, { kind: 'initial' });
    initial.status = 'completed';
    initial.visits = [{ id: newId(), date: '2026-09-01', present: ['Jo Rivers', 'Mia', 'Leo'], children_seen: [{ child_id: mia.id, seen: true, seen_alone: true }, { child_id: leo.id, seen: true, seen_alone: false }], notes: '' }];
    initial.ratings = [
      rating('1.1', { kind: 'child', child_id: mia.id }, 3, 1, 'Mia says she is hungry at school.'),
      rating('1.1', { kind: 'child', child_id: leo.id }, 3, 2, 'Leo has lost weight.'),
      rating('1.2', { kind: 'household' }, 4, 2, 'Leo has a rash from damp bedding.'),
      rating('5.2', { kind: 'household' }, 3, 3, ''),
    ];
    initial.decision = { option: 'early-help', lead_consulted: { name: 'Pat Green', date: '2026-09-03' }, next_steps: 'Early Help assessment.', review_date: '2026-10-15' };
    initial.history = [{ at: t, by: 'Sam Taylor', event: { kind: 'completed' } }];
    const review = blankAssessment(hh, { kind: 'review', previous: initial.id });
    review.ratings = [
      rating('1.1', { kind: 'child', child_id: mia.id }, 2, 2, ''),
      rating('1.1', { kind: 'child', child_id: leo.id }, 3, 2, 'Still underweight.'),
      rating('1.2', { kind: 'household' }, 4, 2, 'Mould in bedroom.'),
    ];
    state.assessments.push(initial, review);
    // The stand-in does not track runs of reviews; it states one lasting improvement for the demo.
    state.sustained[review.id] = [{ child_id: mia.id, item: '1.1', from: 3, to: 2, reviews: 2 }];
  }

  function blankAssessment(hh, kind) {
    const t = now();
    return {
      id: newId(), household_id: hh.id, kind,
      definition: { id: definition.id, version: definition.version, hash: HASH },
      status: 'draft', history: [], practitioner: clone(state.settings.practitioner), visits: [], ratings: [],
      background: '', poverty_context: '', strengths: '', carer_view: '', child_views: [], analysis: '',
      practitioner_notes: '', decision: { option: '', lead_consulted: null, next_steps: '', review_date: null },
      created_at: t, updated_at: t,
    };
  }

  const activeDef = () => (state.definitions.find((x) => x.hash === state.settings.active_definition) || state.definitions[0]).definition;
  const defFor = (a) => (state.definitions.find((x) => x.hash === a.definition.hash) || state.definitions[0]).definition;
  const findHousehold = (id) => {
    const hh = state.households.find((x) => x.id === id);
    if (!hh) throw err('not_found', 'That household could not be found. Go back to the list and open it again.');
    return hh;
  };
  const findAssessment = (id) => {
    const a = state.assessments.find((x) => x.id === id);
    if (!a) throw err('not_found', 'That toolkit could not be found. Go back to the household and open it again.');
    return a;
  };
  const editable = (a) => {
    if (a.status === 'completed') throw err('assessment_locked', 'This toolkit is completed and locked. Amend it first, giving a reason.');
  };

  function effective(a, item, child) {
    const subject = item.scope === 'household' ? 'household' : child.id;
    return a.ratings.find((r) => r.item === item.number && (r.subject.kind === 'household' ? 'household' : r.subject.child_id) === subject) || null;
  }

  function summarise(a, def, hh) {
    const prompts = [];
    const children = hh.children.map((child) => {
      let concern = 0;
      let assessedAll = 0;
      let impactAtConcern = false;
      const areas = def.areas.map((area) => {
        const items = area.items.map((item) => {
          const r = effective(a, item, child);
          return { item: item.number, level: r ? r.level : null, carer_level: r ? r.carer_level : null, from_household: item.scope === 'household', has_impact: Boolean(r && r.impact.trim()) };
        });
        const counts = {};
        let worst = null;
        let assessed = 0;
        for (const it of items) {
          if (it.level === null) continue;
          assessed += 1;
          counts[it.level] = (counts[it.level] || 0) + 1;
          worst = worst === null ? it.level : Math.max(worst, it.level);
          if (it.level >= def.scale.concern_from) {
            concern += 1;
            if (it.has_impact) impactAtConcern = true;
          }
        }
        assessedAll += assessed;
        return { area: area.number, items, counts, worst, assessed, total: items.length };
      });
      if (assessedAll > 0 && concern * 2 > assessedAll && impactAtConcern) {
        prompts.push({ kind: 'concern', child_id: child.id, concern_items: concern, assessed: assessedAll });
      }
      return { child_id: child.id, areas };
    });
    for (const r of a.ratings) {
      if (r.level === null) continue;
      const item = def.areas.flatMap((x) => x.items).find((i) => i.number === r.item);
      if (r.level >= def.scale.concern_from && !r.impact.trim()) prompts.push({ kind: 'missing_impact', subject: r.subject, item: r.item, level: r.level });
      if (r.carer_level !== null && Math.abs(r.level - r.carer_level) >= 2) prompts.push({ kind: 'carer_gap', subject: r.subject, item: r.item, level: r.level, carer_level: r.carer_level });
      for (const al of (item && item.alerts) || []) {
        if (r.level >= al.when_level_at_least) prompts.push({ kind: 'alert', subject: r.subject, item: r.item, alert_id: al.id, title: al.title, text: al.text });
      }
    }
    return { children, prompts };
  }

  function change(p, c) {
    if (p === null && c === null) return 'not_assessed';
    if (p === null) return 'newly_assessed';
    if (c === null) return 'no_longer_assessed';
    return c < p ? 'improved' : c > p ? 'worse' : 'unchanged';
  }

  function compare(prev, cur, def, hh) {
    return {
      children: hh.children.map((child) => ({
        child_id: child.id,
        areas: def.areas.map((area) => {
          const items = area.items.map((item) => {
            const p = effective(prev, item, child);
            const c = effective(cur, item, child);
            const pl = p ? p.level : null;
            const cl = c ? c.level : null;
            return { item: item.number, previous: pl, current: cl, change: change(pl, cl) };
          });
          const worst = (k) => items.reduce((m, x) => (x[k] === null ? m : m === null ? x[k] : Math.max(m, x[k])), null);
          const pw = worst('previous');
          const cw = worst('current');
          return { area: area.number, previous_worst: pw, current_worst: cw, change: change(pw, cw), items };
        }),
      })),
    };
  }

  function assessmentView(a) {
    const hh = findHousehold(a.household_id);
    const def = defFor(a);
    const prev = a.kind.kind === 'review' ? state.assessments.find((x) => x.id === a.kind.previous) || null : null;
    return {
      assessment: a, household: hh, definition: def, definition_hash: a.definition.hash,
      summary: summarise(a, def, hh), previous: prev,
      comparison: prev ? compare(prev, a, def, hh) : null, sustained: state.sustained[a.id] || [],
    };
  }

  function householdSummary(hh) {
    const mine = state.assessments.filter((a) => a.household_id === hh.id);
    const latest = mine[mine.length - 1];
    const due = mine.map((a) => a.decision.review_date).filter(Boolean).sort().pop() || null;
    return {
      id: hh.id, name: hh.name, postcode: hh.address.postcode, children: hh.children.map((c) => c.name),
      latest_assessment: latest ? [latest.id, latest.status] : null, review_due: due, updated_at: hh.updated_at,
    };
  }

  const stamp = () => ({ saved_at: now() });

  const commands = {
    app_status: () => ({ vault_exists: state.vaultExists, unlocked: state.unlocked, demo: state.demo, demo_passphrase: state.demo ? DEMO_PASSPHRASE : null, version: '0.1.0' }),
    create_vault: ({ passphrase }) => {
      if (state.vaultExists) throw err('invalid', 'A vault already exists on this computer.');
      if (!passphrase || passphrase.length < 12) throw err('weak_passphrase', 'That passphrase is too short. Use at least 12 characters.');
      state.vaultExists = true;
      state.unlocked = true;
      state.passphrase = passphrase;
      state.demo = false;
      state.settings.practitioner = { name: '', role: '', agency: '', phone: '', email: '' };
      return { recovery_key: state.recoveryKey };
    },
    unlock: ({ passphrase }) => {
      if (!state.vaultExists) throw err('no_vault', 'There is no vault yet. Set up the app first.');
      if (passphrase !== state.passphrase) throw err('wrong_passphrase', 'The passphrase is wrong.');
      state.unlocked = true;
      return {};
    },
    recover: ({ recovery_key, new_passphrase }) => {
      if (recovery_key !== state.recoveryKey) throw err('wrong_recovery_key', 'The recovery key is wrong.');
      state.passphrase = new_passphrase;
      state.unlocked = true;
      return {};
    },
    lock: () => { state.unlocked = false; return {}; },
    activity: () => ({}),
    change_passphrase: ({ old, new: next }) => {
      if (old !== state.passphrase) throw err('wrong_passphrase', 'The current passphrase is wrong.');
      state.passphrase = next;
      return {};
    },
    get_settings: () => state.settings,
    save_settings: (s) => { state.settings = clone(s); return stamp(); },
    list_definitions: () => state.definitions.map((x) => ({ hash: x.hash, id: x.definition.id, version: x.definition.version, title: x.definition.title, active: x.hash === state.settings.active_definition })),
    import_definition: ({ json }) => {
      let parsed;
      try { parsed = JSON.parse(json); } catch (e) { throw err('definition_invalid', `The file is not valid JSON: ${e.message}`); }
      const faults = [];
      for (const k of ['id', 'version', 'title', 'scale', 'areas']) if (!(k in parsed)) faults.push(`$.${k}: missing`);
      if (Array.isArray(parsed.areas) && !parsed.areas.length) faults.push('$.areas: there must be at least one area');
      if (faults.length) throw err('definition_invalid', faults.join('\n'));
      const hash = (state.definitions.length + 1).toString(16).padStart(64, 'b');
      state.definitions.push({ hash, definition: parsed });
      return { hash, id: parsed.id, version: parsed.version, title: parsed.title };
    },
    set_active_definition: ({ hash }) => {
      if (!state.definitions.some((x) => x.hash === hash)) throw err('not_found', 'That toolkit wording is not loaded.');
      state.settings.active_definition = hash;
      return {};
    },
    list_households: ({ query }) => {
      const q = (query || '').toLowerCase();
      return state.households
        .filter((hh) => !q || [hh.name, hh.address.postcode, ...hh.children.map((c) => c.name)].some((s) => s.toLowerCase().includes(q)))
        .map(householdSummary);
    },
    reviews_due: () => state.households.map(householdSummary).filter((s) => s.review_due),
    get_household: ({ id }) => findHousehold(id),
    save_household: (hh) => {
      if (!hh.name || !hh.name.trim()) throw err('invalid', 'The household needs a name.');
      const t = now();
      for (const c of hh.carers) if (!c.id) c.id = newId();
      for (const c of hh.children) if (!c.id) c.id = newId();
      if (!hh.id) {
        hh.id = newId();
        hh.created_at = t;
        hh.updated_at = t;
        state.households.push(hh);
      } else {
        const i = state.households.findIndex((x) => x.id === hh.id);
        if (i < 0) throw err('not_found', 'That household could not be found.');
        hh.created_at = state.households[i].created_at;
        hh.updated_at = t;
        state.households[i] = hh;
      }
      return hh;
    },
    list_assessments: ({ household_id }) => state.assessments
      .filter((a) => a.household_id === household_id)
      .map((a) => ({ id: a.id, kind: a.kind.kind, status: a.status, started_on: (a.visits[0] && a.visits[0].date) || a.created_at.slice(0, 10), updated_at: a.updated_at, previous: a.kind.previous || null })),
    new_assessment: ({ household_id }) => {
      const a = blankAssessment(findHousehold(household_id), { kind: 'initial' });
      a.definition.hash = state.settings.active_definition;
      state.assessments.push(a);
      return assessmentView(a);
    },
    start_review: ({ previous_id }) => {
      const prev = findAssessment(previous_id);
      if (prev.status !== 'completed') throw err('invalid', 'Only a completed toolkit can be reviewed. Complete it first.');
      const a = blankAssessment(findHousehold(prev.household_id), { kind: 'review', previous: prev.id });
      a.definition = clone(prev.definition);
      state.assessments.push(a);
      return assessmentView(a);
    },
    get_assessment: ({ id }) => assessmentView(findAssessment(id)),
    save_rating: ({ assessment_id, rating }) => {
      const a = findAssessment(assessment_id);
      editable(a);
      const key = (r) => `${r.item}|${r.subject.kind === 'household' ? 'household' : r.subject.child_id}`;
      a.ratings = a.ratings.filter((r) => key(r) !== key(rating));
      a.ratings.push(rating);
      a.updated_at = now();
      return stamp();
    },
    update_assessment: ({ assessment_id, patch }) => {
      const a = findAssessment(assessment_id);
      editable(a);
      const allowed = ['visits', 'background', 'poverty_context', 'strengths', 'carer_view', 'child_views', 'analysis', 'practitioner_notes', 'decision'];
      for (const [k, v] of Object.entries(patch || {})) {
        if (!allowed.includes(k)) throw err('invalid', `"${k}" cannot be changed this way.`);
        a[k] = v;
      }
      a.updated_at = now();
      return stamp();
    },
    complete_assessment: ({ id }) => {
      const a = findAssessment(id);
      editable(a);
      a.status = 'completed';
      a.history.push({ at: now(), by: a.practitioner.name, event: { kind: 'completed' } });
      return assessmentView(a);
    },
    amend_assessment: ({ id, reason }) => {
      const a = findAssessment(id);
      if (a.status !== 'completed') throw err('invalid', 'Only a completed toolkit can be amended.');
      if (!reason || !reason.trim()) throw err('invalid', 'Give a reason for amending.');
      a.status = 'amending';
      a.history.push({ at: now(), by: a.practitioner.name, event: { kind: 'amendment_started', reason } });
      return assessmentView(a);
    },
    export_pdf: ({ assessment_id }) => {
      findAssessment(assessment_id);
      return { path: '/home/practitioner/Documents/summary-sheet.pdf' };
    },
  };
  const OPEN = new Set(['app_status', 'create_vault', 'unlock', 'recover', 'lock']);

  async function invoke(name, args) {
    const input = args && 'input' in args ? clone(args.input) : undefined;
    calls.push({ name, input: clone(input), at: Date.now() });
    const ms = delays[name] || 0;
    if (ms) await new Promise((r) => setTimeout(r, ms));
    else await Promise.resolve();
    if (failures[name]) {
      const f = failures[name];
      delete failures[name];
      throw f;
    }
    const fn = commands[name];
    if (!fn) throw err('internal', `Unknown command ${name}.`);
    if (!OPEN.has(name) && !state.unlocked) throw err('locked', 'The app is locked. Unlock it to go on.');
    return clone(fn(input || {}));
  }

  async function listen(event, cb) {
    (listeners[event] = listeners[event] || []).push(cb);
    return () => { listeners[event] = listeners[event].filter((x) => x !== cb); };
  }

  if (opts.seed !== false) seed();

  window.__TAURI__ = { core: { invoke }, event: { listen } };
  window.__fake = {
    calls,
    state,
    definition,
    setDelay: (name, ms) => { delays[name] = ms; },
    failNext: (name, e) => { failures[name] = e; },
    emit: (event, payload) => {
      if (event === 'vault-locked') state.unlocked = false;
      for (const cb of listeners[event] || []) cb({ event, payload });
    },
  };
}());
