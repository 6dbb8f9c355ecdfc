import ExcelJS from 'exceljs';

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is written with a leading apostrophe. */
export function safeCell(v: unknown): string {
  const s = v == null ? '' : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** CSV (UTF-8 with BOM so Excel reads Hindi) with every cell quoted and formula injection neutralised. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const cell = (v: unknown) => `"${safeCell(v).replace(/"/g, '""')}"`;
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** XLSX with a bold header row; text cells neutralised the same way as CSV. */
export async function toXlsx(sheet: string, header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.addRow([...header]).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'number' ? v : safeCell(v))));
  ws.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
