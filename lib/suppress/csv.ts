import { addressProblem } from '../guardrails/address';
import type { SuppressionRow } from '../db';
import type { RefusedRow } from './protocol';

// Suppression lists as CSV: `address,reason,date`, one address a row, a header optional.
// Written by hand: three columns and RFC 4180 quoting are a few lines, less than a CSV
// library would add to the background and options bundles.
//
// Every row is validated; a bad row is refused with its line and the reason, and the
// good rows are kept — one typo must not throw away a list of thousands.

export const CSV_HEADER = 'address,reason,date';
export type CsvReason = SuppressionRow['reason'];
const REASONS: readonly CsvReason[] = ['BOUNCE', 'COMPLAINT', 'UNSUBSCRIBE', 'MANUAL'];

export interface CsvSuppression {
  line: number;
  email: string;
  reason: CsvReason;
  /** ISO time the address was suppressed (the import time when the row gives none). */
  since: string;
}

export interface ParsedCsv {
  rows: CsvSuppression[];
  refused: RefusedRow[];
}

/** Split CSV text into records of fields, with their first line numbers (RFC 4180 quoting). */
export function csvRecords(text: string): Array<{ line: number; fields: string[]; text: string }> {
  const records: Array<{ line: number; fields: string[]; text: string }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let start = 0;
  const input = text.replace(/^\uFEFF/, '');
  const finish = (end: number) => {
    fields.push(field);
    const raw = input.slice(start, end);
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: startLine, fields, text: raw });
    fields = [];
    field = '';
  };
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === ',' || char === ';') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      finish(i);
      if (char === '\r' && input[i + 1] === '\n') i++;
      line++;
      startLine = line;
      start = i + 1;
    } else field += char;
  }
  if (field !== '' || fields.length > 0) finish(input.length);
  return records;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function parseDate(value: string): Date | null {
  if (!DAY.test(value) && !INSTANT.test(value)) return null;
  const date = new Date(DAY.test(value) ? `${value}T00:00:00Z` : value.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return null;
  // `2026-02-30` parses as 2 March: refuse a day that does not exist.
  if (DAY.test(value) && date.toISOString().slice(0, 10) !== value) return null;
  return date;
}

/** Parse and validate a CSV of suppressions. */
export function parseSuppressionCsv(text: string, now: Date): ParsedCsv {
  const rows: CsvSuppression[] = [];
  const refused: RefusedRow[] = [];
  const seen = new Map<string, number>();
  const refuse = (line: number, raw: string, code: string, message: string) => refused.push({ line, text: raw, code, message });

  for (const [index, record] of csvRecords(text).entries()) {
    const { line, text: raw } = record;
    const fields = record.fields.map((f) => f.trim());
    if (index === 0 && /^(e-?mail|address|email address)$/i.test(fields[0] ?? '')) continue;
    if (fields.length > 3) {
      refuse(line, raw, 'csv-columns', `Line ${line} has ${fields.length} columns; expected address, reason, date.`);
      continue;
    }
    const [rawEmail = '', rawReason = '', rawDate = ''] = fields;
    const email = rawEmail.toLowerCase();
    const problem = addressProblem(email);
    if (problem) {
      refuse(line, raw, 'csv-address', `Line ${line}: “${rawEmail}” is not an email address: ${problem}.`);
      continue;
    }
    const reason = rawReason.toUpperCase().replace(/[\s-]+/g, '_') as CsvReason;
    if (!REASONS.includes(reason)) {
      const said = rawReason === '' ? 'no reason' : `the reason “${rawReason}”`;
      refuse(line, raw, 'csv-reason', `Line ${line} has ${said}; use bounce, complaint, unsubscribe or manual.`);
      continue;
    }
    let since = now;
    if (rawDate !== '') {
      const date = parseDate(rawDate);
      if (!date) {
        refuse(line, raw, 'csv-date', `Line ${line}: “${rawDate}” is not a date such as 2026-03-01.`);
        continue;
      }
      if (date.getTime() > now.getTime() + 86_400_000) {
        refuse(line, raw, 'csv-date-future', `Line ${line}: the date ${rawDate} is in the future.`);
        continue;
      }
      since = date;
    }
    const earlier = seen.get(email);
    if (earlier !== undefined) {
      refuse(line, raw, 'csv-duplicate', `Line ${line}: ${email} is already on line ${earlier}.`);
      continue;
    }
    seen.set(email, line);
    rows.push({ line, email, reason, since: since.toISOString() });
  }
  return { rows, refused };
}

function csvField(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line of the export: the true reason (not SES's two), the date it was suppressed. */
export function csvLine(row: Pick<SuppressionRow, 'email' | 'reason' | 'since'>): string {
  return [row.email, row.reason.toLowerCase(), row.since].map(csvField).join(',');
}
