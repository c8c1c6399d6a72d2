import { minorUnitDigits } from '../money/currencies.js';
import type { Order, OrderLine, ReportRefusalCode } from './parse-order.js';
import type { OrderStatus } from './order-schema.js';

/**
 * An order's pricing inputs, packed: the Order the engine prices, as compact JSON arrays with
 * amounts already in minor units. Stored beside the order document (`order_pricing`), so what-if
 * simulation re-prices millions of lines without parsing and validating full documents again.
 * The first element is the format's version.
 */
const FORMAT = 1;

type PackedLine = [
  category: string,
  unitPrice: number,
  quantity: number,
  discount: number,
  serviceFee: number,
  sellerCountry: string,
  store: string,
  /** 0: the order's status. */
  status: string | 0,
  /** VIRTUAL | NOT_IN_STOCK */
  flags: number,
];

const VIRTUAL = 1;
const NOT_IN_STOCK = 2;

type Packed = [
  format: number,
  orderNumber: string,
  placedAtMs: number,
  currency: string,
  status: string,
  fraud: 0 | 1,
  buyerCountry: string | null,
  newBuyer: 0 | 1,
  voucherCount: number,
  event: string | null,
  refusals: string[],
  lines: PackedLine[],
];

export function packPricingInputs(order: Order): string {
  const packed: Packed = [
    FORMAT,
    order.orderNumber,
    order.placedAtMs,
    order.currency,
    order.status,
    order.fraud ? 1 : 0,
    order.buyerCountry ?? null,
    order.newBuyer ? 1 : 0,
    order.vouchers.length,
    order.event ?? null,
    [...(order.refusals ?? [])],
    order.items.map((item) => [
      item.category,
      item.unitPrice,
      item.quantity,
      item.discount,
      item.serviceFee,
      item.sellerCountry,
      item.store,
      item.status === order.status ? 0 : item.status,
      (item.virtual ? VIRTUAL : 0) | (item.inStock ? 0 : NOT_IN_STOCK),
    ]),
  ];
  return JSON.stringify(packed);
}

const NO_VOUCHERS: readonly string[] = [];

/**
 * The Order packed by `packPricingInputs`. A line's SKU and name are not kept (they price
 * nothing): the SKU reads as its line number.
 */
export function unpackPricingInputs(text: string): Order {
  const packed = JSON.parse(text) as Packed;
  if (packed[0] !== FORMAT)
    throw new Error(`pricing inputs of format ${packed[0]}, expected ${FORMAT}`);
  const packedLines = packed[11];
  const status = packed[4] as OrderStatus;
  const items: OrderLine[] = new Array(packedLines.length);
  for (let i = 0; i < packedLines.length; i++) {
    const line = packedLines[i]!;
    items[i] = {
      sku: String(i + 1),
      name: undefined,
      category: line[0],
      unitPrice: line[1],
      quantity: line[2],
      discount: line[3],
      serviceFee: line[4],
      sellerCountry: line[5],
      store: line[6],
      status: line[7] === 0 ? status : (line[7] as OrderStatus),
      virtual: (line[8] & VIRTUAL) !== 0,
      inStock: (line[8] & NOT_IN_STOCK) === 0,
    };
  }
  const voucherCount = packed[8];
  const refusals = packed[10];
  return {
    orderNumber: packed[1],
    placedAtMs: packed[2],
    currency: packed[3],
    currencyDigits: minorUnitDigits(packed[3]),
    status,
    clickId: undefined,
    event: packed[9] ?? undefined,
    fraud: packed[5] === 1,
    buyerCountry: packed[6] ?? undefined,
    newBuyer: packed[7] === 1,
    vouchers: voucherCount === 0 ? NO_VOUCHERS : new Array<string>(voucherCount).fill(''),
    items,
    ...(refusals.length > 0 ? { refusals: refusals as ReportRefusalCode[] } : {}),
  };
}
