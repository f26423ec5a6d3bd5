import { INestApplicationContext } from '@nestjs/common';
import sharp from 'sharp';
import { DataSource, In } from 'typeorm';
import {
  ChargeConfirmation, ChargeSource, ChargeStatus, ITicket, RepairScope, TICKET_STATUS_LABELS, TicketChannel, TicketKind, TicketStatus, Urgency, UserKind, shanghaiDate, formatFen,
} from '@app/shared';
import { Principal } from '../common/principal';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CashService } from '../modules/charges/cash.service';
import { Charge } from '../modules/charges/charge.entity';
import { ChargesService } from '../modules/charges/charges.service';
import { CounterSalesService } from '../modules/charges/counter-sales.service';
import { PrincipalLoader } from '../modules/auth/principal.loader';
import { User } from '../modules/identity/user.entity';
import { MediaService } from '../modules/media/media.service';
import { Building, House, Unit } from '../modules/property/building.entity';
import { Company, Project } from '../modules/property/company.entity';
import { DispatchService } from '../modules/dispatch/dispatch.service';
import { TicketSigningService } from '../modules/tickets/ticket-signing.service';
import { TicketStaffService } from '../modules/tickets/ticket-staff.service';
import { TicketWorkService } from '../modules/tickets/ticket-work.service';
import { Ticket } from '../modules/tickets/ticket.entity';
import { TicketsService } from '../modules/tickets/tickets.service';
import { DEMO_COMPANY_CODE } from './demo-seed';

/**
 * Demo tickets, charges and counter sales, created THROUGH the real services (as each role would over
 * HTTP) so events, quotes, signatures, inbox messages, audit rows and serial numbers are all consistent.
 * Runs once: skipped as soon as the demo company has any ticket.
 */

export interface DemoTicketSummary {
  created: boolean;
  tickets: number;
  byStatus: { status: TicketStatus; label: string; count: number }[];
  onHold: number;
  escalated: number;
  cashOutstandingFen: number;
  openCharges: number;
  unconfirmedCharges: number;
  counterSalesToday: number;
  ms: number;
}

async function demoProjectIds(ds: DataSource): Promise<number[]> {
  const company = await ds.getRepository(Company).findOneBy({ code: DEMO_COMPANY_CODE });
  if (!company) return [];
  return (await ds.getRepository(Project).find({ select: { id: true }, where: { companyId: company.id } })).map((p) => p.id);
}

/** Cheap check the seed CLI runs before booting the application context. */
export async function demoTicketsExist(ds: DataSource): Promise<boolean> {
  const projectIds = await demoProjectIds(ds);
  return projectIds.length > 0 && (await ds.getRepository(Ticket).countBy({ projectId: In(projectIds) })) > 0;
}

export async function describeDemoTickets(ds: DataSource, created = false, ms = 0): Promise<DemoTicketSummary> {
  const projectIds = await demoProjectIds(ds);
  const tickets = projectIds.length ? await ds.getRepository(Ticket).findBy({ projectId: In(projectIds) }) : [];
  const charges = projectIds.length ? await ds.getRepository(Charge).findBy({ projectId: In(projectIds) }) : [];
  const today = shanghaiDate(new Date());
  const byStatus = (Object.values(TicketStatus) as TicketStatus[])
    .map((status) => ({ status, label: TICKET_STATUS_LABELS[status], count: tickets.filter((t) => t.status === status).length }))
    .filter((s) => s.count > 0);
  return {
    created, ms, tickets: tickets.length, byStatus,
    onHold: tickets.filter((t) => t.onHold).length,
    escalated: tickets.filter((t) => t.escalated).length,
    cashOutstandingFen: charges.filter((c) => c.status === ChargeStatus.CashCollected && c.handoverId === null).reduce((s, c) => s + c.totalFen, 0),
    openCharges: charges.filter((c) => c.status === ChargeStatus.Open && c.source === ChargeSource.Ticket).length,
    unconfirmedCharges: charges.filter((c) => c.confirmation === ChargeConfirmation.Unconfirmed).length,
    counterSalesToday: charges.filter((c) => c.source === ChargeSource.Counter && c.paidAt && shanghaiDate(c.paidAt) === today).length,
  };
}

export function formatDemoTicketSummary(s: DemoTicketSummary): string {
  const states = s.byStatus.map((b) => `${b.label} ${b.count}`).join('、');
  const head = s.created ? `演示工单已创建：${s.tickets} 张` : `演示工单已存在（未重复创建）：${s.tickets} 张`;
  const timing = s.created ? `，用时 ${(s.ms / 1000).toFixed(1)} 秒` : '';
  return `${head}（${states}；挂起 ${s.onHold}、升级 ${s.escalated}），待交现金 ${formatFen(s.cashOutstandingFen)}，`
    + `待结算费用 ${s.openCharges} 笔（其中待业主确认 ${s.unconfirmedCharges} 笔），今日前台收款 ${s.counterSalesToday} 笔${timing}\n`;
}

/** A small deterministic PRNG so every seeded database gets the same pictures. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

/** A phone-photo stand-in: a lit wall gradient with a fixture-like shape. Rendered to JPEG (SVG is never uploaded). */
async function demoPhoto(seed: number): Promise<Buffer> {
  const r = prng(seed * 7919 + 17);
  const hue = Math.floor(r() * 360);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},25%,82%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},30%,45%)"/>
    </linearGradient></defs>
    <rect width="800" height="600" fill="url(#g)"/>
    <rect x="0" y="${380 + Math.floor(r() * 60)}" width="800" height="220" fill="hsl(${(hue + 180) % 360},12%,${55 + Math.floor(r() * 20)}%)"/>
    <rect x="${150 + Math.floor(r() * 300)}" y="${120 + Math.floor(r() * 80)}" width="${120 + Math.floor(r() * 120)}" height="${140 + Math.floor(r() * 100)}"
      rx="14" fill="hsl(${(hue + 90) % 360},10%,${70 + Math.floor(r() * 20)}%)" stroke="#555" stroke-width="4"/>
    <circle cx="${200 + Math.floor(r() * 400)}" cy="${300 + Math.floor(r() * 100)}" r="${20 + Math.floor(r() * 30)}" fill="hsl(${hue},40%,30%)" opacity="0.6"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** A handwritten-looking signature: one flowing stroke plus an underline, as a Canvas export would give (transparent PNG). */
async function demoSignature(seed: number): Promise<Buffer> {
  const r = prng(seed * 104729 + 3);
  let d = `M${100 + Math.floor(r() * 40)} ${220 + Math.floor(r() * 40)}`;
  for (let i = 0; i < 6; i++) {
    d += ` c${20 + Math.floor(r() * 30)} ${-60 - Math.floor(r() * 80)} ${50 + Math.floor(r() * 30)} ${-60 - Math.floor(r() * 60)} ${70 + Math.floor(r() * 20)} ${-10 + Math.floor(r() * 30)}`;
    d += ` s${-30 - Math.floor(r() * 20)} ${60 + Math.floor(r() * 50)} ${10 + Math.floor(r() * 20)} ${40 + Math.floor(r() * 30)}`;
  }
  const underline = `M${110 + Math.floor(r() * 30)} ${320 + Math.floor(r() * 20)} q220 ${-20 - Math.floor(r() * 20)} ${420 + Math.floor(r() * 60)} ${-10 + Math.floor(r() * 20)}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="750" height="400"><g stroke="#1a1a2e" stroke-width="5" fill="none" stroke-linecap="round" stroke-linejoin="round"><path d="${d}"/><path d="${underline}"/></g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

interface Services {
  tickets: TicketsService;
  staff: TicketStaffService;
  dispatch: DispatchService;
  work: TicketWorkService;
  signing: TicketSigningService;
  cash: CashService;
  charges: ChargesService;
  counter: CounterSalesService;
  media: MediaService;
}

type Line = { code: string; quantityMilli: number };

/** Wraps the services with the demo's people so each step below reads like what that person does. */
class DemoOffice {
  private uploads = 0;

  constructor(
    private readonly ds: DataSource,
    private readonly s: Services,
    readonly people: Map<string, Principal>,
    readonly projects: Map<string, number>,
  ) {}

  who(key: string): Principal {
    const p = this.people.get(key);
    if (!p) throw new Error(`demo user ${key} is missing; run the demo data seed first`);
    return p;
  }

  async house(project: string, building: number, unit: number, room: string): Promise<number> {
    const house = await this.ds.createQueryBuilder(House, 'h')
      .innerJoin(Building, 'bd', 'bd.id = h.building_id')
      .innerJoin(Unit, 'u', 'u.id = h.unit_id')
      .where('h.project_id = :projectId AND bd.name = :building AND u.name = :unit AND h.room_no = :room', {
        projectId: this.projects.get(project), building: `${building}栋`, unit: `${unit}单元`, room,
      })
      .getOneOrFail();
    return house.id;
  }

  /** clientUploadId is deterministic, so even a re-run after a crash would reuse rather than duplicate uploads. */
  async photo(owner: string): Promise<number> {
    const n = ++this.uploads;
    const res = await this.s.media.upload(this.who(owner).userId, { clientUploadId: `demo-seed-photo-${n}`, kind: 'photo', body: await demoPhoto(n) });
    return res.id;
  }

  async signature(owner: string, signerName: string, relation: string, snapshotHash: string) {
    const n = ++this.uploads;
    const res = await this.s.media.upload(this.who(owner).userId, { clientUploadId: `demo-seed-sign-${n}`, kind: 'signature', body: await demoSignature(n) });
    return { signatureMediaId: res.id, signerName, relation, snapshotHash };
  }

  /** A resident reporting in the mini-program (with a photo of the problem). */
  async residentReports(resident: string, houseId: number, req: { kind?: TicketKind; category: string; description: string; feeItemCode?: string; urgency?: Urgency; photo?: boolean }): Promise<ITicket> {
    const kind = req.kind ?? TicketKind.Repair;
    return this.s.tickets.create(this.who(resident), {
      houseId, kind, scope: kind === TicketKind.Repair ? RepairScope.Home : null, category: req.category, feeItemCode: req.feeItemCode ?? null,
      urgency: req.urgency ?? Urgency.Normal, description: req.description,
      mediaIds: req.photo === false ? undefined : [await this.photo(resident)],
    });
  }

  /** The customer manager recording a phone call or a walk-in at the service desk. */
  async deskRecords(cm: string, req: {
    houseId?: number; projectId?: number; kind?: TicketKind; scope?: RepairScope; feeItemCode?: string; category: string; description: string;
    contactName: string; contactPhone: string; channel?: TicketChannel; urgency?: Urgency;
  }): Promise<ITicket> {
    return this.s.tickets.create(this.who(cm), {
      houseId: req.houseId ?? null, projectId: req.projectId ?? null, kind: req.kind ?? TicketKind.Repair, scope: req.scope ?? null,
      feeItemCode: req.feeItemCode ?? null, category: req.category,
      urgency: req.urgency ?? Urgency.Normal, description: req.description, channel: req.channel ?? TicketChannel.Phone,
      contactName: req.contactName, contactPhone: req.contactPhone,
    });
  }

  register(cm: string, t: ITicket) {
    return this.s.dispatch.register(this.who(cm), t.id, { priceExplained: t.paid ? true : undefined });
  }

  grab(tech: string, t: ITicket) {
    return this.s.dispatch.grab(this.who(tech), t.id);
  }

  dispatchTo(by: string, t: ITicket, tech: string) {
    return this.s.dispatch.dispatch(this.who(by), t.id, this.who(tech).userId);
  }

  accept(tech: string, t: ITicket, visitAt: Date) {
    return this.s.work.accept(this.who(tech), t.id, { visitAt: visitAt.toISOString() });
  }

  async checkIn(tech: string, t: ITicket) {
    return this.s.work.checkIn(this.who(tech), t.id, { mediaIds: [await this.photo(tech)] });
  }

  quote(tech: string, t: ITicket, items: Line[], materials: Line[] = []) {
    return this.s.work.quote(this.who(tech), t.id, { items, materials });
  }

  /** Consent to the quote: on the resident's own phone (`signer` is the resident key) or on the technician's. */
  async agree(signer: string, t: ITicket, name: string, relation: string): Promise<ITicket> {
    const current = await this.s.tickets.detail(this.who(signer), t.id);
    return this.s.signing.agree(this.who(signer), t.id, await this.signature(signer, name, relation, current.quote!.snapshotHash));
  }

  async complete(tech: string, t: ITicket, result: string) {
    return this.s.work.complete(this.who(tech), t.id, { result, mediaIds: [await this.photo(tech)] });
  }

  async verify(signer: string, t: ITicket, name: string, relation: string, rating: [number, number, number], comment?: string): Promise<ITicket> {
    const current = await this.s.tickets.detail(this.who(signer), t.id);
    return this.s.signing.verify(this.who(signer), t.id, {
      overall: rating[0], punctuality: rating[1], attitude: rating[2], comment: comment ?? null,
      ...(await this.signature(signer, name, relation, current.acceptanceSnapshotHash!)),
    });
  }

  /** From a fresh request to 待确认报价 the usual way: register → grab from the pool → accept → on site → quote. */
  async toQuoted(cm: string, tech: string, t: ITicket, items: Line[], materials: Line[] = []): Promise<ITicket> {
    await this.register(cm, t);
    await this.grab(tech, t);
    await this.accept(tech, t, minutesFromNow(5));
    await this.checkIn(tech, t);
    return this.quote(tech, t, items, materials);
  }

  get svc(): Services {
    return this.s;
  }
}

function minutesFromNow(minutes: number): Date {
  return new Date(Date.now() + minutes * 60_000);
}

/** A Shanghai wall-clock time `days` from today, e.g. tomorrow 10:00 for an appointment. */
function shanghaiAt(days: number, hhmm: string): Date {
  const day = shanghaiDate(new Date(Date.now() + days * 86_400_000));
  return new Date(`${day}T${hhmm}:00+08:00`);
}

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
  const users = (await ds.getRepository(User).findBy({ isDemo: true }))
    .filter((u) => u.companyId === company.id || (u.kind === UserKind.Resident && u.companyId === null));
  const people = new Map<string, Principal>();
  for (const user of users) people.set(user.username ?? user.name, await principals.load(user));
  const projects = new Map((await ds.getRepository(Project).findBy({ companyId: company.id })).map((p) => [p.code, p.id]));
  const opts = { strict: false };
  const office = new DemoOffice(ds, {
    tickets: app.get(TicketsService, opts), staff: app.get(TicketStaffService, opts), dispatch: app.get(DispatchService, opts),
    work: app.get(TicketWorkService, opts), signing: app.get(TicketSigningService, opts), cash: app.get(CashService, opts),
    charges: app.get(ChargesService, opts), counter: app.get(CounterSalesService, opts), media: app.get(MediaService, opts),
  }, people, projects);

  await seedSunshineGarden(office);
  await seedJadeLake(office);
  return describeDemoTickets(ds, true, Date.now() - started);
}

/** 阳光花园: cm1 at the desk, sup1 dispatching, tech1 (水电), tech2 (门窗锁具家电), pm1 managing. */
async function seedSunshineGarden(o: DemoOffice): Promise<void> {
  const zhangwei = await o.house('YGHY', 3, 1, '1201');
  const liuyang = await o.house('YGHY', 5, 2, '801');

  // Finished work first, so the technicians' open-job caps are not filled by the tickets still in flight.
  // 已验收，计入账单（张伟, open charge for pm1's 费用减免 page).
  let t = await o.residentReports('张伟', zhangwei, { category: 'GS', description: '厨房水龙头关不紧，一直滴水，晚上能听到滴答声，水费也涨了。' });
  t = await o.toQuoted('cm1', 'tech1', t, [{ code: 'GS-001', quantityMilli: 1000 }], [{ code: 'M-007', quantityMilli: 1000 }]);
  await o.agree('张伟', t, '张伟', 'owner');
  await o.complete('tech1', t, '更换陶瓷阀芯冷热水龙头一个，生料带密封，试水 10 分钟无渗漏，已清理台面。');
  await o.verify('张伟', t, '张伟', 'owner', [5, 5, 5], '王师傅准时上门，换得很利索，还教了我怎么关总阀。');

  // 已验收，现金 ¥17.00 由王师傅收讫，待交款（电话报修，业主在师傅手机上签字）.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 4, 2, '1502'), scope: RepairScope.Home, category: 'GS',
    description: '卫生间洗手盆冷水龙头拧到底还在滴水，想换个阀芯。', contactName: '陈先生', contactPhone: '13816624015',
  });
  t = await o.toQuoted('cm1', 'tech1', t, [{ code: 'GS-003', quantityMilli: 1000 }], [{ code: 'M-013', quantityMilli: 1000 }]);
  await o.agree('tech1', t, '陈建国', 'owner');
  await o.complete('tech1', t, '更换水龙头阀芯一个，开闭灵活，无滴漏。');
  t = await o.verify('tech1', t, '陈建国', 'owner', [5, 4, 5]);
  // Signed on the technician's phone, so the charge waited for 陈先生: cm1 called him, recorded his
  // confirmation and his choice of cash; only then could 王师傅 take the cash.
  await o.svc.charges.confirmByPhone(o.who('cm1'), t.chargeId!, '电话联系陈先生，确认换阀芯费用 ¥17.00，同意现场付现金');
  await o.svc.cash.chooseCashByPhone(o.who('cm1'), t.chargeId!, '陈先生电话中选择现场现金支付');
  await o.svc.cash.collect(o.who('tech1'), t.chargeId!);

  // 已完结：验收 → 回访满意 → 完结；费用计入账单（open charge）.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 1, 2, '601'), scope: RepairScope.Home, category: 'JJ', channel: TicketChannel.WalkIn,
    description: '入户门锁舌卡住，关门要用力撞才锁得上，老人在家不方便。', contactName: '周阿姨', contactPhone: '13917730612',
  });
  t = await o.toQuoted('cm1', 'tech2', t, [{ code: 'JJ-001', quantityMilli: 1000 }]);
  await o.agree('tech2', t, '周美玲', 'owner');
  await o.complete('tech2', t, '调整锁舌与锁扣位置，锁体加润滑油，开关顺畅。');
  t = await o.verify('tech2', t, '周美玲', 'owner', [4, 5, 4], '修好了，下次能早点到就更好。');
  await o.svc.staff.returnVisit(o.who('cm1'), t.id, { result: '电话回访：门锁使用正常，业主满意。', satisfied: true });
  // The return-visit call is where the customer manager records the resident's confirmation of a staff-device charge.
  if (t.chargeId) await o.svc.charges.confirmByPhone(o.who('cm1'), t.chargeId, '回访电话中周阿姨确认门锁维修费用');
  await o.svc.staff.close(o.who('cm1'), t.id);

  // 特约服务（油烟机清洗）：已验收，计入账单.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 7, 1, '1101'), kind: TicketKind.Service, feeItemCode: 'JJ-009', category: 'JJ',
    description: '预约油烟机深度清洗，吸力明显变小，油杯快满了。', contactName: '冯女士', contactPhone: '13795121101',
  });
  t = await o.toQuoted('cm1', 'tech2', t, [{ code: 'JJ-009', quantityMilli: 1000 }]);
  await o.agree('tech2', t, '冯晓琳', 'owner');
  await o.complete('tech2', t, '拆洗油网、风轮和油杯，内腔除油，试运行吸力正常无异响。');
  // Signed on the technician's phone: the charge stays 未确认 for cm1 to confirm at the return visit (demo).
  await o.verify('tech2', t, '冯晓琳', 'owner', [5, 5, 4], '洗得很干净，跟新的一样。');

  // 返修两次后升级给项目经理 pm1（仍在施工中）.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 10, 1, '302'), scope: RepairScope.Home, category: 'JJ',
    description: '主卧推拉门滑轮坏了，推拉很费劲，还经常脱轨。', contactName: '吴女士', contactPhone: '13764418302',
  });
  t = await o.toQuoted('cm1', 'tech2', t, [{ code: 'JJ-003', quantityMilli: 2000 }]);
  await o.agree('tech2', t, '吴丽', 'owner');
  await o.complete('tech2', t, '更换推拉门下滑轮两个，调整轨道，推拉顺畅。');
  await o.svc.staff.rework(o.who('cm1'), t.id, '业主来电：推拉门仍然卡顿，关不严，要求返修。');
  await o.complete('tech2', t, '重新调整滑轮高度，清理轨道内沙粒。');
  await o.svc.staff.rework(o.who('cm1'), t.id, '第二次返修后门还是会脱轨，业主很不满意，怀疑轨道变形。');

  // 待验收：刘洋 agreed in the mini-program; now he is asked to accept the work.
  t = await o.residentReports('刘洋', liuyang, { category: 'GD', description: '客厅电视墙有一个五孔插座没电，插上电器没反应，其他插座正常。' });
  t = await o.toQuoted('cm1', 'tech1', t, [{ code: 'GD-003', quantityMilli: 1000 }], [{ code: 'M-003', quantityMilli: 1000 }]);
  await o.agree('刘洋', t, '刘洋', 'tenant');
  await o.complete('tech1', t, '插座背面接线松脱烧蚀，已更换五孔插座面板，通电测试正常。');

  // 待确认报价：张伟 sees it in the mini-program and signs there.
  t = await o.residentReports('张伟', zhangwei, { category: 'GS', description: '主卫马桶水箱一直有流水声，按钮按下去回弹很慢，晚上特别明显。' });
  await o.toQuoted('cm1', 'tech1', t, [{ code: 'GS-004', quantityMilli: 1000 }], [{ code: 'M-010', quantityMilli: 1000 }]);

  // 施工中：业主在师傅手机上签字同意报价.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 9, 1, '1602'), scope: RepairScope.Home, category: 'JJ', channel: TicketChannel.WalkIn,
    description: '卧室两扇纱窗破了洞，晚上蚊子多，想整扇更换。', contactName: '郑先生', contactPhone: '13601859216',
  });
  t = await o.toQuoted('cm1', 'tech2', t, [{ code: 'JJ-004', quantityMilli: 2000 }]);
  await o.agree('tech2', t, '郑海涛', 'owner');

  // 已接单，约明天上午上门.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 2, 1, '902'), scope: RepairScope.Home, category: 'GS',
    description: '厨房水槽下面的进水软管滴水，柜子底板已经泡湿发胀。', contactName: '黄女士', contactPhone: '13585206902',
  });
  await o.register('cm1', t);
  await o.grab('tech1', t);
  await o.accept('tech1', t, shanghaiAt(1, '10:00'));

  // 已派单（公共区域，主管派给王师傅，等他接单）.
  t = await o.deskRecords('cm1', {
    projectId: o.projects.get('YGHY'), scope: RepairScope.Public, category: 'GD', urgency: Urgency.Emergency,
    description: '8栋2单元 12 楼楼道声控灯不亮，晚上上下楼一片漆黑，老人孩子容易摔。', contactName: '8栋楼长 何阿姨', contactPhone: '13918208120',
  });
  await o.register('cm1', t);
  await o.dispatchTo('sup1', t, 'tech1');

  // 已受理，在主管待派队列：李师傅抢单后退单.
  t = await o.residentReports('刘洋', liuyang, { category: 'JJ', description: '入户门锁芯转不动，钥匙插进去很紧，担心哪天被锁在门外。' });
  await o.register('cm1', t);
  await o.grab('tech2', t);
  await o.svc.dispatch.decline(o.who('tech2'), t.id, '需要同型号锁芯，仓库没货，今天去不了，请主管改派或先订货。');

  // 已受理，在抢单池.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 6, 3, '502'), scope: RepairScope.Home, category: 'GD',
    description: '阳台灯不亮，自己换了新灯泡还是不亮，怀疑是开关坏了。', contactName: '孙先生', contactPhone: '13671625502',
  });
  await o.register('cm1', t);

  // 待受理：张伟刚在小程序提交.
  await o.residentReports('张伟', zhangwei, { category: 'GS', description: '卫生间洗手盆下水很慢，早上刷牙水能积半池，麻烦师傅来看看。' });

  // 已取消：刘洋预约的保洁，出差改期.
  t = await o.residentReports('刘洋', liuyang, { kind: TicketKind.Service, category: 'JZ', feeItemCode: 'JZ-001', description: '周六上午想约 3 小时日常保洁，厨房和两个卫生间重点打扫。', photo: false });
  await o.register('cm1', t);
  await o.svc.staff.cancel(o.who('刘洋'), t.id, '临时出差，下周回来再约。');

  // 建议：客户经理已答复.
  t = await o.residentReports('张伟', zhangwei, { kind: TicketKind.Suggestion, category: '公共设施', description: '建议在 3 栋门口加装智能快递柜，现在快递都堆在门卫室，晚上取件很不方便。', photo: false });
  await o.svc.staff.reply(o.who('cm1'), t.id, '感谢您的建议！物业已联系快递柜服务商现场勘查，计划下月在 3 栋和 7 栋之间的架空层安装，届时会在小区公告栏通知。');

  // 前台收款：两笔打字复印.
  const projectId = o.projects.get('YGHY')!;
  await o.svc.counter.create(o.who('cashier1'), { projectId, houseId: zhangwei, items: [{ code: 'DY-001', quantityMilli: 12_000 }], paidBy: 'wechat', note: '3栋1201 张先生 复印房产证、身份证' });
  await o.svc.counter.create(o.who('cashier1'), { projectId, items: [{ code: 'DY-002', quantityMilli: 4000 }, { code: 'DY-003', quantityMilli: 2000 }], paidBy: 'cash', note: '装修公司 彩打施工图' });
}

/** 翠湖苑: cm2 at the desk, tech4 (水电), tech6 (绿化保洁), pm2 managing. */
async function seedJadeLake(o: DemoOffice): Promise<void> {
  const wangfang = await o.house('CHY', 2, 1, '1502');

  // 已验收：王芳选择现金，赵师傅收讫，王芳在小程序确认已付.
  let t = await o.residentReports('王芳', wangfang, { category: 'GD', description: '卫生间镜前灯不亮了，开关按了没反应，灯管发黑。' });
  t = await o.toQuoted('cm2', 'tech4', t, [{ code: 'GD-001', quantityMilli: 1000 }], [{ code: 'M-001', quantityMilli: 1000 }]);
  await o.agree('王芳', t, '王芳', 'owner');
  await o.complete('tech4', t, '更换 LED 灯泡一个，试亮正常。');
  t = await o.verify('王芳', t, '王芳', 'owner', [5, 5, 5], '赵师傅很细心，走之前把地也擦了。');
  await o.svc.charges.setPaymentMethod(o.who('王芳'), t.chargeId!, 'cash');
  await o.svc.cash.collect(o.who('tech4'), t.chargeId!);
  await o.svc.cash.confirm(o.who('王芳'), t.chargeId!);

  // 挂起（等配件）：热水器点火器要向厂家订购.
  t = await o.deskRecords('cm2', {
    houseId: await o.house('CHY', 6, 1, '301'), scope: RepairScope.Home, category: 'GS',
    description: '燃气热水器打不着火，一直咔咔响，家里没热水洗澡。', contactName: '钱先生', contactPhone: '13524460301',
  });
  t = await o.toQuoted('cm2', 'tech4', t, [{ code: 'GS-009', quantityMilli: 1000 }]);
  await o.agree('tech4', t, '钱志明', 'owner');
  await o.svc.staff.hold(o.who('sup1'), t.id, '等配件：热水器型号较老，点火器需向厂家订购，预计 3 天到货。');

  // 公共区域报修：绿化师傅施工中.
  t = await o.deskRecords('cm2', {
    projectId: o.projects.get('CHY'), scope: RepairScope.Public, category: 'LH',
    description: '中心花园喷泉旁边的草坪喷灌头坏了，一直往外冒水，草坪积水。', contactName: '巡逻保安 小杨', contactPhone: '13817716016',
  });
  await o.register('cm2', t);
  await o.dispatchTo('sup1', t, 'tech6');
  await o.accept('tech6', t, minutesFromNow(10));
  await o.checkIn('tech6', t);
  await o.svc.work.start(o.who('tech6'), t.id);

  // 待受理：王芳刚提交.
  await o.residentReports('王芳', wangfang, { category: 'GS', description: '厨房燃气灶右边的灶眼打不着火，一直咔咔响，左边的正常。' });
}
