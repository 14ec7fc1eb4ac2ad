// CSV of records. Fields are quoted as RFC 4180 says: those holding a comma, a double quote,
// CR or LF are wrapped in double quotes with inner quotes doubled. An empty string is quoted
// too, so that it stays apart from null, which is an empty field (DuckDB reads the two as ''
// and NULL). Lines end in LF rather than the RFC's CRLF, for Unix tools; CSV readers take both.

export const RECORD_FIELDS = [
  'customer_source_record_id',
  'customer_source_id',
  'customer_id',
  'external_id',
  'last_change',
];

export function csvField(value) {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (text === '' || /[",\r\n]/.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

export function csvHeader() {
  return `${RECORD_FIELDS.join(',')}\n`;
}

export function csvRows(records) {
  let rows = '';
  for (const record of records) {
    rows += `${RECORD_FIELDS.map((field) => csvField(record[field])).join(',')}\n`;
  }
  return rows;
}
