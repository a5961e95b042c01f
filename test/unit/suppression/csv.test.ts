import { describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import { csvRecords, parseSuppressionCsv } from '@/lib/suppression/csv';
import { exportSuppressionCsv, importSuppressionCsv } from '@/lib/suppression/transfer';

// CSV import and export of suppressions: every row validated, refused rows listed with
// their line and reason, good rows kept.

const NOW = new Date('2026-03-10T12:00:00Z');
let dbCounter = 0;

describe('csvRecords', () => {
  it('reads RFC 4180 quoting, CRLF and a BOM', () => {
    const records = csvRecords('\uFEFFa,"b, c","say ""hi"""\r\n\r\nd,e,f\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b, c', 'say "hi"']],
      [3, ['d', 'e', 'f']],
    ]);
  });
});

describe('parseSuppressionCsv', () => {
  const csv = [
    'address,reason,date',
    'pat@prospect.example,bounce,2026-01-05',
    'LEE@Prospect.example,Complaint,2026-02-01T10:00:00Z',
    'kim@prospect.example,unsubscribe,',
    'not-an-address,bounce,2026-01-01',
    'sam@prospect.example,angry,2026-01-01',
    'ana@prospect.example,manual,2026-02-30',
    'bo@prospect.example,bounce,2027-01-01',
    'pat@prospect.example,complaint,2026-01-06',
    'cy@prospect.example,bounce,2026-01-01,extra',
    'dee@prospect.example,',
  ].join('\n');
  const { rows, refused } = parseSuppressionCsv(csv, NOW);

  it('keeps the good rows, lower-cased, with their dates (the import time when none)', () => {
    expect(rows).toEqual([
      { line: 2, email: 'pat@prospect.example', reason: 'BOUNCE', since: '2026-01-05T00:00:00.000Z' },
      { line: 3, email: 'lee@prospect.example', reason: 'COMPLAINT', since: '2026-02-01T10:00:00.000Z' },
      { line: 4, email: 'kim@prospect.example', reason: 'UNSUBSCRIBE', since: NOW.toISOString() },
    ]);
  });

  it.each([
    [5, 'csv-address', /not an email address: it has no @/],
    [6, 'csv-reason', /reason “angry”/],
    [7, 'csv-date', /2026-02-30/],
    [8, 'csv-date-future', /in the future/],
    [9, 'csv-duplicate', /already on line 2/],
    [10, 'csv-columns', /4 columns/],
    [11, 'csv-reason', /no reason/],
  ])('refuses line %i with %s', (line, code, message) => {
    const row = refused.find((r) => r.line === line);
    expect(row).toMatchObject({ code });
    expect(row!.message).toMatch(message);
  });

  it('lists exactly the bad rows', () => {
    expect(refused.map((r) => r.line)).toEqual([5, 6, 7, 8, 9, 10, 11]);
  });
});

describe('import and export', () => {
  it('imports the good rows as local decisions to share, lists the bad ones, and exports what the cache holds', async () => {
    const database = new RampartDb(`suppress-csv-${++dbCounter}`);
    await database.suppression.put({
      email: 'ses@prospect.example',
      reason: 'BOUNCE',
      since: '2026-01-01T00:00:00.000Z',
      source: 'ses',
      syncRun: 1,
    });
    const result = await importSuppressionCsv(
      'pat@prospect.example,bounce,2026-01-05\nkim@prospect.example,unsubscribe,2026-01-07\nbad,bounce,2026-01-01\n',
      NOW,
      database,
    );
    expect(result.imported).toBe(2);
    expect(result.refused).toEqual([expect.objectContaining({ line: 3, code: 'csv-address', text: 'bad,bounce,2026-01-01' })]);
    expect(await database.suppression.get('kim@prospect.example')).toMatchObject({
      reason: 'UNSUBSCRIBE',
      since: '2026-01-07T00:00:00.000Z',
      source: 'local',
    });
    expect(await database.suppressionDecisions.get('kim@prospect.example')).toMatchObject({
      pending: 'suppress',
      unsubscribe: true,
      cause: 'csv',
    });
    expect(await database.suppressionDecisions.get('pat@prospect.example')).toMatchObject({ pending: 'suppress', unsubscribe: false });
    // One log line for the import, not one per row.
    expect(await database.changeLog.count()).toBe(1);

    const again = await importSuppressionCsv('pat@prospect.example,bounce,2026-01-05\n', NOW, database);
    expect(again).toMatchObject({ imported: 0, already: 1 });

    const exported = await exportSuppressionCsv(database);
    expect(exported.rows).toBe(3);
    expect(exported.csv).toBe(
      'address,reason,date\n' +
        'kim@prospect.example,unsubscribe,2026-01-07T00:00:00.000Z\n' +
        'pat@prospect.example,bounce,2026-01-05T00:00:00.000Z\n' +
        'ses@prospect.example,bounce,2026-01-01T00:00:00.000Z\n',
    );
    // What is exported imports back cleanly.
    expect(parseSuppressionCsv(exported.csv, NOW).refused).toEqual([]);
  });
});

describe('input that could hurt', () => {
  it('neutralises export cells a spreadsheet would run as a formula, and reads them back as they were', async () => {
    const { csvLine } = await import('@/lib/suppression/csv');
    for (const [email, cell] of [
      ['=1+1@prospect.example', `"'=1+1@prospect.example"`],
      ['+cmd@prospect.example', `"'+cmd@prospect.example"`],
      ['-2@prospect.example', `"'-2@prospect.example"`],
      ['@sum@prospect.example', `"'@sum@prospect.example"`],
      ['\tx@prospect.example', `"'\tx@prospect.example"`],
      ['plain@prospect.example', 'plain@prospect.example'],
    ] as const) {
      expect(csvLine({ email, reason: 'MANUAL', since: '2026-03-01T00:00:00.000Z' }).split(',')[0]).toBe(cell);
    }
    // The export's own neutralising quote comes off on import.
    const { rows } = parseSuppressionCsv(`"'-2@prospect.example",manual,2026-03-01\n`, NOW);
    expect(rows.map((r) => r.email)).toEqual(['-2@prospect.example']);
  });

  it('refuses a list over 5 MB with a sentence, and reads none of it', async () => {
    const big = 'a@prospect.example,manual\n'.repeat(Math.ceil((5 * 1024 * 1024) / 26) + 10);
    const parsed = parseSuppressionCsv(big, NOW);
    expect(parsed.rows).toEqual([]);
    expect(parsed.refused).toHaveLength(1);
    expect(parsed.refused[0]).toMatchObject({ code: 'csv-too-large' });
    expect(parsed.refused[0]!.message).toMatch(/up to 5 MB.*Split the list/);
    const database = new RampartDb(`csv-big-${++dbCounter}`);
    const { handleImport } = await import('@/lib/suppression/service');
    const reply = await handleImport(
      { csv: big },
      { settings: {} as never, share: {} as never, now: () => NOW, database, timeZone: async () => 'UTC' },
    );
    expect(reply).toMatchObject({ imported: 0, refused: [], error: { code: 'csv-too-large' } });
    expect(await database.suppression.count()).toBe(0);
  });

  it('says an unclosed quote once, without echoing the rest of the file back', () => {
    const tail = 'x'.repeat(1_000_000);
    const parsed = parseSuppressionCsv(`ok@prospect.example,manual\n"${tail}\nmore@prospect.example,manual\n`, NOW);
    expect(parsed.rows.map((r) => r.email)).toEqual(['ok@prospect.example']);
    expect(parsed.refused).toHaveLength(1);
    expect(parsed.refused[0]).toMatchObject({ line: 2, code: 'csv-unclosed-quote' });
    expect(JSON.stringify(parsed.refused).length).toBeLessThan(1_000);
  });

  it('cuts a long bad cell in the refusal it is named in', () => {
    const parsed = parseSuppressionCsv(`${'y'.repeat(100_000)},manual\n`, NOW);
    expect(parsed.refused).toHaveLength(1);
    expect(JSON.stringify(parsed.refused).length).toBeLessThan(1_000);
  });
});
