// A data table as CSV (RFC 4180), safe to open in a spreadsheet: a cell a spreadsheet would read
// as a formula (=, +, -, @ first) is prefixed with an apostrophe.
import type { Cell, DataTable } from "./tables.js";

function csvCell(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableCsv(table: DataTable): string {
  return (
    [table.columns, ...table.rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n"
  );
}
