import { BindingRelation, BindingStatus, HouseType } from '../contracts/property';
import { ChargeConfirmedVia, ChargeStatus, PaymentMethod } from '../contracts/charges';
import { PriceListStatus } from '../contracts/catalog';
import { AnnouncementStatus, AnnouncementTemplate } from '../contracts/announcements';
import { ComplaintStatus } from '../contracts/complaints';
import {
  CategoryKind,
  GLOSSARY,
  RATING_DIMENSIONS,
  categoryKind,
  relationLabel,
  ticketCategories,
  ticketTypeLabel,
  urgencyLabel,
} from '../glossary';
import { Role } from '../roles';
import { RepairScope, TicketAction, TicketChannel, TicketKind, TicketStatus, Urgency } from '../tickets';

/** Each label table against the enum it names: a new code without a Chinese label fails here. */
const ENUMS: Record<keyof typeof GLOSSARY, readonly string[]> = {
  role: Object.values(Role),
  ticketStatus: Object.values(TicketStatus),
  ticketKind: Object.values(TicketKind),
  ticketAction: Object.values(TicketAction),
  ticketChannel: Object.values(TicketChannel),
  repairScope: Object.values(RepairScope),
  urgency: Object.values(Urgency),
  rating: RATING_DIMENSIONS,
  signaturePurpose: ['quote_agreement', 'quote_decline', 'acceptance'],
  quoteStatus: ['pending', 'agreed', 'declined', 'superseded', 'final'],
  relation: Object.values(BindingRelation),
  bindingStatus: Object.values(BindingStatus),
  houseType: Object.values(HouseType),
  categoryKind: Object.values(CategoryKind),
  chargeStatus: Object.values(ChargeStatus),
  paymentMethod: Object.values(PaymentMethod),
  chargeConfirmedVia: Object.values(ChargeConfirmedVia),
  priceListStatus: Object.values(PriceListStatus),
  complaintStatus: Object.values(ComplaintStatus),
  complaintCategory: ['attitude', 'quality', 'timeliness', 'charges', 'environment', 'security', 'other'],
  complaintCause: ['staff_fault', 'process', 'third_party', 'facilities', 'unfounded', 'other'],
  complaintChannel: ['mini_program', 'phone', 'walk_in', 'return_visit'],
  announcementStatus: Object.values(AnnouncementStatus),
  announcementTemplate: Object.values(AnnouncementTemplate),
};

describe('glossary: one Chinese label per code', () => {
  it.each(Object.keys(ENUMS) as (keyof typeof GLOSSARY)[])(
    '%s labels every code, in Chinese, and nothing else',
    (table) => {
      const labels = GLOSSARY[table] as Record<string, string>;
      expect(Object.keys(labels).sort()).toEqual([...ENUMS[table]].sort());
      for (const label of Object.values(labels)) {
        expect(label).toMatch(/[\u4e00-\u9fa5]/);
        // No raw code may leak through a label ("张伟（owner）", "（GS）").
        expect(label).not.toMatch(/[a-z]{2,}|\b[A-Z]{2,}\b/);
      }
    },
  );

  it('labels within a table are distinct, so two codes never read the same', () => {
    for (const table of Object.keys(ENUMS) as (keyof typeof GLOSSARY)[]) {
      const values = Object.values(GLOSSARY[table] as Record<string, string>);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it('one wording for urgency, relation and the ticket type', () => {
    expect(urgencyLabel('normal')).toBe('一般');
    expect(relationLabel('owner')).toBe('业主');
    expect(relationLabel('楼长')).toBe('楼长');
    expect(relationLabel(null)).toBe('');
    expect(ticketTypeLabel('repair', 'home')).toBe('报修（户内）');
    expect(ticketTypeLabel('repair', 'public')).toBe('报修（公共区域）');
    expect(ticketTypeLabel('service', null)).toBe('特约服务');
  });
});

describe('ticket categories: one list for the 报修 page and 代客报修', () => {
  const item = (counterSale = false) => ({ counterSale });
  const schedule = [
    { code: 'GD', name: '供电设备维修类', items: [item()] },
    { code: 'JZ', name: '家政服务类', items: [item()] },
    { code: 'LH', name: '绿化服务类', items: [] },
    { code: 'DY', name: '打字复印类', items: [item()] },
    { code: 'BZ', name: '便民柜台', items: [item(true), item(true)] },
  ];

  it('classifies counter, repair and service categories', () => {
    expect(schedule.map(categoryKind)).toEqual(['repair', 'service', 'service', 'counter', 'counter']);
  });

  it('never offers a counter category; a booking needs items to book', () => {
    expect(ticketCategories(schedule, 'repair').map((c) => c.code)).toEqual(['GD', 'JZ', 'LH']);
    expect(ticketCategories(schedule, 'service').map((c) => c.code)).toEqual(['GD', 'JZ']);
    expect(ticketCategories(null, 'repair')).toEqual([]);
  });
});
