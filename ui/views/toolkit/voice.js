// How a child's view was heard, beside the child's own words: the ways it was obtained
// (#heard-<key>-<method code>), what the practitioner makes of it, kept apart
// (#heard-interpretation-<key>) and, when an interpreter was used, the rule that only a
// professional interpreter may interpret, its confirmation (#heard-professional-<key>) and the
// language (#heard-language-<key>). The words come from the core (view.text.voice). The
// "interpreter" way is saved only once the professional interpreter is confirmed, as the core
// asks.

import { checkbox, field, h } from '../../dom.js';
import { autosave, save } from '../../session.js';

const empty = () => ({ methods: [], interpretation: '', interpreter: null });

/**
 * The fields for one view. `get()` returns the record holding `heard` (or null), `ensure()`
 * creates it, `send()` sends the change (a promise), `saveKey` keys the typing autosave.
 */
export function heardFields(state, { key, get, ensure, send, saveKey }) {
  const words = state.text.voice;
  if (!words) return null;
  const editable = state.editable;
  const heard = () => {
    const owner = ensure();
    owner.heard = owner.heard || empty();
    owner.heard.methods = owner.heard.methods || [];
    return owner.heard;
  };
  const current = get()?.heard || empty();
  const order = words.methods.map((m) => m.code);
  const setMethod = (code, on) => {
    const hd = heard();
    const set = new Set(hd.methods);
    if (on) set.add(code);
    else set.delete(code);
    hd.methods = order.filter((c) => set.has(c));
  };

  const rule = h('p', { class: 'hint interpreter-rule', id: `heard-rule-${key}`, text: words.interpreter_rule });
  const professional = checkbox({
    id: `heard-professional-${key}`,
    label: words.interpreter_confirm,
    checked: Boolean(current.interpreter),
    disabled: !editable,
  });
  const language = field({
    id: `heard-language-${key}`,
    label: 'Language interpreted',
    value: current.interpreter?.language || '',
    attrs: { disabled: !editable },
  });
  const interpreterPart = h('div', { class: 'interpreter', id: `heard-interpreter-${key}` }, rule, professional.wrap, language.wrap);

  const boxes = words.methods.map((m) => {
    const box = checkbox({
      id: `heard-${key}-${m.code}`,
      label: m.label,
      checked: current.methods?.includes(m.code) || (m.code === 'interpreter' && Boolean(current.interpreter)),
      disabled: !editable,
    });
    if (m.code === 'interpreter') {
      interpreterPart.hidden = !box.input.checked;
      box.input.addEventListener('change', () => {
        interpreterPart.hidden = !box.input.checked;
        if (box.input.checked) return; // saved once confirmed below
        professional.input.checked = false;
        heard().interpreter = null;
        setMethod('interpreter', false);
        save(send).catch(() => {});
      });
    } else {
      box.input.addEventListener('change', () => {
        setMethod(m.code, box.input.checked);
        save(send).catch(() => {});
      });
    }
    return box.wrap;
  });

  professional.input.addEventListener('change', () => {
    const hd = heard();
    if (professional.input.checked) {
      hd.interpreter = { kind: 'professional', language: language.input.value };
      setMethod('interpreter', true);
    } else {
      hd.interpreter = null;
      setMethod('interpreter', false);
    }
    save(send).catch(() => {});
  });
  language.input.addEventListener('input', () => {
    const hd = heard();
    if (hd.interpreter) hd.interpreter.language = language.input.value;
  });
  autosave(language.input, saveKey, () => (get()?.heard?.interpreter ? send() : Promise.resolve()));

  const interpretation = field({
    id: `heard-interpretation-${key}`,
    label: words.interpretation_label,
    multiline: true,
    value: current.interpretation || '',
    attrs: { disabled: !editable, rows: 2 },
  });
  interpretation.input.addEventListener('input', () => {
    heard().interpretation = interpretation.input.value;
  });
  autosave(interpretation.input, saveKey, send);

  return h(
    'div',
    { class: 'heard', id: `heard-${key}` },
    h('fieldset', { class: 'heard-methods' }, h('legend', { text: words.how_label }), boxes, interpreterPart),
    interpretation.wrap,
  );
}
