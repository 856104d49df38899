/**
 * Runs accepted run tasks a few at a time, and holds a bounded number waiting: the service's
 * memory is bounded by (running + waiting) × the largest plan, however many requests arrive.
 * When it is full the service answers 503, and HCP Terraform sends the request again later.
 */
export class JobQueue {
  private running = 0;
  private readonly waiting: Array<() => Promise<void>> = [];
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly capacity: number,
  ) {}

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  hasRoom(): boolean {
    return this.running + this.waiting.length < this.concurrency + this.capacity;
  }

  /** Queues a job (which must not reject) unless the queue is full. */
  offer(job: () => Promise<void>): boolean {
    if (!this.hasRoom()) return false;
    this.waiting.push(job);
    // On a later turn of the event loop, so that the 200 is written before any work starts.
    setImmediate(() => this.pump());
    return true;
  }

  /** Resolves when nothing runs and nothing waits. */
  drained(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as () => Promise<void>;
      this.running += 1;
      void job()
        .catch(() => undefined)
        .finally(() => {
          this.running -= 1;
          this.pump();
        });
    }
    if (this.running === 0 && this.waiting.length === 0) this.idle.splice(0).forEach((resolve) => resolve());
  }
}
