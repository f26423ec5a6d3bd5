import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource, In } from 'typeorm';
import { BillingItemKind, HouseType } from '@app/shared';
import { Bill, BillLine, BillRun, BillingItem } from '../../src/modules/billing/billing.entity';
import { Charge } from '../../src/modules/charges/charge.entity';
import { House } from '../../src/modules/property/building.entity';
import { addHouses, makeTenant } from '../support/factories';

export interface ChaosWorld {
  projectId: number;
  houseIds: number[];
  billableChargeIds: number[];
  otherChargeIds: number[];
}

/** A project with `houses` houses of mixed types and areas, area + fixed items, and charges on every third house. */
export async function seedChaosWorld(db: DataSource, houses: number): Promise<ChaosWorld> {
  const tenant = await makeTenant(db, 0);
  const houseIds: number[] = [];
  for (let b = 0; houseIds.length < houses; b++) {
    houseIds.push(
      ...(await addHouses(db, tenant.projectId, `${b + 2}栋`, '1单元', Math.min(200, houses - houseIds.length)))
        .houseIds,
    );
  }
  // Varied areas and types so rounding and the house-type rule are exercised.
  for (const [i, id] of houseIds.entries()) {
    if (i % 7 === 0 || i % 5 === 0) {
      await db
        .getRepository(House)
        .update(
          { id },
          { areaHundredths: 4000 + ((i * 7919) % 16000), type: i % 7 === 0 ? HouseType.Shop : HouseType.Residential },
        );
    }
  }
  const at = new Date();
  const item = (code: string, kind: BillingItemKind, houseType: HouseType | null, unitPriceFen: number) => ({
    companyId: tenant.companyId,
    projectId: tenant.projectId,
    code,
    name: code,
    kind,
    houseType,
    unitPriceFen,
    unit: '元',
    sharedSplit: null,
    effectiveFrom: '2020-01',
    effectiveTo: null,
    createdBy: 0,
    createdAt: at,
  });
  await db
    .getRepository(BillingItem)
    .insert([
      item('WY', BillingItemKind.Area, null, 235),
      item('WY', BillingItemKind.Area, HouseType.Shop, 487),
      item('GGNH', BillingItemKind.Fixed, null, 1000),
    ]);
  const billableChargeIds: number[] = [];
  const otherChargeIds: number[] = [];
  const created = new Date(Date.now() - 86_400_000);
  for (const [i, houseId] of houseIds.entries()) {
    if (i % 3 !== 0) continue;
    const kind = i % 15 === 0 ? 'unconfirmed' : i % 21 === 0 ? 'waived' : 'billable';
    const res = await db.getRepository(Charge).insert({
      companyId: tenant.companyId,
      projectId: tenant.projectId,
      houseId,
      source: 'ticket',
      sourceKey: `chaos:${tenant.projectId}:${i}`,
      ticketId: null,
      ticketSerial: `CH-${i}`,
      agreementRef: 'chaos',
      totalFen: 1000 + ((i * 104729) % 50000),
      paymentMethod: 'bill',
      status: kind === 'waived' ? 'waived' : 'open',
      confirmation: kind === 'unconfirmed' ? 'unconfirmed' : 'confirmed',
      createdBy: 0,
      createdAt: created,
      updatedAt: created,
    });
    (kind === 'billable' ? billableChargeIds : otherChargeIds).push(Number(res.identifiers[0].id));
  }
  return { projectId: tenant.projectId, houseIds, billableChargeIds, otherChargeIds };
}

/** Forgets the month's bills and claims, so the same inputs can be billed again. */
export async function resetRun(db: DataSource, world: ChaosWorld, period: string): Promise<void> {
  const billIds = (
    await db.getRepository(Bill).find({ select: { id: true }, where: { projectId: world.projectId, period } })
  ).map((b) => b.id);
  for (let i = 0; i < billIds.length; i += 500)
    await db.getRepository(BillLine).delete({ billId: In(billIds.slice(i, i + 500)) });
  await db.getRepository(Bill).delete({ projectId: world.projectId, period });
  await db.getRepository(BillRun).delete({ projectId: world.projectId, period });
  await db.getRepository(Charge).update({ id: In(world.billableChargeIds) }, { status: 'open', billedPeriod: null });
}

export async function billHashes(db: DataSource, world: ChaosWorld, period: string): Promise<Map<number, string>> {
  const bills = await db
    .getRepository(Bill)
    .find({ select: { houseId: true, contentHash: true }, where: { projectId: world.projectId, period } });
  return new Map(bills.map((b) => [b.houseId, b.contentHash]));
}

/** Every billable charge on exactly one line of a live bill; no other charge anywhere; one bill per house. */
export async function invariants(db: DataSource, world: ChaosWorld, period: string): Promise<string[]> {
  const problems: string[] = [];
  const bills = await db.getRepository(Bill).find({ where: { projectId: world.projectId, period } });
  if (bills.length !== world.houseIds.length)
    problems.push(`${bills.length} bills for ${world.houseIds.length} houses`);
  if (new Set(bills.map((b) => b.houseId)).size !== bills.length) problems.push('duplicate bills');
  if (bills.some((b) => !/^[0-9a-f]{64}$/.test(b.contentHash))) problems.push('bill without a hash');
  const lines = await db
    .getRepository(BillLine)
    .createQueryBuilder('l')
    .select(['l.chargeId', 'l.billId'])
    .where('l.period = :period AND l.charge_id IS NOT NULL', { period })
    .andWhere('l.house_id IN (:...ids)', { ids: world.houseIds })
    .getMany();
  const perCharge = new Map<number, number>();
  for (const l of lines) perCharge.set(l.chargeId!, (perCharge.get(l.chargeId!) ?? 0) + 1);
  for (const id of world.billableChargeIds)
    if (perCharge.get(id) !== 1) problems.push(`charge ${id} billed ${perCharge.get(id) ?? 0} times`);
  for (const id of world.otherChargeIds) if (perCharge.has(id)) problems.push(`unbillable charge ${id} billed`);
  const billed = await db
    .getRepository(Charge)
    .countBy({ id: In(world.billableChargeIds), status: 'billed', billedPeriod: period });
  if (billed !== world.billableChargeIds.length)
    problems.push(`${billed} of ${world.billableChargeIds.length} charges marked billed`);
  return problems;
}

export interface WorkerResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  killedAtDone: number | null;
}

/**
 * Runs the bill-run worker in a child process. With `killAt` (0…1) it is SIGKILLed once its progress
 * reaches that share of the houses, after a random 0–`jitterMs` pause so kills land inside later batches too.
 */
export function runWorker(
  env: Record<string, string>,
  opts: { killAt?: number; total?: number; jitterMs?: number } = {},
): Promise<WorkerResult> {
  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, 'register-swc.js'), join(__dirname, 'bill-run-worker.ts')],
    {
      cwd: join(__dirname, '../..'),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let killedAtDone: number | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (opts.killAt === undefined || killedAtDone !== null || !opts.total) return;
    const done = Number([...output.matchAll(/progress (\d+)/g)].at(-1)?.[1] ?? 0);
    if (done >= opts.killAt * opts.total) {
      killedAtDone = done;
      setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * (opts.jitterMs ?? 0)));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output, killedAtDone })));
}
