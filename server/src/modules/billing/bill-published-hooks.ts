import { Injectable, Logger } from '@nestjs/common';

/** What a publish made visible: the project's bills of `period` for these houses. */
export interface BillsPublishedEvent {
  projectId: number;
  period: string;
  houseIds: number[];
}

export type BillsPublishedListener = (event: BillsPublishedEvent) => void | Promise<void>;

/**
 * "Bills were published" for modules above billing (prepayment settles them from the account). Billing may
 * not import those modules, so they subscribe here at start. Listeners are told after the publish has
 * committed; they run detached from the request and a failing listener never fails the publish — a listener
 * that must not miss an event has its own catch-up (docs/prepay-invoices.md).
 */
@Injectable()
export class BillPublishedHooks {
  private readonly logger = new Logger(BillPublishedHooks.name);
  private readonly listeners: BillsPublishedListener[] = [];

  subscribe(listener: BillsPublishedListener): void {
    this.listeners.push(listener);
  }

  emit(event: BillsPublishedEvent): void {
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(event))
        .catch((error: unknown) => {
          this.logger.error(
            { err: error, projectId: event.projectId, period: event.period },
            'bills-published listener failed',
          );
        });
    }
  }
}
