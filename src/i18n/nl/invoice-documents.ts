import type { Translation } from '../translation.js';
import type { INVOICE_DOCUMENTS } from '../en/invoice-documents.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const INVOICE_DOCUMENTS_NL: Translation<typeof INVOICE_DOCUMENTS> = {
  'invoiceDocument.invoice': 'Factuur',
  'invoiceDocument.creditNote': 'Creditnota',
  'invoiceDocument.number': 'Factuurnummer',
  'invoiceDocument.issueDate': 'Factuurdatum',
  'invoiceDocument.periodOfSupply': 'Leveringsperiode',
  'invoiceDocument.periodRange': '{from} t/m {to}',
  'invoiceDocument.dueDate': 'Vervaldatum',
  'invoiceDocument.program': 'Programma',
  'invoiceDocument.service': 'Dienst',
  'invoiceDocument.serviceText':
    'Affiliatemarketingdiensten: publishercommissie over de aangebrachte verkopen en leads, en de netwerkvergoeding',
  'invoiceDocument.supplier': 'Leverancier (netwerk)',
  'invoiceDocument.customer': 'Afnemer (adverteerder)',
  'invoiceDocument.legalName': 'Statutaire naam',
  'invoiceDocument.address': 'Adres',
  'invoiceDocument.postalCity': 'Postcode en plaats',
  'invoiceDocument.country': 'Land',
  'invoiceDocument.vatNumber': 'Btw-nummer',
  'invoiceDocument.cocNumber': 'KvK-nummer',
  'invoiceDocument.notGiven': 'niet opgegeven',
  'invoiceDocument.none': 'geen',
  'invoiceDocument.lines': 'Regels',
  'invoiceDocument.date': 'Datum',
  'invoiceDocument.order': 'Bestelling',
  'invoiceDocument.publisher': 'Publisher',
  'invoiceDocument.kind': 'Soort',
  'invoiceDocument.description': 'Omschrijving',
  'invoiceDocument.amount': 'Bedrag',
  'invoiceDocument.commissionLine': 'Commissie',
  'invoiceDocument.creditLine': 'Creditering: {reason}',
  'invoiceDocument.creditNoReason': 'Creditering',
  'invoiceDocument.noLines': 'Geen regels.',
  'invoiceDocument.billedCommission': 'Publishercommissie',
  'invoiceDocument.billedFee': 'Netwerkvergoeding ({rate} van de commissie)',
  'invoiceDocument.creditedCommission': 'Gecrediteerde commissie',
  'invoiceDocument.creditedFee': 'Gecrediteerde netwerkvergoeding',
  'invoiceDocument.net': 'Totaal exclusief btw',
  'invoiceDocument.vatAtRate': 'Btw {rate}%',
  'invoiceDocument.vatReverseCharge': 'Btw 0% (verlegd)',
  'invoiceDocument.vatOutsideEu': 'Btw 0% (buiten de reikwijdte van de EU-btw)',
  'invoiceDocument.vatNotStated': 'Btw (niet vermeld)',
  'invoiceDocument.totalDue': 'Te betalen',
  'invoiceDocument.totals': 'Totalen',
  'invoiceDocument.vat': 'Btw',
  'invoiceDocument.mentionDomestic': 'Btw berekend tegen het algemene tarief van {country}.',
  'invoiceDocument.mentionReverseCharge': 'Btw verlegd, art. 196 Richtlijn 2006/112/EG.',
  'invoiceDocument.mentionOutsideEu':
    'Buiten de reikwijdte van de EU-btw: de dienst wordt verricht aan een ondernemer die buiten de EU is gevestigd (art. 44 Richtlijn 2006/112/EG).',
  'invoiceDocument.mentionNotStated':
    'Btw niet vermeld: de factuurgegevens van het netwerk of van de adverteerder ontbraken toen deze factuur werd uitgereikt. Vraag het netwerk om een gecorrigeerde factuur.',
  'invoiceDocument.rounding':
    'Bedragen in {currency}, tot op de cent exact. De netwerkvergoeding wordt rekenkundig afgerond op de cent (een halve cent van nul af), eenmaal over de gefactureerde en eenmaal over de gecrediteerde commissie; de btw wordt eenmaal berekend over het totaal exclusief btw en op dezelfde manier afgerond.',
  'invoiceDocument.payment': 'Betaling',
  'invoiceDocument.payTo':
    'Graag {amount} betalen vóór of op {due} aan {name}, IBAN {iban}{bic}, onder vermelding van betalingskenmerk {reference}.',
  'invoiceDocument.bic': ', BIC {bic}',
  'invoiceDocument.payNoAccount':
    'Graag {amount} betalen vóór of op {due}, onder vermelding van betalingskenmerk {reference}, op de rekening die het netwerk je heeft gegeven.',
  'invoiceDocument.nothingToPay': 'Niets te betalen: deze creditnota is {amount} in je voordeel.',
  'invoiceDocument.reference': 'Betalingskenmerk',
  'invoiceDocument.status': 'Status',
  'invoiceDocument.unnumbered': 'uitgereikt voordat facturen werden genummerd',
  'advertiserInvoices.title': 'Facturen',
  'advertiserInvoices.intro':
    'Het netwerk factureert elk programma maandelijks: de goedgekeurde publishercommissie plus de netwerkvergoeding, min crediteringen voor commissie die na facturering is afgekeurd, geannuleerd of terugbetaald.',
  'advertiserInvoices.none':
    'Nog geen facturen: de eerste wordt uitgereikt na de eerste maand met goedgekeurde commissie.',
  'advertiserInvoices.month': 'Maand',
  'advertiserInvoices.documents': 'Elke factuur als pdf en csv, met de btw en hoe te betalen',
  'advertiserInvoices.download': 'Downloaden',
  'advertiserInvoices.detailsMissing':
    'Je factuurgegevens zijn onvolledig: vul je statutaire naam, adres, land en btw-nummer in, zodat facturen je bij naam noemen en hun btw vermelden.',
  'advertiserInvoices.editDetails': 'Factuurgegevens',
  'advertiserInvoices.detailsIntro':
    'Facturen noemen je bedrijf met deze gegevens; je land en btw-nummer bepalen de btw (het land van het netwerk: de btw van dat land; een ander EU-land met btw-nummer: btw verlegd; buiten de EU: buiten de reikwijdte van de EU-btw). Wijzigingen gelden voor facturen die vanaf nu worden uitgereikt.',
  'advertiserInvoices.vatNow': 'Je facturen nu: {treatment}',
  'email.invoiceIssued.subject': 'Factuur {number} voor {program}, {period}: {amount}',
  'email.invoiceIssued.text':
    'Het netwerk heeft factuur {number} uitgereikt voor {program} ({period}): {amount}, te betalen vóór of op {due}.',
  'email.invoiceIssued.link': 'De factuur (pdf): {link}',
  'email.invoiceIssued.portal': 'Download hem in het portaal onder Facturen.',
} as const;
