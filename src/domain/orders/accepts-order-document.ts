import { isKnownCurrency } from '../money/currencies.js';
import { isCountryCode } from '../countries.js';
import { parseIsoInstant } from '../dates.js';
import {
  ORDER_STATUSES,
  STORE_PATTERN,
  orderDocumentSchema,
  type OrderDocument,
} from './order-schema.js';

/**
 * A fast yes/no check that accepts exactly what `orderDocumentSchema` accepts. The hot path
 * (the quote stream, the order API) runs this first and asks the schema only about documents
 * it refuses, so the schema stays the one source of error messages. A property test holds the
 * two in agreement.
 */
export function acceptsOrderDocument(value: unknown): value is OrderDocument {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (!ORDER_KEYS.has(key)) return false;
  const doc = value as Record<string, unknown>;
  const { orderNumber, placedAt, currency, status, clickId, event, fraud, buyer, vouchers, items } =
    doc;
  if (typeof orderNumber !== 'string' || orderNumber.length < 1 || orderNumber.length > 200)
    return false;
  if (typeof placedAt !== 'string' || parseIsoInstant(placedAt) === undefined) return false;
  if (typeof currency !== 'string' || !isKnownCurrency(currency)) return false;
  if (!STATUS_SET.has(status as string)) return false;
  if (clickId !== undefined && (typeof clickId !== 'string' || clickId.length < 1)) return false;
  if (event !== undefined && (typeof event !== 'string' || event.length < 1 || event.length > 64))
    return false;
  if (!isOptionalBoolean(fraud)) return false;
  if (buyer !== undefined) {
    if (!isPlainObject(buyer)) return false;
    for (const key in buyer) if (key !== 'country' && key !== 'newBuyer') return false;
    const { country, newBuyer } = buyer as Record<string, unknown>;
    if (country !== undefined && !isCountry(country)) return false;
    if (!isOptionalBoolean(newBuyer)) return false;
  }
  if (vouchers !== undefined) {
    if (!Array.isArray(vouchers)) return false;
    for (const voucher of vouchers) if (typeof voucher !== 'string') return false;
  }
  if (!Array.isArray(items) || items.length < 1 || items.length > 10_000) return false;
  for (const item of items) if (!acceptsItem(item)) return false;
  return true;
}

const ORDER_KEYS = new Set(Object.keys(orderDocumentSchema.shape));
const ITEM_KEYS = new Set(Object.keys(orderDocumentSchema.shape.items.element.shape));
const STATUS_SET = new Set<string>(ORDER_STATUSES);
const AMOUNT = /^\d{1,13}(\.\d{1,8})?$/;

function acceptsItem(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (!ITEM_KEYS.has(key)) return false;
  const item = value as Record<string, unknown>;
  const {
    sku,
    name,
    category,
    unitPrice,
    quantity,
    discount,
    serviceFee,
    sellerCountry,
    store,
    virtual,
    inStock,
    status,
  } = item;
  if (typeof sku !== 'string' || sku.length < 1) return false;
  if (name !== undefined && typeof name !== 'string') return false;
  if (typeof category !== 'string' || category.length < 1) return false;
  if (!isAmount(unitPrice)) return false;
  if (
    !Number.isSafeInteger(quantity) ||
    (quantity as number) < 1 ||
    (quantity as number) > 1_000_000
  )
    return false;
  if (discount !== undefined && !isAmount(discount)) return false;
  if (serviceFee !== undefined && !isAmount(serviceFee)) return false;
  if (sellerCountry !== undefined && !isCountry(sellerCountry)) return false;
  if (store !== undefined && (typeof store !== 'string' || !STORE_PATTERN.test(store)))
    return false;
  if (!isOptionalBoolean(virtual) || !isOptionalBoolean(inStock)) return false;
  if (status !== undefined && !STATUS_SET.has(status as string)) return false;
  return true;
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function isAmount(value: unknown): boolean {
  return typeof value === 'string' && AMOUNT.test(value);
}

function isCountry(value: unknown): boolean {
  return typeof value === 'string' && isCountryCode(value);
}

function isOptionalBoolean(value: unknown): boolean {
  return value === undefined || typeof value === 'boolean';
}
