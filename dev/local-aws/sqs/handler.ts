// SQS, AWS JSON 1.0 (`X-Amz-Target: AmazonSQS.<Operation>`), SigV4 service `sqs`: the
// calls a feedback-event consumer makes.
import type { Emulator } from '../context';
import { AwsError } from '../http/errors';
import { DEFAULT_VISIBILITY_TIMEOUT_S, QUEUE_PREFIX, type Queue, type Received } from './queues';

export const SQS_NAMESPACE = 'com.amazonaws.sqs';

const queueMissing = () =>
  new AwsError(400, 'QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue;Sender');
const invalidParameter = (message: string) => new AwsError(400, 'InvalidParameterValue', message, 'InvalidParameterValue;Sender');
const missingParameter = (name: string) =>
  new AwsError(400, 'MissingParameter', `The request must contain the parameter ${name}.`, 'MissingParameter;Sender');

function queueOf(emulator: Emulator, input: Record<string, unknown>): Queue {
  if (typeof input.QueueUrl !== 'string' || input.QueueUrl === '') throw missingParameter('QueueUrl');
  const queue = emulator.queues.byUrl(input.QueueUrl);
  if (!queue) throw queueMissing();
  return queue;
}

function integer(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(
      `Value ${String(value)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`,
    );
  }
  return value;
}

/**
 * GetQueueUrl: every `rampart-events-…` name answers, creating the queue on first use
 * (the team lead's per-SDR queue, already set up); any other name does not exist.
 */
function getQueueUrl(emulator: Emulator, input: Record<string, unknown>, queueUrlBase: string | undefined): unknown {
  const name = input.QueueName;
  if (typeof name !== 'string' || name === '') throw missingParameter('QueueName');
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(name) || !name.startsWith(QUEUE_PREFIX)) {
    if (!emulator.queues.get(name)) throw queueMissing();
  }
  const queue = emulator.queues.ensure(name);
  return { QueueUrl: emulator.queues.urlOf(queue, queueUrlBase) };
}

const SYSTEM_ATTRIBUTES = ['SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'];

function requestedAttributes(input: Record<string, unknown>): string[] {
  const names = [input.AttributeNames, input.MessageSystemAttributeNames].flatMap((list) => (Array.isArray(list) ? list : []));
  if (names.includes('All')) return SYSTEM_ATTRIBUTES;
  return SYSTEM_ATTRIBUTES.filter((name) => names.includes(name));
}

function messageShape({ message, receiptHandle }: Received, attributes: string[]) {
  const values: Record<string, string> = {
    SenderId: 'AIDALOCALAWSSNSDELIVERY',
    SentTimestamp: String(Math.floor(message.sentAtMs)),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(Math.floor(message.firstReceiveAtMs ?? message.sentAtMs)),
  };
  return {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(attributes.length ? { Attributes: Object.fromEntries(attributes.map((name) => [name, values[name]!])) } : {}),
  };
}

async function receiveMessage(emulator: Emulator, input: Record<string, unknown>, hungUp: () => boolean): Promise<unknown> {
  const queue = queueOf(emulator, input);
  const max = integer(input.MaxNumberOfMessages, 'MaxNumberOfMessages', 1, 10, 1);
  const visibility = integer(input.VisibilityTimeout, 'VisibilityTimeout', 0, 43200, DEFAULT_VISIBILITY_TIMEOUT_S);
  const wait = integer(input.WaitTimeSeconds, 'WaitTimeSeconds', 0, 20, 0);
  const received = await emulator.queues.receive(queue, max, visibility, wait, hungUp);
  const attributes = requestedAttributes(input);
  return received.length ? { Messages: received.map((r) => messageShape(r, attributes)) } : {};
}

function deleteMessageBatch(emulator: Emulator, input: Record<string, unknown>): unknown {
  const queue = queueOf(emulator, input);
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new AwsError(
      400,
      'EmptyBatchRequest',
      'There should be at least one DeleteMessageBatchRequestEntry in the request.',
      'AWS.SimpleQueueService.EmptyBatchRequest;Sender',
    );
  }
  if (entries.length > 10) {
    throw new AwsError(
      400,
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest;Sender',
    );
  }
  const ids = entries.map((entry: { Id?: unknown }) => entry?.Id);
  if (ids.some((id) => typeof id !== 'string' || !/^[\w-]{1,80}$/.test(id))) {
    throw new AwsError(
      400,
      'InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      'AWS.SimpleQueueService.InvalidBatchEntryId;Sender',
    );
  }
  if (new Set(ids).size !== ids.length) {
    throw new AwsError(
      400,
      'BatchEntryIdsNotDistinct',
      'Two or more batch entries in the request have the same Id.',
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct;Sender',
    );
  }
  const Successful: { Id: string }[] = [];
  const Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
  for (const entry of entries as { Id: string; ReceiptHandle?: unknown }[]) {
    const handle = typeof entry.ReceiptHandle === 'string' ? entry.ReceiptHandle : '';
    if (handle && emulator.queues.delete(queue, handle)) Successful.push({ Id: entry.Id });
    else
      Failed.push({
        Id: entry.Id,
        SenderFault: true,
        Code: 'ReceiptHandleIsInvalid',
        Message: `The input receipt handle "${handle}" is not a valid receipt handle.`,
      });
  }
  return { Successful, Failed };
}

function deleteMessage(emulator: Emulator, input: Record<string, unknown>): unknown {
  const queue = queueOf(emulator, input);
  const handle = typeof input.ReceiptHandle === 'string' ? input.ReceiptHandle : '';
  if (!handle) throw missingParameter('ReceiptHandle');
  if (!emulator.queues.delete(queue, handle)) {
    throw new AwsError(
      404,
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
      'ReceiptHandleIsInvalid;Sender',
    );
  }
  return {};
}

export async function handleSqs(
  emulator: Emulator,
  operation: string,
  input: Record<string, unknown>,
  hungUp: () => boolean,
  /** The origin a QueueUrl names (the host asked); the emulator's own URL by default. */
  queueUrlBase?: string,
): Promise<unknown> {
  switch (operation) {
    case 'GetQueueUrl':
      return getQueueUrl(emulator, input, queueUrlBase);
    case 'ReceiveMessage':
      return receiveMessage(emulator, input, hungUp);
    case 'DeleteMessageBatch':
      return deleteMessageBatch(emulator, input);
    case 'DeleteMessage':
      return deleteMessage(emulator, input);
    default:
      throw new AwsError(400, 'InvalidAction', `The action ${operation} is not valid for this endpoint.`, 'InvalidAction;Sender');
  }
}
