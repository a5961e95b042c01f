import type { CapView } from '@/lib/core/finding';
import type { CapFigures } from '@/lib/send/cap-figures';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import type { HealthSourceName } from '@/lib/account/health-source';
import type { CalendarDay } from '@/lib/core/calendar';
import type { HealthStatus, RateReport } from '@/lib/ramp/health';
import type { RampLimit, RampStatus } from '@/lib/ramp/state';
import type { Runway } from '@/lib/ramp/runway';
import type { SyncPart, SyncPartStatus } from '@/lib/store/records';

// What the popup shows, as the background's `dashboard` handler reads it from IndexedDB.
// Plain data: sentences are in English for logs and tests; the popup words what it shows
// from the codes and figures, in the user's language (lib/i18n).

export type { CapFigures };

export interface RampView {
  dayNumber: number;
  rampDay: number;
  status: RampStatus;
  plannedCap: number;
  stepCap: number;
  teamCap: number;
  limits: RampLimit[];
  freezeUntil?: string;
  target: number;
  quotaNeeded: number;
  startDate: CalendarDay;
  timeZone: string;
}

/** One bar pair of the chart: my planned share against what I sent. */
export interface ChartDay {
  day: CalendarDay;
  dayNumber: number;
  planned: number;
  sent: number;
}

export interface HealthView {
  source: HealthSourceName;
  syncedAt?: string;
  fallbackReason?: string;
  from: CalendarDay;
  to: CalendarDay;
  status: HealthStatus;
  rates: RateReport[];
}

export type AlertCode =
  | 'paused'
  | 'frozen'
  | 'held'
  | 'cut'
  | 'health'
  | 'not-started'
  | 'rate-warn'
  | 'rate-alert'
  | 'sending-disabled'
  | 'probation'
  | 'shutdown'
  | 'sync-failed'
  | 'feedback-failed'
  | 'no-plan'
  | 'not-configured';

export interface DashboardAlert {
  code: AlertCode;
  severity: 'alert' | 'warn' | 'info';
  sentence: string;
  /** Figures the popup words the alert with (a rate's name, a percentage, a time). */
  params?: Record<string, string | number>;
}

export interface ChangeLogLine {
  at: string;
  kind: string;
  message: string;
  /** For a ramp action: which one (freeze, cut, pause, hold, resume…). */
  action?: string;
  /** Written by hand (the lead's note), not by Rampart. */
  manual?: true;
}

export type CheckCode = 'production-access' | 'domain-auth' | 'plan-fits-quota' | 'monitoring' | 'suppression';

/** One line of docs/rules.md's five-minute check: green, to do, or not known yet. */
export interface CheckLine {
  code: CheckCode;
  status: 'ok' | 'todo' | 'unknown';
  sentence: string;
  /** Why, as a code with its figures: the popup words it in the reader's language. */
  detail: { reason: CheckReason; params?: Record<string, string | number> };
}

export type CheckReason =
  | 'not-synced'
  | 'sandbox'
  | 'from-unverified'
  | 'access-ok'
  | 'auth-missing'
  | 'dmarc-unknown'
  | 'auth-ok'
  | 'no-plan'
  | 'quota-unknown'
  | 'quota-unlimited'
  | 'quota-fits'
  | 'quota-short'
  | 'no-feedback'
  | 'no-owner'
  | 'monitoring-ok'
  | 'not-suppressed'
  | 'suppression-ok';

/**
 * What the popup paints first: today's cap and the ramp's headline. Read from few
 * records (the plan, the ramp state, the account snapshot, today's ledger and
 * reservations), so the number a user opens the popup for does not wait on the rest.
 */
export interface CapTodayView {
  now: string;
  today: CalendarDay;
  account: AccountSnapshot | null;
  /** True in the SES sandbox; null before the first GetAccount. */
  sandbox: boolean | null;
  cap: CapFigures;
  /** When the plan's day ends (its zone's next midnight): my share resets then, and the plan's next day starts. */
  resetsAt?: string;
  ramp: RampView | null;
}

/** The feedback queue as the lead sees it: what Rampart could not read stays visible. */
export interface FeedbackView {
  /** Feedback messages of the last 14 days Rampart could not read (left in the queue). */
  unreadable: number;
  unreadableReason?: string;
  lastPollAt?: string;
}

export interface DashboardView extends CapTodayView {
  configured: boolean;
  chart: ChartDay[];
  health: HealthView;
  /** How many more hard bounces and complaints today's plan can take (lib/ramp/runway.ts). */
  runway: Runway;
  alerts: DashboardAlert[];
  changeLog: ChangeLogLine[];
  checklist: CheckLine[];
  sync: Partial<Record<SyncPart, SyncPartStatus>>;
  feedback: FeedbackView;
}
