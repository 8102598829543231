// A stand-in for the desktop shell, for testing the interface in a browser. It implements the
// IPC contract (docs/ipc.md) in memory: window.__TAURI__.core.invoke and
// window.__TAURI__.event.listen. It is a classic script, injected before the interface loads.
//
// It computes no summary, comparison or word of its own. The assessment views it serves were made
// by the core (tests/ui/fixtures/demo-views.json, written by tests/integration/words/ui_fixtures.rs
// from the demo household; helpers.mjs puts the file in window.__FAKE_FIXTURE__). It keeps the
// households and the assessments' records in memory, so saved ratings and text come back, and
// serves each assessment with the core's view of the same lifecycle step (its id, status and
// number of history events): prompts and comparisons stay as the core made them for that step.
// Completing, amending, starting a review or a new toolkit moves to the next step the core made;
// discarding a draft removes it and keeps the id and reason given in state.discarded;
// a step the fixture lacks is refused with an `internal` error naming it. Like the core, it
// refuses a household whose born child has a date of birth after today (code `invalid`).
//
// The Family view is a mode here as in the shell: `enter_family_view` serves what the core made
// for that assessment (fixture.family_views), and while the mode is on every command but the
// Family view's own is refused with `family_view`. Locking keeps the mode; `leave_family_view`
// needs the passphrase.
//
// Options, read from window.__FAKE_OPTIONS__ when the script runs:
//   vaultExists (default true), unlocked (default false), demo (default true),
//   delays: { command_name: milliseconds } to make chosen commands slow.
// Tests inspect and steer it through window.__fake: calls, state, definition, fixture,
// setDelay(name, ms), failNext(name, { code, message }), emit(event, payload),
// overrideText(fields): serve these fields of `view.text` (words the core made for another step,
// handed in by a test) in every assessment view from now on.
// overrideView(fields): the same for top-level fields of the view (such as `dash_offered`).
(() => {
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

  const fixture = window.__FAKE_FIXTURE__;
  if (!fixture || !Array.isArray(fixture.views)) throw new Error('fake-backend.js needs window.__FAKE_FIXTURE__ (tests/ui/fixtures/demo-views.json)');
  const definition = fixture.definition;
  // Each view as it crossed the IPC: the definition, stored once in the file, goes back in.
  const views = fixture.views.map((v) => ({ step: v.step, view: { ...v.view, definition } }));
  const firstView = views[0].view;
  const HASH = firstView.definition_hash;

  const state = {
    vaultExists: opts.vaultExists !== false,
    unlocked: Boolean(opts.unlocked),
    demo: opts.demo !== false,
    passphrase: DEMO_PASSPHRASE,
    recoveryKey: 'RKEY-2345-6789-ABCD-EFGH',
    settings: {
      practitioner: clone(firstView.assessment.practitioner),
      contacts: [{ id: 'mash', name: 'Multi-Agency Safeguarding Hub', phone: '0115 496 0000', description: 'Concerns about a child.' }],
      auto_lock_minutes: fixture.limits.auto_lock_default_minutes,
      active_definition: HASH,
    },
    definitions: [{ hash: HASH, definition }],
    households: [],
    assessments: [],
    discarded: [],
    familyView: null,
    // The Settings section about backups and the erased households, as the core made them.
    backups: clone(fixture.backups),
    erasures: clone(fixture.erasures),
    // What the core's integrity checks report (fixture.integrity.ok or .damaged, both made by the core).
    integrity: opts.integrity === 'damaged' ? fixture.integrity.damaged : fixture.integrity.ok,
  };
  const calls = [];
  const delays = Object.assign({}, opts.delays || {});
  const failures = {};
  let textOverride = {};
  let viewOverride = {};
  const listeners = {};

  function err(code, message) {
    return { code, message };
  }

  // The demo household with its completed initial toolkit and its review in progress.
  function seed() {
    state.households.push(clone(firstView.household));
    for (const step of ['initial', 'review']) state.assessments.push(clone(views.find((v) => v.step === step).view.assessment));
    state.received = clone(fixture.received || []);
  }

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

  const known = (id) => state.assessments.some((x) => x.id === id);
  const noStep = (what) => err('internal', `The stand-in has no view made by the core for ${what}; add the step to tests/integration/words/ui_fixtures.rs.`);

  /** The core's view of an assessment at the lifecycle step its record is at. */
  function stepOf(a) {
    const f = views.find(
      (v) => v.view.assessment.id === a.id && v.view.assessment.status === a.status && v.view.assessment.history.length === a.history.length,
    );
    if (!f) throw noStep(`toolkit ${a.id} (${a.status}, ${a.history.length} history events)`);
    return f.view;
  }

  /** The next lifecycle step the core made for `a`: `status`, with one more history event. */
  function nextStep(a, status) {
    const f = views.find(
      (v) => v.view.assessment.id === a.id && v.view.assessment.status === status && v.view.assessment.history.length === a.history.length + 1,
    );
    if (!f) throw noStep(`toolkit ${a.id} becoming ${status}`);
    return f.view.assessment;
  }

  /** A view for `a`: the core's prompts, comparison and texts for its step, with the record as stored here. */
  function assessmentView(a) {
    const view = clone(stepOf(a));
    const prev = a.kind.kind === 'review' ? state.assessments.find((x) => x.id === a.kind.previous) : null;
    return {
      ...view,
      ...clone(viewOverride),
      text: { ...view.text, ...clone(textOverride) },
      assessment: a,
      household: findHousehold(a.household_id),
      previous: prev || view.previous,
    };
  }

  function householdSummary(hh) {
    const mine = state.assessments.filter((a) => a.household_id === hh.id);
    const latest = mine[mine.length - 1];
    const due =
      mine
        .map((a) => a.decision.review_date)
        .filter(Boolean)
        .sort()
        .pop() || null;
    return {
      id: hh.id,
      name: hh.name,
      postcode: hh.address.postcode,
      children: hh.children.map((c) => c.name),
      latest_assessment: latest ? [latest.id, latest.status] : null,
      latest_status_text: latest ? fixture.status_words[latest.status] : null,
      review_due: due,
      updated_at: hh.updated_at,
    };
  }

  const stamp = () => ({ saved_at: now() });

  const commands = {
    app_status: () => ({
      vault_exists: state.vaultExists,
      unlocked: state.unlocked,
      demo: state.demo,
      demo_passphrase: state.demo ? DEMO_PASSPHRASE : null,
      version: '0.1.0',
      family_view: state.familyView !== null,
    }),
    get_help: () => fixture.help,
    create_vault: ({ passphrase }) => {
      if (state.vaultExists) throw err('invalid', 'A vault already exists on this computer.');
      if (!passphrase || passphrase.length < fixture.limits.passphrase_min_chars) throw err('weak_passphrase', fixture.limits.passphrase_too_short);
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
    lock: () => {
      state.unlocked = false;
      return {};
    },
    activity: () => ({}),
    change_passphrase: ({ old, new: next }) => {
      if (old !== state.passphrase) throw err('wrong_passphrase', 'The current passphrase is wrong.');
      state.passphrase = next;
      return { recovery_key: null };
    },
    new_recovery_key: ({ passphrase }) => {
      if (passphrase !== state.passphrase) throw err('wrong_passphrase', 'The passphrase is wrong.');
      return { recovery_key: 'NEWK-2345-6789-ABCD-EFGH' };
    },
    get_limits: () => fixture.limits,
    get_integrity: () => state.integrity,
    check_integrity: () => state.integrity,
    get_settings: () => state.settings,
    save_settings: (s) => {
      const { auto_lock_min_minutes: min, auto_lock_max_minutes: max, auto_lock_out_of_range: message } = fixture.limits;
      if (!(s.auto_lock_minutes >= min && s.auto_lock_minutes <= max)) throw err('invalid', message);
      // As the core: a backups folder must exist and be writable (here: anything under /nowhere is not).
      if (s.backup_dir?.startsWith('/nowhere')) throw err('invalid', 'Backups cannot be written to that folder.');
      if (s.backup_dir !== undefined) {
        state.backups.folder = s.backup_dir || fixture.backups.folder;
        state.backups.default_folder = !s.backup_dir;
      }
      state.settings = clone(s);
      return stamp();
    },
    get_backups: () => state.backups,
    // A restore: a wrong passphrase or a file named *damaged* is refused and nothing changes.
    restore_backup: ({ passphrase, path }) => {
      const file = path || state.restoreFile || `${state.backups.folder}/picked.ntk`;
      if (passphrase !== state.passphrase) throw err('wrong_passphrase', 'That passphrase is not right.');
      if (file.includes('damaged')) throw err('backup_refused', 'That backup did not pass its check, so nothing was restored.');
      state.restored = file;
      return { kept_at: `${state.backups.folder.replace(/\/backups$/, '')}/backups/before-restore-20260302T110000.000Z.ntk`, kept_text: fixture.restore_kept };
    },
    get_erasures: () => state.erasures,
    erase_household: ({ household_id, confirm_name, reason, note }) => {
      const hh = findHousehold(household_id);
      if (confirm_name.trim() !== hh.name.trim()) throw err('invalid', 'Type the name exactly to confirm. Nothing was erased.');
      if (!state.erasures.reasons.some((r) => r.code === reason)) throw err('invalid', 'Choose a reason. Nothing was erased.');
      const gone = state.assessments.filter((a) => a.household_id === household_id);
      state.assessments = state.assessments.filter((a) => a.household_id !== household_id);
      state.households = state.households.filter((x) => x.id !== household_id);
      state.erasures.erased.push({
        id: `tomb${state.erasures.erased.length}`,
        erased_on: '2026-03-02',
        reason,
        reason_text: state.erasures.reasons.find((r) => r.code === reason).text,
        note: note || undefined,
        assessments: gone.length,
        ratings: gone.reduce((n, a) => n + (a.ratings || []).length, 0),
        chronology: false,
        received: false,
      });
      return stamp();
    },
    list_definitions: () =>
      state.definitions.map((x) => ({
        hash: x.hash,
        id: x.definition.id,
        version: x.definition.version,
        title: x.definition.title,
        active: x.hash === state.settings.active_definition,
      })),
    import_definition: ({ json }) => {
      let parsed;
      try {
        parsed = JSON.parse(json);
      } catch (e) {
        throw err('definition_invalid', `The file is not valid JSON: ${e.message}`);
      }
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
      if (!hh.name?.trim()) throw err('invalid', 'The household needs a name.');
      // The core's date rule, as far as the date tests need it: a born child's date of birth
      // cannot be after today (the page's own calendar day).
      const d = new Date();
      const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      for (const c of hh.children) {
        if (c.birth.kind === 'born' && c.birth.date > today) {
          throw err('invalid', `Date of birth must be in the past: ${c.name}'s date of birth is ${c.birth.date}.`);
        }
      }
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
    list_assessments: ({ household_id }) =>
      state.assessments
        .filter((a) => a.household_id === household_id)
        .map((a) => ({
          id: a.id,
          kind: a.kind.kind,
          status: a.status,
          started_on: a.visits[0]?.date || a.created_at.slice(0, 10),
          updated_at: a.updated_at,
          previous: a.kind.previous || null,
          kind_text: fixture.kind_words[a.kind.kind],
          status_text: fixture.status_words[a.status],
        })),
    new_assessment: ({ household_id }) => {
      findHousehold(household_id);
      const f = views.find(
        (v) =>
          v.view.assessment.household_id === household_id &&
          v.view.assessment.kind.kind === 'initial' &&
          v.view.assessment.status === 'draft' &&
          !known(v.view.assessment.id),
      );
      if (!f) throw noStep(`a new toolkit for household ${household_id}`);
      const a = clone(f.view.assessment);
      state.assessments.push(a);
      return assessmentView(a);
    },
    start_review: ({ previous_id }) => {
      const prev = findAssessment(previous_id);
      if (prev.status !== 'completed') throw err('invalid', 'Only a completed toolkit can be reviewed. Complete it first.');
      const f = views.find(
        (v) =>
          v.view.assessment.kind.kind === 'review' &&
          v.view.assessment.kind.previous === prev.id &&
          v.view.assessment.status === 'draft' &&
          !known(v.view.assessment.id),
      );
      if (!f) throw noStep(`a review of toolkit ${prev.id}`);
      const a = clone(f.view.assessment);
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
      const allowed = [
        'visits',
        'background',
        'poverty_context',
        'strengths',
        'carer_view',
        'child_views',
        'background_events',
        'analysis',
        'practitioner_notes',
        'decision',
        'review_answers',
        'targets',
      ];
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
      const next = nextStep(a, 'completed');
      a.status = next.status;
      a.history = clone(next.history);
      return assessmentView(a);
    },
    amend_assessment: ({ id, reason }) => {
      const a = findAssessment(id);
      if (a.status !== 'completed') throw err('invalid', 'Only a completed toolkit can be amended.');
      if (!reason?.trim()) throw err('invalid', 'Give a reason for amending.');
      const next = nextStep(a, 'amending');
      const made = next.history[next.history.length - 1].event.reason;
      if (made !== reason) throw noStep(`amending toolkit ${id} with the reason "${reason}" (the core's step has "${made}")`);
      a.status = next.status;
      a.history = clone(next.history);
      return assessmentView(a);
    },
    // Like the core, only a draft is discarded and only with a reason; the stand-in keeps what
    // it was told in state.discarded (the core keeps it in the audit trail).
    discard_assessment: ({ id, reason }) => {
      const a = findAssessment(id);
      if (a.status !== 'draft') throw err('invalid', `Cannot discard an assessment that is ${a.status}.`);
      if (!reason?.trim()) throw err('invalid', 'Discarding a draft needs a reason; say why it is discarded.');
      state.assessments = state.assessments.filter((x) => x.id !== id);
      state.discarded.push({ id, reason: reason.trim() });
      return stamp();
    },
    export_pdf: ({ assessment_id }) => {
      findAssessment(assessment_id);
      return { path: '/home/practitioner/Documents/summary-sheet.pdf' };
    },
    // The chronology: the demo household's is the core's (fixture.chronology); another household
    // has none. Saves, removals and imports are recorded in `calls` and answered, but the
    // timeline served stays the core's (the stand-in makes no words of its own).
    get_chronology: ({ household_id }) => {
      const hh = findHousehold(household_id);
      if (fixture.chronology && fixture.chronology.household_id === household_id) return fixture.chronology;
      return {
        household_id,
        entries: [],
        categories: fixture.chronology ? fixture.chronology.categories : [],
        impacts: fixture.chronology ? fixture.chronology.impacts : [],
        children: hh.children.map((c) => ({ id: c.id, name: c.name })),
      };
    },
    // The History: the demo household's is the core's (fixture.history); another household's is
    // empty, with the core's words for that.
    get_history: ({ household_id }) => {
      findHousehold(household_id);
      if (fixture.history.household_id === household_id) return fixture.history;
      return { household_id, about: fixture.history.about, lines: [], empty_text: fixture.history.empty_text };
    },
    save_chronology_entry: ({ household_id }) => {
      findHousehold(household_id);
      return { saved_at: now() };
    },
    remove_chronology_entry: ({ household_id, reason }) => {
      findHousehold(household_id);
      if (!reason?.trim()) throw err('invalid', 'Say why the entry is removed.');
      return { saved_at: now() };
    },
    import_chronology_csv: ({ household_id }) => {
      findHousehold(household_id);
      return { added: 0, duplicates_skipped: 0, saved_at: now() };
    },
    export_chronology_csv: ({ household_id }) => {
      findHousehold(household_id);
      return { path: '/home/practitioner/Documents/chronology.csv' };
    },
    // Hand-overs: a fixed public key and the received list kept in state.received.
    get_identity: () => 'age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqstandin',
    export_handover: ({ household_id, recipients }) => {
      findHousehold(household_id);
      if (!recipients?.length) throw err('invalid', 'Name at least one recipient.');
      return { path: '/home/practitioner/Documents/handover.age' };
    },
    import_handover: () => {
      throw err('cancelled', 'The dialog was closed.');
    },
    // The demo starts with the core's received list (fixture.received: the MASH's version of the
    // demo household waiting as a conflict) and serves the core's field-by-field review of it
    // (fixture.conflict_review); saving checks the keys sent against that review and clears the
    // conflict, as the core does.
    list_received: () => clone(state.received || []),
    resolve_handover: ({ household_id }) => {
      state.received = (state.received || []).map((r) => (r.household_id === household_id ? { ...r, conflict: false, conflict_text: null } : r));
      return { saved_at: now() };
    },
    review_conflict: ({ household_id }) => {
      findHousehold(household_id);
      const waiting = (state.received || []).some((r) => r.household_id === household_id && r.conflict);
      if (!waiting || fixture.conflict_review?.household_id !== household_id) {
        throw err('invalid', 'No incoming version of this household is waiting to be reviewed.');
      }
      return clone(fixture.conflict_review);
    },
    merge_handover: ({ household_id, take_incoming }) => {
      const review = commands.review_conflict({ household_id });
      for (const k of take_incoming || []) {
        if (!review.fields.some((f) => f.key === k)) throw err('invalid', `Nothing was saved: '${k}' is not one of the fields that differ.`);
      }
      state.received = state.received.map((r) => (r.household_id === household_id ? { ...r, conflict: false, conflict_text: null } : r));
      return { saved_at: now() };
    },
    // The usage report: the core's preview of the demo vault (fixture.usage_report), with the
    // agency type typed.
    preview_usage_report: ({ agency_type }) => ({ ...clone(fixture.usage_report), agency_type: String(agency_type || '').trim() || 'not stated' }),
    save_usage_report: () => ({ path: '/home/practitioner/Documents/usage-report.json' }),
    enter_family_view: ({ assessment_id }) => {
      findAssessment(assessment_id);
      const made = familyViewOf(assessment_id);
      state.familyView = assessment_id;
      return made;
    },
    get_family_view: () => {
      if (state.familyView === null) throw err('invalid', 'The family view is not on.');
      return familyViewOf(state.familyView);
    },
    leave_family_view: ({ passphrase }) => {
      if (passphrase !== state.passphrase) throw err('wrong_passphrase', 'That passphrase is not right.');
      state.familyView = null;
      return {};
    },
  };
  const OPEN = new Set(['app_status', 'get_limits', 'create_vault', 'unlock', 'recover', 'lock']);
  // As the shell's gate (src-tauri/src/state.rs, FAMILY_VIEW_COMMANDS).
  const FAMILY_VIEW_COMMANDS = new Set(['app_status', 'get_limits', 'get_family_view', 'activity', 'lock', 'unlock', 'leave_family_view']);

  /** What the core made for the Family view of assessment `id`. */
  function familyViewOf(id) {
    const f = (fixture.family_views || []).find((x) => x.assessment_id === id);
    if (!f) throw noStep(`the family view of toolkit ${id}`);
    return f.view;
  }

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
    if (state.familyView !== null && !FAMILY_VIEW_COMMANDS.has(name)) {
      throw err('family_view', 'The screen is in the family view. Leave the family view with the passphrase first.');
    }
    const fn = commands[name];
    if (!fn) throw err('internal', `Unknown command ${name}.`);
    if (!OPEN.has(name) && !state.unlocked) throw err('locked', 'The app is locked. Unlock it to go on.');
    return clone(fn(input || {}));
  }

  async function listen(event, cb) {
    listeners[event] = listeners[event] || [];
    listeners[event].push(cb);
    return () => {
      listeners[event] = listeners[event].filter((x) => x !== cb);
    };
  }

  if (opts.seed !== false) seed();

  window.__TAURI__ = { core: { invoke }, event: { listen } };
  window.__fake = {
    calls,
    state,
    definition,
    fixture,
    setDelay: (name, ms) => {
      delays[name] = ms;
    },
    failNext: (name, e) => {
      failures[name] = e;
    },
    overrideText: (fields) => {
      textOverride = clone(fields);
    },
    overrideView: (fields) => {
      viewOverride = clone(fields);
    },
    emit: (event, payload) => {
      if (event === 'vault-locked') state.unlocked = false;
      for (const cb of listeners[event] || []) cb({ event, payload });
    },
  };
})();
