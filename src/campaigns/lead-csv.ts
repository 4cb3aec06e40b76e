// Leads as CSV (RFC 4180): every field quoted when it holds a comma, quote or line break, quotes doubled,
// CRLF line ends; free-text fields that a spreadsheet would run as a formula get a leading apostrophe.
import type { Lead } from './leads.js';

export const LEAD_CSV_COLUMNS = [
  'id',
  'recordedAt',
  'at',
  'campaignId',
  'itemId',
  'name',
  'number',
  'lang',
  'businessKind',
  'place',
  'district',
  'state',
  'need',
  'amount',
] as const;

/** Fields people typed themselves: neutralised against formula injection. */
const FREE_TEXT = new Set<string>(['name', 'place', 'district']);

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cell(lead: Lead, column: (typeof LEAD_CSV_COLUMNS)[number]): string {
  if (column === 'recordedAt' || column === 'at') return new Date(lead[column]).toISOString();
  const value = lead[column];
  if (value === undefined) return '';
  const text = String(value);
  return FREE_TEXT.has(column) && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function leadsToCsv(leads: readonly Lead[], header = true): string {
  const lines = leads.map((lead) => LEAD_CSV_COLUMNS.map((c) => csvField(cell(lead, c))).join(','));
  return (header ? [LEAD_CSV_COLUMNS.join(','), ...lines] : lines).map((line) => `${line}\r\n`).join('');
}
