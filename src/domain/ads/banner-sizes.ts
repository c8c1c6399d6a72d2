/** A banner's size in CSS pixels. */
export interface BannerSize {
  readonly width: number;
  readonly height: number;
}

/** The IAB's standard display ad sizes, most used first: what a publisher's slot expects. */
export const STANDARD_BANNER_SIZES: readonly (BannerSize & { readonly name: string })[] = [
  { width: 300, height: 250, name: 'Medium rectangle' },
  { width: 728, height: 90, name: 'Leaderboard' },
  { width: 320, height: 50, name: 'Mobile leaderboard' },
  { width: 300, height: 600, name: 'Half page' },
  { width: 160, height: 600, name: 'Wide skyscraper' },
  { width: 336, height: 280, name: 'Large rectangle' },
  { width: 970, height: 250, name: 'Billboard' },
  { width: 970, height: 90, name: 'Large leaderboard' },
  { width: 320, height: 100, name: 'Large mobile banner' },
  { width: 300, height: 50, name: 'Mobile banner' },
  { width: 468, height: 60, name: 'Full banner' },
  { width: 234, height: 60, name: 'Half banner' },
  { width: 120, height: 600, name: 'Skyscraper' },
  { width: 250, height: 250, name: 'Square' },
  { width: 200, height: 200, name: 'Small square' },
];

/** A custom size's bounds, each side, in CSS pixels. */
export const MIN_BANNER_SIDE = 10;
export const MAX_BANNER_SIDE = 2000;

/** "300x250" → its size; anything else (not two whole numbers) → undefined. */
export function parseBannerSize(text: string): BannerSize | undefined {
  const match = /^\s*(\d{1,5})\s*[x×]\s*(\d{1,5})\s*$/i.exec(text);
  return match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
}

/** Whether a size is a standard one or a custom one within the bounds (whole pixels). */
export function validBannerSize(size: BannerSize): boolean {
  const side = (n: number) => Number.isInteger(n) && n >= MIN_BANNER_SIDE && n <= MAX_BANNER_SIDE;
  return side(size.width) && side(size.height);
}

/** Whether `size` is one of the IAB's standard sizes. */
export function isStandardBannerSize(size: BannerSize): boolean {
  return STANDARD_BANNER_SIZES.some((s) => s.width === size.width && s.height === size.height);
}
