import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { BillRunJob, BillRunQueue } from './run-queue';

const QUEUE = 'bill-runs';

/**
 * Bill-run jobs through Redis (BullMQ) when REDIS_URL is set: a company-wide run fans out one job per
 * project and any server process may work it. Delivering a job twice is harmless — the job carries the
 * lease token, and the engine works only while the run still holds it.
 */
export class BullMqBillRunQueue extends BillRunQueue {
  private readonly logger = new Logger('BillRunQueue');
  private readonly connection: IORedis;
  private readonly workerConnection: IORedis;
  private readonly queue: Queue;
  private readonly worker: Worker;

  constructor(redisUrl: string, work: (job: BillRunJob) => Promise<void>, prefix = 'bills') {
    super();
    this.connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
    this.queue = new Queue(QUEUE, { connection: this.connection, prefix });
    this.workerConnection = this.connection.duplicate();
    this.worker = new Worker(QUEUE, async (job) => work(job.data as BillRunJob), {
      connection: this.workerConnection,
      prefix,
      concurrency: 1,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.error(`bill run job ${job?.id ?? '?'} failed: ${error.message}`),
    );
  }

  async enqueue(job: BillRunJob): Promise<void> {
    // The job id names the lease, so enqueueing the same start twice keeps one job.
    await this.queue.add('run', job, {
      jobId: `${job.runId}-${job.leaseOwner}`,
      removeOnComplete: 1000,
      removeOnFail: 1000,
    });
  }

  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (!Object.values(counts).some((n) => n > 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
    await this.workerConnection.quit();
    await this.connection.quit();
  }
}
