/**
 * The columns of a product a publisher's download reads (feeds-repository.ts on either engine;
 * sqlite-feed-pages.ts reads them as arrays in this order).
 */
export const DOWNLOAD_COLUMNS = [
  'product_id',
  'title',
  'description',
  'link',
  'image_link',
  'price_minor',
  'currency',
  'sale_price_minor',
  'availability',
  'brand',
  'gtin',
  'mpn',
  'google_product_category',
  'product_type',
  'status',
] as const;
