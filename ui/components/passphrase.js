// What the set-up, unlock (recovery) and settings screens share about passphrases: whether one
// is long enough (the core's limit and words, from `get_limits`) and a rough strength score for
// the meter.

import { field } from '../dom.js';
import { limits } from './limits.js';

/** The shortest passphrase accepted, as the core says. */
export const minPassphraseLength = () => limits().passphrase_min_chars;

/** The core's words for a passphrase that is too short. */
export const passphraseTooShort = () => limits().passphrase_too_short;

/** A hint under a new-passphrase field. */
export const passphraseHint = () => `At least ${minPassphraseLength()} characters.`;

/**
 * A rough strength score 0-4 for a passphrase: length matters most, then variety. It is only
 * advice; the backend has the final word (`weak_passphrase`).
 */
export function passphraseStrength(p) {
  if (!p) return { score: 0, label: 'No passphrase yet' };
  let score = 0;
  if (p.length >= minPassphraseLength()) score += 1;
  if (p.length >= 16) score += 1;
  if (p.length >= 24) score += 1;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  const words = p.trim().split(/\s+/).length;
  if (classes >= 3 || words >= 4) score += 1;
  if (/^(.)\1+$/.test(p) || /^(password|passphrase|123456|qwerty)/i.test(p)) score = Math.min(score, 1);
  if (p.length < minPassphraseLength()) score = Math.min(score, 1);
  const labels = ['Too short', 'Weak', 'Fair', 'Good', 'Strong'];
  return { score, label: labels[score] };
}

/**
 * A new passphrase typed twice: `{ pass, confirm, problem() }`. `problem()` is what to say when
 * they cannot be used (too short, or different), with the field to focus; `null` when they can.
 */
export function newPassphraseFields(idPrefix) {
  const pass = field({
    id: idPrefix,
    label: 'New passphrase',
    type: 'password',
    hint: passphraseHint(),
    attrs: { autocomplete: 'new-password' },
  });
  const confirm = field({
    id: `${idPrefix}-confirm`,
    label: 'Type the new passphrase again',
    type: 'password',
    attrs: { autocomplete: 'new-password' },
  });
  const problem = () => {
    if (pass.input.value.length < minPassphraseLength()) return { text: passphraseTooShort(), input: pass.input };
    if (pass.input.value !== confirm.input.value) {
      return { text: 'The two new passphrases are different. Type the same in both boxes.', input: confirm.input };
    }
    return null;
  };
  return { pass, confirm, problem };
}
