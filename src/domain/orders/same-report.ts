/**
 * Whether a pixel report repeats the stored one: the same document once the instant the network
 * stamped on each arrival (`placedAt`) is left out, whatever the order of its keys. The pixel
 * creates an order and may repeat itself; anything else it says about an existing order is
 * refused (docs/tracking.md, "The pixel creates; only the advertiser amends").
 */
export function isSameReport(storedDocument: string, reportedDocument: string): boolean {
  if (storedDocument === reportedDocument) return true;
  return (
    canonical(withoutPlacedAt(JSON.parse(storedDocument))) ===
    canonical(withoutPlacedAt(JSON.parse(reportedDocument)))
  );
}

function withoutPlacedAt(document: unknown): unknown {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return document;
  const rest = { ...(document as Record<string, unknown>) };
  delete rest.placedAt;
  return rest;
}

/** JSON with every object's keys sorted: equal text for equal values. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
