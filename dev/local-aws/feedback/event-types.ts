// The vocabulary of SES event publishing: the event types a configuration set's event
// destination can publish. A leaf: the SES state (which types each destination publishes)
// and the events' JSON (feedback/event-record.ts) both name them.

export type EventType = 'Send' | 'Delivery' | 'Bounce' | 'Complaint' | 'Reject' | 'DeliveryDelay' | 'RenderingFailure';
export const EVENT_TYPES: readonly EventType[] = ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject', 'DeliveryDelay', 'RenderingFailure'];
/** What a configuration set's event destination can match: the feedback events and one-click unsubscribes. */
export type PublishedType = EventType | 'Subscription';
export const PUBLISHED_TYPES: readonly PublishedType[] = [...EVENT_TYPES, 'Subscription'];
export type BounceType = 'Permanent' | 'Transient' | 'Undetermined';
