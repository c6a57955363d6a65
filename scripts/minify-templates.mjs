import MagicString from 'magic-string';

/**
 * Collapses the whitespace in Lit's html`` and css`` templates, which terser cannot touch
 * (template text is data to it). Only whitespace and CSS comments change.
 */
export function minifyTemplates() {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!/\/src\/.*\.tsx?$/.test(id) || !/\b(html|svg|css)\s*`/.test(code)) return null;
      const s = new MagicString(code);
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const squeeze = node.tag.name === 'html' || node.tag.name === 'svg' ? squeezeHtml : node.tag.name === 'css' ? squeezeCss : null;
        if (!squeeze) return;
        for (const quasi of node.quasi.quasis) {
          const text = code.slice(quasi.start, quasi.end);
          const small = squeeze(text);
          if (small !== text) s.overwrite(quasi.start, quasi.end, small || ' ');
        }
      });
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}

const squeezeHtml = (t) =>
  t
    .replace(/>\s*\n\s*/g, '>')
    .replace(/\s*\n\s*</g, '<')
    .replace(/\s*\n\s*/g, ' ')
    // class="card" → class=card: a static value of letters, digits, dots and dashes needs no quotes (HTML, "unquoted attribute value").
    .replace(/(\s[\w-]+=)"([\w.-]+)"/g, '$1$2');

const squeezeCss = (t) =>
  t
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>/])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    // 0.5em → .5em; [part~='x'] → [part~=x] (an identifier needs no quotes).
    .replace(/(^|[^\w.])0\.(\d)/g, '$1.$2')
    .replace(/=(['"])([a-z][\w-]*)\1]/gi, '=$2]')
    .trim();

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key in node) {
    const value = node[key];
    if (Array.isArray(value)) value.forEach((child) => walk(child, visit));
    else if (value && typeof value.type === 'string') walk(value, visit);
  }
}
