import { INPUT_ENTITIES } from '../modules/billing/inputs/inputs.entity';
import { CashierCollection } from '../modules/payments/cashier/cashier-collection.entity';
import { MicropayReversal } from '../modules/payments/cashier/micropay-reversal.entity';
import { Bill, BillAdjustment, BillLine, BillRun, BillingItem } from '../modules/billing/billing.entity';
import { BillReminder } from '../modules/billing/reports/bill-reminder.entity';
import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { HouseBinding } from '../modules/bindings/house-binding.entity';
import { FeeCategory, FeeItem, MaterialPrice, PriceListVersion } from '../modules/catalog/price-list.entity';
import { ServiceCategory } from '../modules/catalog/service-category.entity';
import { CashHandover, Charge, ChargeLine, WaiverBudget } from '../modules/charges/charge.entity';
import { RefreshToken } from '../modules/identity/refresh-token.entity';
import { RoleAssignment } from '../modules/identity/role-assignment.entity';
import { User } from '../modules/identity/user.entity';
import { Media, MediaClaim } from '../modules/media/media.entity';
import { Ticket, TicketEvent, TicketMedia, TicketQuote, TicketSignature } from '../modules/tickets/ticket.entity';
import { RectificationTask, TicketDamage, TicketSerialCounter } from '../modules/tickets/ticket-support.entity';
import { TicketAgreement, TicketRating } from '../modules/tickets/ticket-outcome.entity';
import { TicketFollower } from '../modules/tickets/ticket-follower.entity';
import { DispatchPolicy } from '../modules/dispatch/dispatch-policy.entity';
import { InboxMessage } from '../modules/inbox/inbox-message.entity';
import { DeliveryAttempt, OutboxMessage, SubscribeCredit } from '../modules/notifications/outbox.entity';
import { SlaAlert, SlaBreach, SlaPolicy } from '../modules/sla/sla.entity';
import { PAYMENT_ENTITIES } from '../modules/payments/payments.entity';
import {
  Announcement,
  AnnouncementBuilding,
  AnnouncementRecipient,
} from '../modules/announcements/announcement.entity';
import { VisitReminder } from '../modules/reminders/visit-reminder.entity';
import { PrepayAccount, PrepayLedgerEntry, PrepayOffer } from '../modules/prepay/prepay.entity';
import { InvoiceRequestPayment, InvoiceRequestRow, InvoiceTitle } from '../modules/invoices/invoice.entity';
import { RECONCILIATION_ENTITIES } from '../modules/payments/reconciliation/reconciliation.entity';
import { Building, BuildingManager, House, Unit } from '../modules/property/building.entity';
import { Company, Project, Region } from '../modules/property/company.entity';
import { Department } from '../modules/property/department.entity';
import { CompanySettings } from '../modules/property/company-settings.entity';
import { TechnicianBuilding, TechnicianProfile } from '../modules/property/technician.entity';
import { COMPLAINT_ENTITIES } from '../modules/complaints/complaint.entity';

export const ENTITIES = [
  User,
  RoleAssignment,
  RefreshToken,
  Company,
  Region,
  Project,
  Building,
  Unit,
  House,
  BuildingManager,
  TechnicianProfile,
  TechnicianBuilding,
  Department,
  HouseBinding,
  AuditEntry,
  CompanySettings,
  PriceListVersion,
  FeeCategory,
  FeeItem,
  MaterialPrice,
  ServiceCategory,
  Charge,
  ChargeLine,
  CashHandover,
  WaiverBudget,
  Media,
  MediaClaim,
  Ticket,
  TicketEvent,
  TicketMedia,
  TicketQuote,
  TicketSignature,
  TicketSerialCounter,
  DispatchPolicy,
  InboxMessage,
  OutboxMessage,
  DeliveryAttempt,
  SubscribeCredit,
  SlaPolicy,
  SlaAlert,
  SlaBreach,
  Announcement,
  AnnouncementBuilding,
  AnnouncementRecipient,
  VisitReminder,
  RectificationTask,
  TicketDamage,
  TicketAgreement,
  TicketRating,
  TicketFollower,
  BillingItem,
  BillRun,
  Bill,
  BillLine,
  BillAdjustment,
  BillReminder,
  ...INPUT_ENTITIES,
  ...PAYMENT_ENTITIES,
  ...COMPLAINT_ENTITIES,
  PrepayAccount,
  PrepayLedgerEntry,
  PrepayOffer,
  InvoiceTitle,
  InvoiceRequestRow,
  InvoiceRequestPayment,
  ...RECONCILIATION_ENTITIES,
  CashierCollection,
  MicropayReversal,
];
