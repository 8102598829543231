// The app shell: decides between set-up, unlock, the unlocked views and the Family view, routes
// by the URL hash, keeps the idle timer, and runs the "call 999" bar with its contacts dialog.
//
// The Family view is a mode of the backend (`app_status.family_view`). While it is on, the page
// holds only the Family view's own frame (views/family.js): the practitioner's header, navigation,
// contacts and views are taken out of the document, routes are not followed, and the backend
// refuses every other command anyway. Locking keeps the mode; after unlocking, the frame returns.
//
// Routes (unlocked):
//   #/households                 households list
//   #/household/new              new household
//   #/household/<id>             one household
//   #/chronology/<household id>  the household's timeline (chronology)
//   #/toolkit/<assessment id>    the toolkit for an assessment
//   #/summary/<assessment id>    the summary, decision and review comparison
//   #/settings                   settings
//
// Stable ids in the shell: #contacts-button, #contacts-dialog, #contacts-list, #contacts-close,
// #nav-households, #nav-settings, #family-view-button, #lock-button, #save-state, #view.

import * as api from './api.js';
import { limits, loadLimits } from './components/limits.js';
import { h, append, clear } from './dom.js';
import { session, reset, flushSaves, clearIndicator } from './session.js';
import * as setupView from './views/setup.js';
import * as unlockView from './views/unlock.js';
import * as householdsView from './views/households.js';
import * as householdView from './views/household.js';
import * as chronologyView from './views/chronology.js';
import * as toolkitView from './views/toolkit/index.js';
import * as summaryView from './views/summary.js';
import * as settingsView from './views/settings.js';
import * as familyView from './views/family.js';
import { checkIntegrity, hideIntegrity } from './components/integrity.js';

const ACTIVITY_PING_MS = 20_000;

let unlocked = false;
let renderToken = 0;
let lastActivity = Date.now();
let lastPing = 0;
/** Whether the Family view is on, as far as the page knows (the backend decides). */
let family = false;
/** The Family view's frame while it is in the page, and the page's own elements taken out for it. */
let familyFrame = null;
let practitionerChrome = [];
/** The auto-lock minutes from the settings, kept as a number: the settings are dropped in the Family view. */
let autoLockMinutes = null;
/** The route the Family view was shown from, to return to when it is left. */
let returnTo = null;

const view = () => document.getElementById('view');

function setUnlockedChrome(on) {
  document.getElementById('app-nav').hidden = !on;
  document.getElementById('header-actions').hidden = !on;
}

function showError(err) {
  const main = view();
  clear(main);
  append(
    main,
    h('h1', { text: 'Something went wrong' }),
    h('p', { class: 'error', role: 'alert', text: err?.message || 'Something went wrong.' }),
    h('p', {}, h('a', { href: '#/households', text: 'Back to households' })),
  );
}

/** Show set-up or unlock (locked states). */
async function showGate(status) {
  unlocked = false;
  setUnlockedChrome(false);
  clearIndicator();
  const main = view();
  clear(main);
  const ctx = { onUnlocked };
  if (!status.vault_exists) await setupView.render(main, {}, ctx, status);
  else await unlockView.render(main, {}, ctx, status);
}

async function onUnlocked() {
  let status = null;
  try {
    status = await api.appStatus();
  } catch {
    /* the views below report what goes wrong */
  }
  if (status?.family_view) {
    await showFamily();
    return;
  }
  family = false;
  unlocked = true;
  lastActivity = Date.now();
  setUnlockedChrome(true);
  try {
    session.settings = await api.getSettings();
    autoLockMinutes = Number(session.settings?.auto_lock_minutes) || null;
  } catch {
    session.settings = null;
  }
  if (!location.hash || location.hash === '#' || location.hash === '#/') location.hash = '#/households';
  else route();
  // In the background: the quick check's result at once, then the full check's.
  checkIntegrity(() => unlocked && !family);
}

function parseRoute() {
  const parts = (location.hash || '').replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { name: parts[0] || 'households', id: parts[1] || '' };
}

async function route() {
  if (!unlocked || family) return;
  const token = ++renderToken;
  const { name, id } = parseRoute();
  const main = view();
  document.getElementById('family-view-button').hidden = !((name === 'toolkit' || name === 'summary') && id);
  const modules = {
    households: householdsView,
    household: householdView,
    chronology: chronologyView,
    toolkit: toolkitView,
    summary: summaryView,
    settings: settingsView,
  };
  const mod = modules[name] || householdsView;
  for (const a of document.querySelectorAll('#app-nav a')) {
    const current = (name === 'settings' && a.id === 'nav-settings') || (name !== 'settings' && a.id === 'nav-households');
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  // Let waiting saves go before the screen they belong to disappears.
  await flushSaves();
  if (token !== renderToken) return;
  const fragment = h('div', { class: 'view-body' });
  try {
    await mod.render(fragment, { id }, { isCurrent: () => token === renderToken && unlocked });
  } catch (err) {
    if (token !== renderToken || !unlocked) return;
    if (err && err.code === 'locked') return;
    if (err && err.code === 'family_view') {
      await showFamily();
      return;
    }
    showError(err);
    return;
  }
  if (token !== renderToken || !unlocked) return;
  clear(main);
  append(main, fragment);
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
}

/** Drop decrypted state and show the unlock screen. */
async function onLocked(payload) {
  // Already showing set-up or unlock: a second notice (event after our own lock) changes nothing.
  if (!unlocked) return;
  unlocked = false;
  hideIntegrity();
  renderToken += 1;
  reset();
  // The backend keeps the Family view on through the lock; after unlocking it comes back.
  unmountFamily();
  family = false;
  clear(view());
  let status = { vault_exists: true, unlocked: false, demo: false, demo_passphrase: null };
  try {
    status = await api.appStatus();
  } catch {
    /* keep the defaults: the unlock screen still works */
  }
  status.unlocked = false;
  await showGate(status);
  const reason = payload?.reason;
  if (reason === 'idle') {
    const note = document.getElementById('unlock-locked-note');
    if (note) note.textContent = 'The app locked itself after a period without use. Your work was saved.';
  }
}

async function lockNow(reason) {
  if (!unlocked) return;
  try {
    await flushSaves();
  } finally {
    try {
      await api.lock();
    } catch {
      /* locked already, or the backend will lock on its own */
    }
    await onLocked({ reason });
  }
}

function noteActivity() {
  lastActivity = Date.now();
  if (!unlocked) return;
  if (lastActivity - lastPing >= ACTIVITY_PING_MS) {
    lastPing = lastActivity;
    api.activity().catch(() => {});
  }
}

function checkIdle() {
  if (!unlocked) return;
  const minutes = Number(session.settings?.auto_lock_minutes) || autoLockMinutes || limits().auto_lock_default_minutes;
  if (Date.now() - lastActivity >= minutes * 60_000) lockNow('idle');
}

function renderContacts() {
  const list = document.getElementById('contacts-list');
  clear(list);
  append(
    list,
    h(
      'li',
      { class: 'contact contact-emergency' },
      h('p', { class: 'contact-name', text: 'Police, ambulance: emergency' }),
      h('p', { class: 'contact-phone', text: '999' }),
      h('p', { class: 'contact-desc', text: 'If a child is in immediate danger.' }),
    ),
  );
  const contacts = session.settings && Array.isArray(session.settings.contacts) ? session.settings.contacts : [];
  for (const c of contacts) {
    append(
      list,
      h(
        'li',
        { class: 'contact' },
        h('p', { class: 'contact-name', text: c.name || '' }),
        h('p', { class: 'contact-phone', text: c.phone || 'No number recorded yet: add it in Settings.' }),
        c.description ? h('p', { class: 'contact-desc', text: c.description }) : null,
      ),
    );
  }
  if (!unlocked) {
    append(list, h('li', { class: 'contact' }, h('p', { text: 'Unlock the app to see your local contacts.' })));
  }
}

/** Take the practitioner's page out of the document and put the Family view's frame in its place. */
function mountFamily(shown, error) {
  unmountFamily();
  clear(view());
  clear(document.getElementById('contacts-list'));
  const contacts = document.getElementById('contacts-dialog');
  if (contacts.open) contacts.close();
  clearIndicator();
  practitionerChrome = [...document.body.children];
  for (const el of practitionerChrome) el.remove();
  familyFrame = familyView.renderFamilyFrame(shown, { error, onLeft: leaveFamily });
  document.body.append(familyFrame);
  const heading = familyFrame.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
}

/** Put the practitioner's page back in place of the Family view's frame. */
function unmountFamily() {
  if (!familyFrame) return;
  familyFrame.remove();
  familyFrame = null;
  for (const el of practitionerChrome) document.body.append(el);
  practitionerChrome = [];
}

/** The Family view is on in the backend: draw it from the backend's `FamilyView` only. */
async function showFamily() {
  family = true;
  unlocked = true;
  lastActivity = Date.now();
  const token = ++renderToken;
  reset();
  let shown = null;
  let error = null;
  try {
    shown = await api.getFamilyView();
  } catch (err) {
    if (err.code === 'locked') return;
    error = err;
  }
  if (token !== renderToken || !unlocked) return;
  mountFamily(shown, error);
}

/** "Show the family view" on a toolkit or summary page: the backend turns the mode on. */
async function enterFamily() {
  const { name, id } = parseRoute();
  if (!unlocked || family || !id || (name !== 'toolkit' && name !== 'summary')) return;
  const button = document.getElementById('family-view-button');
  button.disabled = true;
  try {
    await flushSaves();
    const shown = await api.enterFamilyView(id);
    returnTo = location.hash;
    family = true;
    renderToken += 1;
    reset();
    mountFamily(shown, null);
  } catch (err) {
    if (err.code !== 'locked') showError(err);
  } finally {
    button.disabled = false;
  }
}

/** The backend accepted the passphrase and turned the Family view off. */
async function leaveFamily() {
  unmountFamily();
  family = false;
  // Back to the page it was shown from (a route typed meanwhile is not followed).
  if (returnTo && location.hash !== returnTo) history.replaceState(null, '', returnTo);
  returnTo = null;
  await onUnlocked();
}

async function start() {
  document.getElementById('contacts-button').addEventListener('click', () => {
    renderContacts();
    document.getElementById('contacts-dialog').showModal();
  });
  document.getElementById('contacts-close').addEventListener('click', () => {
    document.getElementById('contacts-dialog').close();
  });
  document.getElementById('family-view-button').addEventListener('click', enterFamily);
  document.getElementById('lock-button').addEventListener('click', () => lockNow('manual'));
  window.addEventListener('hashchange', route);
  for (const ev of ['keydown', 'pointerdown', 'input', 'wheel', 'touchstart']) {
    document.addEventListener(ev, noteActivity, { passive: true, capture: true });
  }
  setInterval(checkIdle, 1000);
  await api.onVaultLocked(onLocked);
  let status;
  try {
    await loadLimits();
    status = await api.appStatus();
  } catch (err) {
    showError(err);
    return;
  }
  if (status.unlocked) await onUnlocked();
  else await showGate(status);
}

start();
