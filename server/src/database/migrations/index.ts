import { Foundation1763800000000 } from './1763800000000-Foundation';
import { FeeScheduleAndAudit1763900000000 } from './1763900000000-FeeScheduleAndAudit';
import { Charges1763900001000 } from './1763900001000-Charges';
import { Tickets1764000000000 } from './1764000000000-Tickets';
import { Media1764000001000 } from './1764000001000-Media';
import { TicketIdempotency1764100000000 } from './1764100000000-TicketIdempotency';
import { ChargeConfirmation1764200100000 } from './1764200100000-ChargeConfirmation';
import { MediaClaims1764200101000 } from './1764200101000-MediaClaims';
import { InputBounds1764200200000 } from './1764200200000-InputBounds';
import { ServiceCategories1764200300000 } from './1764200300000-ServiceCategories';
import { TicketAgreementsAndRatings1764300000000 } from './1764300000000-TicketAgreementsAndRatings';
import { Administration1764300100000 } from './1764300100000-Administration';
import { Billing1764400000000 } from './1764400000000-Billing';
import { BillingInputs1764400010000 } from './1764400010000-BillingInputs';
import { BillReminders1764400020000 } from './1764400020000-BillReminders';
import { Notifications1764400200000 } from './1764400200000-Notifications';
import { Sla1764400300000 } from './1764400300000-Sla';
import { Payments1764400400000 } from './1764400400000-Payments';
import { CashierCollections1764400405000 } from './1764400405000-CashierCollections';
import { Prepay1764400410000 } from './1764400410000-Prepay';
import { Invoices1764400420000 } from './1764400420000-Invoices';
import { Reconciliation1764400430000 } from './1764400430000-Reconciliation';
import { Complaints1764400500000 } from './1764400500000-Complaints';
import { Announcements1764400510000 } from './1764400510000-Announcements';
import { TicketMerges1764400600000 } from './1764400600000-TicketMerges';
import { HouseBillingStart1764400610000 } from './1764400610000-HouseBillingStart';
import { InboxObjectId1764400630000 } from './1764400630000-InboxObjectId';
import { ShippingAndReversals1764400700000 } from './1764400700000-ShippingAndReversals';

/** Every migration, in order. Listed explicitly so bundling and jest need no glob loading. */
export const MIGRATIONS = [
  Foundation1763800000000,
  FeeScheduleAndAudit1763900000000,
  Charges1763900001000,
  Tickets1764000000000,
  Media1764000001000,
  TicketIdempotency1764100000000,
  ChargeConfirmation1764200100000,
  MediaClaims1764200101000,
  InputBounds1764200200000,
  ServiceCategories1764200300000,
  TicketAgreementsAndRatings1764300000000,
  Administration1764300100000,
  Billing1764400000000,
  BillingInputs1764400010000,
  BillReminders1764400020000,
  Notifications1764400200000,
  Sla1764400300000,
  Payments1764400400000,
  CashierCollections1764400405000,
  Prepay1764400410000,
  Invoices1764400420000,
  Reconciliation1764400430000,
  Complaints1764400500000,
  Announcements1764400510000,
  TicketMerges1764400600000,
  HouseBillingStart1764400610000,
  InboxObjectId1764400630000,
  ShippingAndReversals1764400700000,
];
