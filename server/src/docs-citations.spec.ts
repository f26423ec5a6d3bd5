import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');
const SOURCES = ['server/src', 'server/test', 'shared/src', 'miniapp/src', 'server/admin-web/src'];

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mjs)$/.test(name)) yield path;
  }
}

/** The repository stands alone: every rule section a comment cites (`docs/domain.md §N`) exists. */
describe('domain rule citations', () => {
  it('cite docs/domain.md sections that exist', () => {
    const domain = readFileSync(join(repo, 'docs/domain.md'), 'utf8');
    const sections = new Set([...domain.matchAll(/^## §(\d+)/gm)].map((m) => m[1]));
    expect(sections.size).toBeGreaterThanOrEqual(9);
    const bad: string[] = [];
    for (const dir of SOURCES) {
      for (const file of files(join(repo, dir))) {
        if (file === __filename) continue;
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/([\w./-]*)domain\.md(?:\s*§(\d+))?/g)) {
          if (m[1] !== 'docs/' || (m[2] && !sections.has(m[2]))) bad.push(`${file.slice(repo.length + 1)}: ${m[0]}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
