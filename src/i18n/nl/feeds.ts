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
  'feeds.row': 'Regel',
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
