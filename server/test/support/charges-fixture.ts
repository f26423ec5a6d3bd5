import { IQuoteLine, lineAmountFen, Role, ScopeType } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { ChargesService } from '../../src/modules/charges/charges.service';
import {
  bindResident,
  makeStaff,
  makeTenant,
  makeVerifiedTicket,
  newOpenId,
  STAFF_PASSWORD,
  Tenant,
} from './factories';
import { bootTestApp, passwordLogin, TestApp, wechatLogin } from './test-app';

/** The charges e2e specs' world: company A with its staff and two bound residents, company B with a few. */
export interface ChargesFixture {
  t: TestApp;
  a: Tenant;
  b: Tenant;
  /** Access tokens and user ids by name (tech, cashier, pm, res …). */
  tok: Record<string, string>;
  ids: Record<string, number>;
}

export async function bootChargesFixture(): Promise<ChargesFixture> {
  const tok: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const t = await bootTestApp();
  const staff = async (
    name: string,
    role: Role,
    scopeId: number,
    scopeType: ScopeType = ScopeType.Project,
    companyId?: number,
  ) => {
    const s = await makeStaff(t.db, [{ role, scopeType, scopeId }], {
      companyId,
      technician: role === Role.Technician,
    });
    ids[name] = s.id;
    tok[name] = (await passwordLogin(t, s.username, STAFF_PASSWORD)).accessToken;
  };
  const a = await makeTenant(t.db, 4);
  const b = await makeTenant(t.db, 2);
  await staff('tech', Role.Technician, a.projectId, ScopeType.Project, a.companyId);
  await staff('tech2', Role.Technician, a.projectId, ScopeType.Project, a.companyId);
  await staff('cashier', Role.Cashier, a.projectId);
  await staff('cm', Role.CustomerManager, a.projectId);
  await staff('pm', Role.ProjectManager, a.projectId);
  await staff('pm2', Role.ProjectManager, a.projectId);
  await staff('pmB', Role.ProjectManager, b.projectId);
  await staff('cashierB', Role.Cashier, b.projectId);
  await staff('finance', Role.Finance, a.companyId, ScopeType.Company);
  await staff('financeB', Role.Finance, b.companyId, ScopeType.Company);
  for (const [name, house] of [
    ['res', a.houseIds[0]],
    ['res2', a.houseIds[1]],
  ] as const) {
    const pair = await wechatLogin(t, newOpenId());
    tok[name] = pair.accessToken;
    await bindResident(t.db, pair.user.id, house);
  }
  return { t, a, b, tok, ids };
}

export const labour = (unitPriceFen: number, quantityMilli = 1000): IQuoteLine => ({
  kind: 'labour',
  code: 'GD-001',
  name: '更换开关',
  unit: '个',
  unitPriceFen,
  quantityMilli,
  amountFen: lineAmountFen(unitPriceFen, quantityMilli),
});

export function chargeSteps(f: () => ChargesFixture) {
  /** Posts a charge for a real verified ticket assigned to `technician` (default: tech). */
  const post = async (
    lines: IQuoteLine[],
    opts: { ticketId?: number; agreementRef?: string; houseId?: number; technician?: string } = {},
  ) => {
    const { t, a, ids } = f();
    const houseId = opts.houseId ?? a.houseIds[0];
    const ticketId =
      opts.ticketId ??
      (
        await makeVerifiedTicket(t.db, {
          projectId: a.projectId,
          houseId,
          technicianId: ids[opts.technician ?? 'tech'],
        })
      ).id;
    return t.app.get(ChargesService).postForTicket({
      ticketId,
      ticketSerial: `T-${ticketId}`,
      projectId: a.projectId,
      houseId,
      agreementRef: opts.agreementRef ?? `quote-agree:${ticketId}`,
      lines: lines.map((l) => ({ ...l, scheduleVersionId: 7 })),
      actorId: ids.tech,
    });
  };
  const audits = (action: string, entityId: number) =>
    f().t.db.getRepository(AuditEntry).find({ where: { action, entityId } });
  const http = () => f().t.http();
  return { post, audits, http };
}
