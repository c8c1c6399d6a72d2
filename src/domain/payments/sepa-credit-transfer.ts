import { checkBic } from './bic.js';
import { formatMinorUnits } from '../money/decimal.js';
import { checkIban } from './iban.js';

/** One payment of a SEPA credit transfer: a publisher's payable statement. */
export interface SepaPayment {
  /** Unique per payment, ≤ 35 characters; the publisher's bank shows it. */
  endToEndId: string;
  creditorName: string;
  creditorIban: string;
  /** Euro cents. */
  amountMinor: number;
  /** ≤ 140 characters, e.g. "affnet statement 2026-10 pub_…". */
  remittance: string;
}

export interface SepaCreditTransfer {
  messageId: string;
  paymentInfoId: string;
  /** ISO instant the file is made. */
  createdAt: string;
  /** YYYY-MM-DD the bank should pay. */
  executionDate: string;
  debtorName: string;
  debtorIban: string;
  debtorBic?: string;
  payments: readonly SepaPayment[];
}

export class SepaError extends Error {
  override name = 'SepaError';
}

/**
 * Characters SEPA guarantees to carry (the EPC's basic Latin set). Others are transliterated
 * where that keeps the text recognisable (é → e, & → +, _ → - so `stm_…` ids pass), and
 * refused otherwise.
 */
const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'Th',
};
const SEPA_CHARS = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

export function toSepaText(text: string, field: string, maxLength: number): string {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßøØæÆœŒłŁđĐþÞ]/g, (ch) => LETTERS[ch] ?? ch)
    .replace(/[&]/g, '+')
    .replace(/_/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '') throw new SepaError(`${field}: must not be empty`);
  if (!SEPA_CHARS.test(plain)) {
    throw new SepaError(
      `${field}: "${text}" has characters SEPA cannot carry; use Latin letters, digits and / - ? : ( ) . , ' +`,
    );
  }
  return plain.slice(0, maxLength);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * A pain.001.001.03 customer credit transfer initiation: one payment information block, SEPA
 * service level, shared charges. Validates IBANs, names, amounts and ids first, so a bank never
 * receives a file it will reject for something we could have caught.
 */
export function buildPain001(transfer: SepaCreditTransfer): string {
  if (transfer.payments.length === 0)
    throw new SepaError('payments: a credit transfer needs at least one payment');
  const debtorIban = checkIban(transfer.debtorIban);
  if (!debtorIban.valid) throw new SepaError(`debtorIban: ${debtorIban.reason}`);
  const ids = new Set<string>();
  let controlMinor = 0;
  const payments = transfer.payments.map((payment, index) => {
    const path = `payments[${index}]`;
    const iban = checkIban(payment.creditorIban);
    if (!iban.valid) throw new SepaError(`${path}.creditorIban: ${iban.reason}`);
    if (!Number.isSafeInteger(payment.amountMinor) || payment.amountMinor <= 0) {
      throw new SepaError(`${path}.amountMinor: expected a positive number of cents`);
    }
    if (payment.amountMinor > 99_999_999_999)
      throw new SepaError(`${path}.amountMinor: above the SEPA maximum of 999999999.99`);
    const endToEndId = toSepaText(payment.endToEndId, `${path}.endToEndId`, 35);
    if (ids.has(endToEndId))
      throw new SepaError(`${path}.endToEndId: "${endToEndId}" is used twice`);
    ids.add(endToEndId);
    controlMinor += payment.amountMinor;
    return {
      endToEndId,
      name: toSepaText(payment.creditorName, `${path}.creditorName`, 70),
      iban: iban.iban,
      amount: formatMinorUnits(payment.amountMinor, 2),
      remittance: toSepaText(payment.remittance, `${path}.remittance`, 140),
    };
  });
  const count = String(payments.length);
  const control = formatMinorUnits(controlMinor, 2);
  const debtorName = escapeXml(toSepaText(transfer.debtorName, 'debtorName', 70));
  const bic = transfer.debtorBic ? checkBic(transfer.debtorBic) : undefined;
  if (bic !== undefined && !bic.valid) throw new SepaError(`debtorBic: ${bic.reason}`);
  const agent = bic?.valid
    ? `<DbtrAgt><FinInstnId><BIC>${bic.bic}</BIC></FinInstnId></DbtrAgt>`
    : '<DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<CstmrCdtTrfInitn>',
    `<GrpHdr><MsgId>${escapeXml(toSepaText(transfer.messageId, 'messageId', 35))}</MsgId><CreDtTm>${escapeXml(transfer.createdAt.slice(0, 19))}</CreDtTm><NbOfTxs>${count}</NbOfTxs><CtrlSum>${control}</CtrlSum><InitgPty><Nm>${debtorName}</Nm></InitgPty></GrpHdr>`,
    `<PmtInf><PmtInfId>${escapeXml(toSepaText(transfer.paymentInfoId, 'paymentInfoId', 35))}</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg><NbOfTxs>${count}</NbOfTxs><CtrlSum>${control}</CtrlSum>`,
    '<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    `<ReqdExctnDt>${escapeXml(transfer.executionDate)}</ReqdExctnDt>`,
    `<Dbtr><Nm>${debtorName}</Nm></Dbtr><DbtrAcct><Id><IBAN>${debtorIban.iban}</IBAN></Id></DbtrAcct>${agent}<ChrgBr>SLEV</ChrgBr>`,
    ...payments.map(
      (payment) =>
        `<CdtTrfTxInf><PmtId><EndToEndId>${escapeXml(payment.endToEndId)}</EndToEndId></PmtId><Amt><InstdAmt Ccy="EUR">${payment.amount}</InstdAmt></Amt><Cdtr><Nm>${escapeXml(payment.name)}</Nm></Cdtr><CdtrAcct><Id><IBAN>${payment.iban}</IBAN></Id></CdtrAcct><RmtInf><Ustrd>${escapeXml(payment.remittance)}</Ustrd></RmtInf></CdtTrfTxInf>`,
    ),
    '</PmtInf>',
    '</CstmrCdtTrfInitn>',
    '</Document>',
  ];
  return `${lines.join('\n')}\n`;
}
