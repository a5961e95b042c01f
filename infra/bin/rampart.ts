#!/usr/bin/env -S npx tsx
import { App } from 'aws-cdk-lib';
import { RampartStack } from '../lib/rampart-stack.ts';

// The CDK app: the stack's settings come from cdk.json's context (or `-c key=value`).
// Account and region come from the deploying credentials (`cdk deploy`), never looked up.

const app = new App();
const context = (key: string): unknown => app.node.tryGetContext(`rampart:${key}`);
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? value.split(',').map((s) => s.trim()) : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const googleClientId = text(context('googleClientId'));
const googleClientSecretName = text(context('googleClientSecretName'));

new RampartStack(app, 'Rampart', {
  sendingDomain: text(context('sendingDomain')) ?? 'outbound.example.com',
  senders: list(context('senders')),
  teamDomains: list(context('teamDomains')).length ? list(context('teamDomains')) : undefined,
  invited: list(context('invited')),
  callbackUrls: list(context('callbackUrls')),
  hostedUiDomainPrefix: text(context('hostedUiDomainPrefix')),
  google: googleClientId && googleClientSecretName ? { clientId: googleClientId, clientSecretName: googleClientSecretName } : undefined,
  description: 'Rampart: sign-in, a least-privilege role for SDRs, the SES configuration set and feedback queues',
});
