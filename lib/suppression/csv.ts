import { addressProblem } from '@/lib/core/address';
import type { SuppressionRow } from '@/lib/store/db';
import type { RefusedRow } from './messages';

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

/** The largest list Rampart reads: far above any team's suppressions, far below a tab's memory. */
export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 100_000;
/** How much of a refused row is shown back: enough to find it, never the whole file again. */
const ECHO_CHARS = 120;

/** A value shown back in a refusal, cut to a length a sentence can hold. */
export function echo(value: string): string {
  return value.length > ECHO_CHARS ? `${value.slice(0, ECHO_CHARS)}…` : value;
}

/** Why a CSV is refused whole, or null: too large to read. */
export function csvTooLarge(text: string): { code: string; message: string } | null {
  // UTF-16 length is at most the UTF-8 size for ASCII lists and within 3x otherwise: a quick bound first.
  if (text.length <= CSV_MAX_BYTES / 3) return null;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes <= CSV_MAX_BYTES) return null;
  return {
    code: 'csv-too-large',
    message: `This CSV is ${(bytes / 1024 / 1024).toFixed(1)} MB; Rampart imports up to 5 MB (${CSV_MAX_ROWS.toLocaleString('en')} rows) at a time. Split the list and import each part.`,
  };
}

/** Split CSV text into records of fields, with their first line numbers (RFC 4180 quoting). */
export function csvRecords(text: string): Array<{ line: number; fields: string[]; text: string; unclosed?: boolean }> {
  const records: Array<{ line: number; fields: string[]; text: string; unclosed?: boolean }> = [];
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
  if (quoted) {
    // A quote opened and never closed swallowed the rest of the file into one field.
    fields.push(field);
    records.push({ line: startLine, fields, text: input.slice(start), unclosed: true });
    return records;
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
  const refuse = (line: number, raw: string, code: string, message: string) => refused.push({ line, text: echo(raw), code, message });
  const tooLarge = csvTooLarge(text);
  if (tooLarge) {
    refuse(1, '', tooLarge.code, tooLarge.message);
    return { rows, refused };
  }

  for (const [index, record] of csvRecords(text).entries()) {
    const { line, text: raw } = record;
    if (index >= CSV_MAX_ROWS + 1) {
      refuse(
        line,
        raw,
        'csv-too-many-rows',
        `Rampart imports up to ${CSV_MAX_ROWS.toLocaleString('en')} rows at a time; line ${line} and the rest were not read. Split the list and import the rest.`,
      );
      break;
    }
    if (record.unclosed) {
      refuse(line, raw, 'csv-unclosed-quote', `Line ${line} opens a quote (") that is never closed, so the rest of the file was not read.`);
      continue;
    }
    // A cell this export neutralised ('=…) reads back as it was.
    const fields = record.fields.map((f) => f.trim().replace(/^'(?=[=+\-@\t\r])/, ''));
    if (index === 0 && /^(e-?mail|address|email address)$/i.test(fields[0] ?? '')) continue;
    if (fields.length > 3) {
      refuse(line, raw, 'csv-columns', `Line ${line} has ${fields.length} columns; expected address, reason, date.`);
      continue;
    }
    const [rawEmail = '', rawReason = '', rawDate = ''] = fields;
    const email = rawEmail.toLowerCase();
    const problem = addressProblem(email);
    if (problem) {
      refuse(line, raw, 'csv-address', `Line ${line}: “${echo(rawEmail)}” is not an email address: ${problem}.`);
      continue;
    }
    const reason = rawReason.toUpperCase().replace(/[\s-]+/g, '_') as CsvReason;
    if (!REASONS.includes(reason)) {
      const said = rawReason === '' ? 'no reason' : `the reason “${echo(rawReason)}”`;
      refuse(line, raw, 'csv-reason', `Line ${line} has ${said}; use bounce, complaint, unsubscribe or manual.`);
      continue;
    }
    let since = now;
    if (rawDate !== '') {
      const date = parseDate(rawDate);
      if (!date) {
        refuse(line, raw, 'csv-date', `Line ${line}: “${echo(rawDate)}” is not a date such as 2026-03-01.`);
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

/**
 * One cell. A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets
 * a leading ' and quotes, as OWASP's CSV-injection advice has it; the import takes it off.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe !== value || /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line of the export: the true reason (not SES's two), the date it was suppressed. */
export function csvLine(row: Pick<SuppressionRow, 'email' | 'reason' | 'since'>): string {
  return [row.email, row.reason.toLowerCase(), row.since].map(csvField).join(',');
}
