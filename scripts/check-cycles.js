#!/usr/bin/env node
/**
 * Import-cycle check (npm run check:cycles): reads every TypeScript file under the given folders
 * (default src/), follows its relative imports and re-exports — type-only ones too, since a cycle
 * of types is still two modules that cannot be understood apart — and reports each set of modules
 * that import each other in a circle (strongly connected components, Tarjan's algorithm). Exits
 * with 1 when there is any. Uses the TypeScript compiler's import scanner, so no extra package.
 *
 * Usage: node scripts/check-cycles.js [folder …]
 */
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['src'];

function sourceFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(resolve(p));
  }
  return out;
}

/** The file a relative specifier names, or undefined (a package, an asset, a `?worker` import). */
function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec.replace(/\?.*$/, '').replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate))
      return candidate;
  return undefined;
}

const files = roots.flatMap((r) => sourceFiles(r));
const edges = new Map(
  files.map((f) => {
    const { importedFiles } = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    const targets = importedFiles.map((i) => resolveImport(f, i.fileName)).filter(Boolean);
    return [f, [...new Set(targets)]];
  }),
);

// Tarjan's strongly connected components, iterative (deep import chains must not overflow).
let counter = 0;
const index = new Map();
const low = new Map();
const onStack = new Set();
const stack = [];
const cycles = [];
for (const start of files) {
  if (index.has(start)) continue;
  const work = [[start, 0]];
  index.set(start, counter);
  low.set(start, counter++);
  stack.push(start);
  onStack.add(start);
  while (work.length) {
    const frame = work[work.length - 1];
    const [v, i] = frame;
    const next = (edges.get(v) ?? [])[i];
    if (next !== undefined) {
      frame[1] += 1;
      if (!index.has(next)) {
        index.set(next, counter);
        low.set(next, counter++);
        stack.push(next);
        onStack.add(next);
        work.push([next, 0]);
      } else if (onStack.has(next)) low.set(v, Math.min(low.get(v), index.get(next)));
      continue;
    }
    work.pop();
    if (work.length) {
      const parent = work[work.length - 1][0];
      low.set(parent, Math.min(low.get(parent), low.get(v)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (edges.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) cycles.push(component);
    }
  }
}

const name = (f) => relative(process.cwd(), f);
if (cycles.length === 0) {
  process.stdout.write(`no import cycle among ${files.length} files under ${roots.join(', ')}\n`);
} else {
  for (const c of cycles) {
    const set = new Set(c);
    process.stdout.write(`import cycle among ${c.length} files:\n`);
    for (const f of c.sort())
      process.stdout.write(
        `  ${name(f)} → ${edges
          .get(f)
          .filter((t) => set.has(t))
          .map(name)
          .join(', ')}\n`,
      );
  }
  process.exitCode = 1;
}
