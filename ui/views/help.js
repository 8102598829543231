// "How to use the toolkit": the active definition's guidance placed at how_to_use, as the core
// returns it (get_help). Every word of the entries comes from the definition; a partnership's own
// definition brings its own. Stable ids: #help-title, #help-entries, #help-<entry id>.

import * as api from '../api.js';
import { append, h } from '../dom.js';

/** Render the help page into `main`. */
export async function render(main) {
  const page = await api.getHelp();
  append(
    main,
    h('h1', { id: 'help-title', text: 'How to use the toolkit' }),
    h('p', { class: 'hint', id: 'help-source', text: `From ${page.definition_title}, version ${page.definition_version}.` }),
    page.entries.length
      ? h(
          'div',
          { id: 'help-entries' },
          page.entries.map((e) =>
            h(
              'section',
              { class: 'panel help-entry', id: `help-${e.id}`, 'aria-labelledby': `help-${e.id}-title` },
              h('h2', { id: `help-${e.id}-title`, text: e.title }),
              h('p', { text: e.text }),
            ),
          ),
        )
      : h('p', { id: 'help-entries', text: 'The toolkit definition in use has no guidance on how to use it.' }),
  );
}
