import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { openDataSource } from '../database/data-source';

/** `migrate up` applies pending migrations; `migrate down [n]` reverts the last n (default 1); `migrate down all`. */
async function main(): Promise<void> {
  const [direction = 'up', count = '1'] = process.argv.slice(2);
  const ds = await openDataSource(loadConfig());
  try {
    if (direction === 'up') {
      const applied = await ds.runMigrations({ transaction: 'each' });
      process.stdout.write(
        `migrations applied: ${applied.length ? applied.map((m) => m.name).join(', ') : 'none pending'}\n`,
      );
    } else if (direction === 'down') {
      const times = count === 'all' ? ds.migrations.length : Number(count);
      for (let i = 0; i < times; i++) await ds.undoLastMigration({ transaction: 'each' });
      process.stdout.write(`migrations reverted: ${times}\n`);
    } else {
      throw new Error(`unknown direction ${direction}; use up or down`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
