import { Injectable, Logger } from '@nestjs/common';
import type { ILiveTicketEvent } from '@app/shared';

export type TicketChangeListener = (change: ILiveTicketEvent) => void;

/**
 * "A ticket was created or changed", told after the change committed. Modules above tickets (live updates)
 * subscribe; tickets imports none of them. Listeners run synchronously and must not throw into the caller.
 */
@Injectable()
export class TicketChangeFeed {
  private readonly listeners = new Set<TicketChangeListener>();
  private readonly log = new Logger('TicketChangeFeed');

  subscribe(listener: TicketChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: ILiveTicketEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.log.warn(`ticket change listener failed: ${(error as Error).message}`);
      }
    }
  }
}
