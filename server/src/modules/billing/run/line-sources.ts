import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BatchTiming } from './batch-timing';
import type { BillBatch, BillLineSource } from './line-source';

/**
 * The registered line sources. Billing's own sources register in BillingModule; other code (meters'
 * sources live in this module too) registers the same way, at module init, before any run starts.
 * Sources run in registration order, but order never shows on a bill: lines are read by sort_order.
 */
@Injectable()
export class BillLineSources {
  private readonly sources: BillLineSource[] = [];

  register(source: BillLineSource): void {
    if (this.sources.some((s) => s.kind === source.kind))
      throw new Error(`bill line source ${source.kind} registered twice`);
    this.sources.push(source);
  }

  kinds(): string[] {
    return this.sources.map((s) => s.kind);
  }

  async insertAll(manager: EntityManager, batch: BillBatch, timing?: BatchTiming | null): Promise<void> {
    for (const source of this.sources) {
      await source.insertLines(manager, batch);
      timing?.mark(source.kind);
    }
  }
}
