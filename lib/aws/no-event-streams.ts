// Stands in for `@smithy/core/event-streams` in the extension's build (wxt.config.ts):
// the SDK's HTTP protocols import it only for operations that stream events, and none of
// the operations Rampart calls (SES v2, SQS, Cognito) does. The real module would add
// about 5 KB gzipped to the background, which has a 150 KB budget (docs/architecture.md).

function unused(): never {
  throw new Error('Rampart calls no AWS operation that streams events.');
}

export class EventStreamSerde {
  constructor() {
    unused();
  }
}

export const eventStreamSerdeProvider = unused;
