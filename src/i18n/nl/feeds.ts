import type { FEEDS } from '../en/feeds.js';
import type { Translation } from '../translation.js';

export const FEEDS_NL: Translation<typeof FEEDS> = {
  'feeds.title': 'Productfeed',
  'feeds.link': 'Productfeed',
  'feeds.intro':
    'De producten van {program}, voor de publishers die erin zijn goedgekeurd: ieder downloadt ze met een eigen trackinglink per product. Upload steeds de hele feed: producten die het bestand niet meer noemt, worden als verdwenen gemarkeerd, niet verwijderd.',
  'feeds.guideLink':
    'De handleiding bij productfeeds en acties (docs/feeds-and-promotions.md, Engels)',
  'feeds.activeCount': 'Producten nu in de feed: {count}',
  'feeds.upload': 'Feed uploaden',
  'feeds.file': 'Feedbestand',
  'feeds.fileHint':
    'CSV, TSV of XML in het productgegevensformaat van Google Merchant Center, eventueel gegzipt (.csv.gz); hoogstens {max}. Verplicht per product: id, title, description, link (op {domains}), image_link, price, availability.',
  'feeds.import': 'Importeren',
  'feeds.imported':
    'Geïmporteerd: {accepted} geaccepteerd, {refused} geweigerd, {gone} als verdwenen gemarkeerd.',
  'feeds.lastImport': 'Laatste import',
  'feeds.noImport': 'Nog geen feed geïmporteerd.',
  'feeds.at': 'Tijdstip',
  'feeds.format': 'Formaat',
  'feeds.accepted': 'Geaccepteerd',
  'feeds.refused': 'Geweigerd',
  'feeds.gone': 'Als verdwenen gemarkeerd',
  'feeds.refusedRows': 'Geweigerde regels',
  'feeds.where': 'Plaats',
  'feeds.whereHint':
    'CSV en TSV: de regel van het bestand waarop de rij begint, de kopregel is regel 1. XML: het item, geteld vanaf het eerste.',
  'feeds.line': 'regel {line}',
  'feeds.item': 'item {row}',
  'feeds.dataRow': 'rij {row} na de kopregel',
  'feeds.productId': 'Product-id',
  'feeds.refusal.required': '{attribute}: verplicht, ontbreekt of is leeg',
  'feeds.refusal.too_long': '{attribute}: hoogstens {max} tekens',
  'feeds.refusal.bad_price':
    'price: verwacht een bedrag en valuta zoals "12.99 EUR", kreeg "{value}"',
  'feeds.refusal.bad_sale_price':
    'sale_price: verwacht een bedrag in {currency} zoals "9.99 {currency}"',
  'feeds.refusal.bad_availability': 'availability: verwacht een van {allowed}',
  'feeds.refusal.bad_image_link': 'image_link: verwacht een http(s)-URL',
  'feeds.refusal.link_off_domains':
    'link: moet een http(s)-adres op {domains} zijn (de deeplinkdomeinen van het programma)',
  'feeds.refusal.no_deeplinks':
    'link: dit programma staat geen deeplinks toe, dus er kan geen productpagina gelinkt worden',
  'feeds.refusal.record_too_long': 'langer dan {max} tekens',
  'feeds.refusal.item_malformed': 'het item is geen goedgevormde XML',
  'feeds.refusal.listed_twice': 'id: "{id}" staat er twee keer in; de eerste rij telt',
  'feeds.reason': 'Reden',
  'feeds.moreRefused': '… en nog {count} geweigerde regels, hier niet getoond.',
  'feeds.scheduled': 'Op een schema opgehaald',
  'feeds.byApi':
    'Een groter bestand, of een upload vanuit je eigen planner: POST /api/v1/programs/{programId}/feed-imports met het bestand als body (zie de API-documentatie).',
  'feeds.nav': 'Productfeeds',
  'feeds.publisherTitle': 'Productfeeds',
  'feeds.publisherIntro':
    'De productfeeds van de programma’s waarin je bent goedgekeurd, voor elk van je goedgekeurde sites: elk product met je trackinglink (trackingLink) naast de eigen link van de winkel. Een klik erdoor is een gewone klik van die site.',
  'feeds.noFeeds': 'Nog geen van de programma’s waarin je bent goedgekeurd heeft een productfeed.',
  'feeds.products': '{count} producten',
  'feeds.site': 'Site',
  'feeds.gzipped': '{format}, gegzipt',
  'feeds.downloads': 'Downloads van {program}',
  'feeds.filtered': 'Een selectie downloaden',
  'feeds.category': 'Categorie (google_product_category of product_type, precies)',
  'feeds.brand': 'Merk (precies)',
  'feeds.minPrice': 'Laagste prijs (zoals 10.00)',
  'feeds.maxPrice': 'Hoogste prijs (zoals 99.99)',
  'feeds.gzip': 'Het bestand gzippen',
  'feeds.download': 'Downloaden',
};
