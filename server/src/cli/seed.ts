import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ROLE_LABELS, Role } from '@app/shared';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { openDataSource } from '../database/data-source';
import { DEMO_PASSWORD } from '../modules/identity/auth.service';
import { seedDemo } from '../seed/demo-seed';
import { demoBillingExists, formatDemoBillingSummary, seedDemoBilling } from '../seed/demo-billing-seed';
import {
  demoTicketsExist,
  describeDemoTickets,
  formatDemoTicketSummary,
  seedDemoTickets,
} from '../seed/demo-tickets-seed';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.env === 'production') throw new Error('The demo seed is not for production databases.');
  const out = process.stdout;
  const ds = await openDataSource(config);
  let ticketsExist: boolean;
  let billingExists: boolean;
  try {
    await ds.runMigrations({ transaction: 'each' });
    const summary = await seedDemo(ds);
    out.write(
      summary.created
        ? `演示数据已创建：${summary.houses} 户房屋\n`
        : `演示数据已存在（${summary.houses} 户房屋），未重复创建\n`,
    );
    out.write(`\n员工/师傅演示账号（密码 ${DEMO_PASSWORD}）：\n`);
    for (const s of summary.staff) {
      const roles = [...new Set(s.roles.split(','))].map((r) => ROLE_LABELS[r as Role]).join('、');
      out.write(`  ${s.username.padEnd(10)} ${s.name}  ${roles}\n`);
    }
    out.write('\n住户演示账号（小程序「演示登录」中选择）：\n');
    for (const r of summary.residents) out.write(`  ${r.name}  ${r.house}\n`);
    ticketsExist = await demoTicketsExist(ds);
    if (ticketsExist) out.write(`\n${formatDemoTicketSummary(await describeDemoTickets(ds))}`);
    billingExists = await demoBillingExists(ds);
  } finally {
    await ds.destroy();
  }
  if (ticketsExist && billingExists) return;

  // Tickets and charges go through the real services (events, quotes, signatures, audit rows), so they
  // need the application's providers. The data source above is closed first: on SQLite a second
  // connection to the same file would only contend for its lock.
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    if (!ticketsExist) out.write(`\n${formatDemoTicketSummary(await seedDemoTickets(app))}`);
    // Billing (issue 9) after tickets: its published months lie before the tickets' charges, so neither moves the other.
    out.write(`\n${formatDemoBillingSummary(await seedDemoBilling(app))}`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
