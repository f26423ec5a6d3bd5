import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** src/metadata.ts (the OpenAPI input) is generated: a DTO or route changed without regenerating it fails here. */
describe('generated OpenAPI metadata', () => {
  it('src/metadata.ts is up to date with the controllers and DTOs', () => {
    const root = join(__dirname, '..');
    let output = '';
    try {
      output = execFileSync(process.execPath, [join(root, 'scripts/openapi-metadata.mjs'), '--check'], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(`${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
    expect(output).toContain('up to date');
  }, 120_000);
});
