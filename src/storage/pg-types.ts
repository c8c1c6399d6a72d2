import pg from 'pg';

let pgTypesConfigured = false;

/** bigint columns hold minor units and epoch milliseconds: always safe integers. */
export function configurePgTypes(): void {
  if (pgTypesConfigured) return;
  pgTypesConfigured = true;
  pg.types.setTypeParser(pg.types.builtins.INT8, (text) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value))
      throw new RangeError(`bigint ${text} is beyond the safe integer range`);
    return value;
  });
}
