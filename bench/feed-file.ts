import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { StoredFeedProduct } from '../src/storage/repositories/feeds-repository.js';

/** The generated feed's shop: the demo's Kabelkoning, whose deeplinks may go to any page. */
export const FEED_SHOP = 'https://www.kabelkoning.example';

const HEADER =
  'id,title,description,link,image_link,price,sale_price,availability,brand,gtin,google_product_category,product_type';
const BRANDS = ['Kabelco', 'Beeldco', 'Stekker & Zn', 'Lader BV', 'Snoer'];
const CATEGORIES = ['Kabels > USB', 'Kabels > HDMI', 'Opladers', 'Adapters', 'Netwerk'];

/** Product n of the generated feed, as its file row's cells (the same values every run). */
function cells(n: number) {
  const id = `KK-${String(n).padStart(7, '0')}`;
  const cents = 199 + ((n * 7919) % 99_800);
  return {
    id,
    title: `Kabel ${n} (${1 + (n % 5)} m)`,
    description: `Een degelijke kabel, nummer ${n}, met vergulde contacten en een gevlochten mantel`,
    link: `${FEED_SHOP}/p/${id}`,
    image_link: `https://img.kabelkoning.example/${id}.jpg`,
    priceMinor: cents,
    salePriceMinor: n % 4 === 0 ? cents - 100 : null,
    availability: n % 10 === 0 ? 'out_of_stock' : 'in_stock',
    brand: BRANDS[n % BRANDS.length]!,
    gtin: String(8_710_000_000_000 + n),
    category: CATEGORIES[n % CATEGORIES.length]!,
  };
}

const amount = (minor: number) => `${(minor / 100).toFixed(2)} EUR`;

/**
 * Writes a CSV feed of `products` products to `path` a chunk at a time (never the whole file
 * in memory); resolves with its size in bytes.
 */
export async function writeFeedFile(path: string, products: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = `${HEADER}\n`;
  for (let n = 1; n <= products; n++) {
    const c = cells(n);
    chunk += `${c.id},${c.title},"${c.description}",${c.link},${c.image_link},${amount(c.priceMinor)},${c.salePriceMinor === null ? '' : amount(c.salePriceMinor)},${c.availability},${c.brand},${c.gtin},${c.category},${c.category}\n`;
    if (chunk.length > 1 << 20 || n === products) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** Products `from`…`to` of the generated feed as the database stores them. */
export function storedProducts(from: number, to: number, nowMs: number): StoredFeedProduct[] {
  const page: StoredFeedProduct[] = [];
  for (let n = from; n <= to; n++) {
    const c = cells(n);
    page.push({
      program_id: 'prg_bench',
      product_id: c.id,
      title: c.title,
      description: c.description,
      link: c.link,
      image_link: c.image_link,
      price_minor: c.priceMinor,
      currency: 'EUR',
      sale_price_minor: c.salePriceMinor,
      availability: c.availability,
      brand: c.brand,
      gtin: c.gtin,
      mpn: null,
      google_product_category: c.category,
      product_type: c.category,
      status: 'active',
      last_import_id: 'fim_bench',
      first_seen_at: nowMs,
      changed_at: nowMs,
    });
  }
  return page;
}
