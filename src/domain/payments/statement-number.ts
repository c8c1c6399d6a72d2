/** `2026-000042`: the statement's year (of its period) and its place in that year's series. */
export function formatStatementNumber(year: string, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, '0')}`;
}
