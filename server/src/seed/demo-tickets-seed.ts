import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserKind } from '@app/shared';
import { Principal } from '../common/principal';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CashService } from '../modules/charges/cash.service';
import { ChargeConfirmationService } from '../modules/charges/charge-confirmation.service';
import { ChargesService } from '../modules/charges/charges.service';
import { CounterSalesService } from '../modules/charges/counter-sales.service';
import { PrincipalLoader } from '../modules/auth/principal.loader';
import { User } from '../modules/identity/user.entity';
import { MediaService } from '../modules/media/media.service';
import { Company, Project } from '../modules/property/company.entity';
import { DispatchService } from '../modules/dispatch/dispatch.service';
import { TicketSigningService } from '../modules/tickets/ticket-signing.service';
import { TicketStaffService } from '../modules/tickets/ticket-staff.service';
import { TicketWorkService } from '../modules/tickets/ticket-work.service';
import { TicketsService } from '../modules/tickets/tickets.service';
import { DEMO_COMPANY_CODE } from './demo-seed';
import { DemoOffice } from './demo-office';
import { seedJadeLake } from './demo-tickets-jade-lake';
import { describeDemoTickets, demoTicketsExist, type DemoTicketSummary } from './demo-tickets-summary';
import { seedSunshineGarden } from './demo-tickets-sunshine';

export {
  demoTicketsExist,
  describeDemoTickets,
  formatDemoTicketSummary,
  type DemoTicketSummary,
} from './demo-tickets-summary';

/**
 * Demo tickets, charges and counter sales, created THROUGH the real services (as each role would over
 * HTTP) so events, quotes, signatures, inbox messages, audit rows and serial numbers are all consistent.
 * Runs once: skipped as soon as the demo company has any ticket.
 */

export async function seedDemoTickets(app: INestApplicationContext): Promise<DemoTicketSummary> {
  const config = app.get<AppConfig>(APP_CONFIG, { strict: false });
  if (config.env === 'production') throw new Error('The demo seed is not for production databases.');
  const ds = app.get(DataSource, { strict: false });
  if (await demoTicketsExist(ds)) return describeDemoTickets(ds);
  const started = Date.now();
  const company = await ds.getRepository(Company).findOneBy({ code: DEMO_COMPANY_CODE });
  if (!company) throw new Error('The demo company does not exist yet; run the demo data seed first.');

  const principals = app.get(PrincipalLoader, { strict: false });
  // Staff are keyed by username (cm1, tech1 …), residents (no company, no username) by name (张伟 …).
  const users = (await ds.getRepository(User).findBy({ isDemo: true })).filter(
    (u) => u.companyId === company.id || (u.kind === UserKind.Resident && u.companyId === null),
  );
  const people = new Map<string, Principal>();
  for (const user of users) people.set(user.username ?? user.name, await principals.load(user));
  const projects = new Map(
    (await ds.getRepository(Project).findBy({ companyId: company.id })).map((p) => [p.code, p.id]),
  );
  const opts = { strict: false };
  const office = new DemoOffice(
    ds,
    {
      tickets: app.get(TicketsService, opts),
      staff: app.get(TicketStaffService, opts),
      dispatch: app.get(DispatchService, opts),
      work: app.get(TicketWorkService, opts),
      signing: app.get(TicketSigningService, opts),
      cash: app.get(CashService, opts),
      charges: app.get(ChargesService, opts),
      chargeConfirmation: app.get(ChargeConfirmationService, opts),
      counter: app.get(CounterSalesService, opts),
      media: app.get(MediaService, opts),
    },
    people,
    projects,
  );

  await seedSunshineGarden(office);
  await seedJadeLake(office);
  return describeDemoTickets(ds, true, Date.now() - started);
}
