/**
 * True when `error` is a unique-key violation: PostgreSQL's SQLSTATE 23505, SQLite's
 * SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY. Where two runs race to make the same row, the one
 * that loses reads the winner's row instead of failing.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * Runs `make` (a transaction that makes a row unless it exists); when another run made the row
 * between its look and its insert (a unique violation, rolled back), answers `made()` instead:
 * the winner's row, so parallel runs all finish and the row is made once.
 */
export async function makeOnce<T>(
  make: () => Promise<T>,
  made: () => Promise<T | undefined>,
): Promise<T> {
  try {
    return await make();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const found = await made();
    if (found === undefined) throw error;
    return found;
  }
}
