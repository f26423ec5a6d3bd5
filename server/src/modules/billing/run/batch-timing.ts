/** Milliseconds per step of one batch, for BILL_RUN_TIMING=1 (where a run's time goes, batch by batch). */
export class BatchTiming {
  private readonly started = process.hrtime.bigint();
  private last = this.started;
  private readonly steps: string[] = [];

  mark(step: string): void {
    const at = process.hrtime.bigint();
    this.steps.push(`${step}=${(Number(at - this.last) / 1e6).toFixed(1)}`);
    this.last = at;
  }

  /** "lease=1.2 bills=30.5 … total=…ms", the total including the commit. */
  done(): string {
    this.mark('commit');
    return `${this.steps.join(' ')} total=${(Number(process.hrtime.bigint() - this.started) / 1e6).toFixed(1)}ms`;
  }
}
