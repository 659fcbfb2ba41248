/**
 * Build budget: the JavaScript the first page loads — the entry chunk and its
 * static imports, from dist/.vite/manifest.json — gzipped, at most 250 KB.
 * Run after `vite build`; exits non-zero above budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const dist = path.resolve(import.meta.dirname, '../dist');

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>;
const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
if (!entry) throw new Error('no entry in the manifest');

const seen = new Set<string>();
const visit = (key: string) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const i of manifest[key]?.imports ?? []) visit(i);
};
visit(entry[0]);

let total = 0;
const lines: string[] = [];
for (const key of seen) {
  const file = manifest[key]!.file;
  if (!file.endsWith('.js')) continue;
  const gz = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
  total += gz;
  lines.push(`  ${file}  ${(gz / 1024).toFixed(1)} KB`);
}
const kb = (total / 1024).toFixed(1);
console.log(
  `first-page JavaScript (gzip): ${kb} KB of ${BUDGET / 1024} KB budget\n${lines.join('\n')}`,
);
if (total > BUDGET) {
  console.error(`over budget by ${((total - BUDGET) / 1024).toFixed(1)} KB`);
  process.exit(1);
}
