/**
 * Module hooks ddicheck registers in front of tsx. A model is written as an ES
 * module (`import ... from 'ddicheck'`, `export default defineModel(...)`), but in
 * a project whose package.json has no `"type": "module"` Node and tsx would load a
 * `.ts` or `.js` file as CommonJS, and a CommonJS model that requires ddicheck (an
 * ES module) fails to load. So a user's source file (anything outside
 * node_modules, except `.cts`/`.cjs`) is resolved as an ES module whatever its
 * package says. Plain JavaScript: hooks run on a thread of their own, before tsx.
 */
const USER_SOURCE = /\.(?:[mc]?ts|tsx|m?js|jsx)$/;
const COMMONJS = /\.(?:cts|cjs)$/;

export async function resolve(specifier, context, nextResolve) {
  const r = await nextResolve(specifier, context);
  const url = r.url.split('?')[0];
  if (url.startsWith('file:') && USER_SOURCE.test(url) && !COMMONJS.test(url) && !url.includes('/node_modules/')) {
    return { ...r, format: 'module' };
  }
  return r;
}
