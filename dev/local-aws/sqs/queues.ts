// SQS queues holding feedback events: one per sender, visibility timeout, at-least-once
// delivery, and long polls held open until a message shows up or the wait ends.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorClock } from '../clock';
import { LOCAL_ACCOUNT_ID } from '../state';
import { queueNameForTag } from '../feedback/sender-tag';

export { QUEUE_PREFIX } from '../feedback/sender-tag';

/** SQS's default visibility timeout, in seconds. */
export const DEFAULT_VISIBILITY_TIMEOUT_S = 30;

export interface QueuedMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentAtMs: number;
  visibleAtMs: number;
  receiveCount: number;
  firstReceiveAtMs?: number;
  receiptHandles: Set<string>;
}

export interface Queue {
  name: string;
  /** The sender whose events the queue receives, once known (a send or an event named it). */
  sender: string | null;
  messages: QueuedMessage[];
}

export interface Received {
  message: QueuedMessage;
  receiptHandle: string;
}

interface Waiter {
  check: () => void;
  cancel: () => void;
}

export class QueueStore {
  private readonly queues = new Map<string, Queue>();
  private readonly waiters = new Set<Waiter>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly baseUrl: () => string,
  ) {
    clock.onChange(() => this.wake());
  }

  urlOf(queue: Queue, base: string = this.baseUrl()): string {
    return `${base}/${LOCAL_ACCOUNT_ID}/${queue.name}`;
  }

  list(): Queue[] {
    return [...this.queues.values()];
  }

  get(name: string): Queue | undefined {
    return this.queues.get(name);
  }

  /** The queue a QueueUrl names; the host part is ignored (localhost and 127.0.0.1 are one). */
  byUrl(url: string): Queue | undefined {
    const name = url.split('?')[0]!.replace(/\/+$/, '').split('/').pop() ?? '';
    return this.queues.get(name);
  }

  ensure(name: string, sender: string | null = null): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = { name, sender, messages: [] };
      this.queues.set(name, queue);
    } else if (sender && !queue.sender) {
      queue.sender = sender;
    }
    return queue;
  }

  ensureForSender(sender: string): Queue {
    return this.ensure(queueNameForTag(sender), sender);
  }

  enqueue(queue: Queue, body: string): QueuedMessage {
    const now = this.clock.now();
    const message: QueuedMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
      sentAtMs: now,
      visibleAtMs: now,
      receiveCount: 0,
      receiptHandles: new Set(),
    };
    queue.messages.push(message);
    this.wake();
    return message;
  }

  /** Takes up to `max` visible messages, hiding them for the visibility timeout. */
  receiveNow(queue: Queue, max: number, visibilityTimeoutS: number): Received[] {
    const now = this.clock.now();
    const received: Received[] = [];
    for (const message of queue.messages) {
      if (received.length >= max) break;
      if (message.visibleAtMs > now) continue;
      const receiptHandle = randomBytes(48).toString('base64url');
      message.receiptHandles.add(receiptHandle);
      message.receiveCount++;
      message.firstReceiveAtMs ??= now;
      message.visibleAtMs = now + visibilityTimeoutS * 1000;
      received.push({ message, receiptHandle });
    }
    return received;
  }

  /**
   * Long poll: answers at once if messages are visible, else holds until one becomes
   * visible (sent, clock moved, visibility ended) or `waitS` real seconds pass. A caller
   * that hangs up takes nothing off the queue.
   */
  receive(queue: Queue, max: number, visibilityTimeoutS: number, waitS: number, hungUp: () => boolean): Promise<Received[]> {
    const first = this.receiveNow(queue, max, visibilityTimeoutS);
    if (first.length > 0 || waitS <= 0) return Promise.resolve(first);
    return new Promise((resolve) => {
      let recheck: NodeJS.Timeout | undefined;
      const finish = (received: Received[]) => {
        clearTimeout(deadline);
        clearTimeout(recheck);
        this.waiters.delete(waiter);
        resolve(received);
      };
      const scheduleRecheck = () => {
        clearTimeout(recheck);
        const now = this.clock.now();
        const next = Math.min(...queue.messages.map((m) => m.visibleAtMs).filter((at) => at > now));
        if (Number.isFinite(next)) recheck = setTimeout(() => waiter.check(), Math.max(next - now, 5));
      };
      const waiter: Waiter = {
        check: () => {
          if (hungUp()) return finish([]);
          const received = this.receiveNow(queue, max, visibilityTimeoutS);
          if (received.length > 0) return finish(received);
          scheduleRecheck();
        },
        cancel: () => finish([]),
      };
      const deadline = setTimeout(() => finish([]), waitS * 1000);
      this.waiters.add(waiter);
      scheduleRecheck();
    });
  }

  /**
   * Deletes the message a receipt handle was issued for. Handles of a message already
   * deleted stay valid (deleting twice succeeds, as in SQS); false for a handle never issued.
   */
  delete(queue: Queue, receiptHandle: string): boolean {
    const index = queue.messages.findIndex((message) => message.receiptHandles.has(receiptHandle));
    if (index < 0) return this.deletedHandles.has(receiptHandle);
    for (const handle of queue.messages[index]!.receiptHandles) this.deletedHandles.add(handle);
    queue.messages.splice(index, 1);
    return true;
  }

  private readonly deletedHandles = new Set<string>();

  /** Reset: every queue is emptied but kept, so pollers holding a QueueUrl keep working. */
  emptyAll(): void {
    for (const queue of this.queues.values()) queue.messages = [];
    this.deletedHandles.clear();
  }

  /** Server shutdown: every held poll answers empty. */
  releaseWaiters(): void {
    for (const waiter of [...this.waiters]) waiter.cancel();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }
}
