import { Logger } from '@nestjs/common';

export interface BillRunJob {
  runId: number;
  /** The lease token the starter acquired; the job works only while the run still carries it. */
  leaseOwner: string;
}

/**
 * Where started runs wait for a worker. Company-wide runs enqueue one job per project. In-process by
 * default; a Redis-backed implementation can replace it behind the same interface (docs/billing.md).
 */
export abstract class BillRunQueue {
  abstract enqueue(job: BillRunJob): Promise<void>;
  /** Resolves when every job enqueued so far has finished (tests, graceful shutdown). */
  abstract idle(): Promise<void>;
  abstract close(): Promise<void>;
}

/** Runs jobs one after another in this process: a run is I/O bound and two at once only contend on locks. */
export class InProcessBillRunQueue extends BillRunQueue {
  private readonly logger = new Logger('BillRunQueue');
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly worker: (job: BillRunJob) => Promise<void>) {
    super();
  }

  enqueue(job: BillRunJob): Promise<void> {
    this.tail = this.tail
      .then(() => this.worker(job))
      .catch((error: unknown) => {
        this.logger.error(`bill run ${job.runId} failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    return Promise.resolve();
  }

  idle(): Promise<void> {
    return this.tail;
  }

  close(): Promise<void> {
    return this.tail;
  }
}
