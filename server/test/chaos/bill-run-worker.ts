/**
 * One bill-run worker process for the chaos test (R4): boots the real AppModule against the database in
 * the environment, takes the run of CHAOS_PROJECT_ID / CHAOS_PERIOD and works it, printing progress lines
 * ("progress <done> <total>") the parent uses to SIGKILL it at a chosen point. A run whose lease is still
 * held by a killed worker is waited for until the lease runs out (BILL_RUN_LEASE_MS).
 * Prints "worked" when this process did the work, "finished-by-other" when the run was already done.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { BillRunStatus } from '@app/shared';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { BillRunEngine } from '../../src/modules/billing/run/bill-run.engine';
import { PropertyDirectory } from '../../src/modules/property/property-directory.service';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  const engine = app.get(BillRunEngine);
  const delay = Number(process.env.CHAOS_BATCH_DELAY_MS ?? 0);
  // Pauses inside each batch's transaction and after its commit, so a kill can land in either.
  engine.testHooks.inBatch = async () => {
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
  };
  engine.testHooks.afterBatch = async (_runId, done) => {
    process.stdout.write(`progress ${done}\n`);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
  };
  const project = await app.get(PropertyDirectory).project(Number(process.env.CHAOS_PROJECT_ID));
  if (!project) throw new Error('no such project');
  const period = String(process.env.CHAOS_PERIOD);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { run, leaseOwner } = await engine.acquire(project, period, 0);
    if (leaseOwner) {
      process.stdout.write(`total ${run.housesTotal}\n`);
      await engine.process(run.id, leaseOwner);
      process.stdout.write('worked\n');
      break;
    }
    if (run.status !== BillRunStatus.Running && run.status !== BillRunStatus.Failed) {
      process.stdout.write('finished-by-other\n');
      break;
    }
    if (Date.now() > deadline) throw new Error('lease never came free');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await app.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
