import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { skewFromDateHeader } from './aws-time';

// Reads SES's HTTP `Date` header off every response (errors too) for lib/aws/aws-time.ts.

type Headers = Record<string, string | undefined> | undefined;
const dateOf = (headers: Headers) => headers?.date ?? headers?.Date;

/** Adds a middleware that reports each SES response's skew against the local clock. */
export function measureAwsTime(client: SESv2Client, onSkew: (skewMs: number) => void, now: () => number = Date.now): void {
  const report = (headers: Headers) => {
    const skew = skewFromDateHeader(dateOf(headers), now());
    if (skew !== undefined) onSkew(skew);
  };
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args);
        report((result.response as { headers?: Headers } | undefined)?.headers);
        return result;
      } catch (error) {
        report((error as { $response?: { headers?: Headers } }).$response?.headers);
        throw error;
      }
    },
    { step: 'deserialize', name: 'rampartAwsTime' },
  );
}
