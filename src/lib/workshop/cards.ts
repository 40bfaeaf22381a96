/**
 * The printed comment cards of the validation workshop and their way back:
 * the CSV template a secretariat types the filled-in cards into, whose
 * columns `npm run comments:import` reads (src/lib/feedback/import/), one
 * row per card, channel `workshop`; and the QR code on each card, which
 * opens the online comment form for the card's section.
 */
import QRCode from 'qrcode';
import { toCsv } from '../feedback/export-csv.ts';

/**
 * The template's columns, in the order the card asks for them, then what the
 * secretariat adds: when and through which channel it came, and for which
 * version. Names as the importer reads them.
 */
export const CARD_COLUMNS = ['section', 'paragraph', 'type', 'sector', 'organisation', 'comment', 'proposed change', 'language', 'name', 'publish name', 'channel', 'version', 'received'] as const;

/** The CSV template of the cards: the header row; each filled-in card becomes one row under it. */
export function commentCardsCsv(): string {
  return toCsv([[...CARD_COLUMNS]]);
}

/**
 * A QR code for `url` as inline SVG, made when the site is built (no script,
 * no request when the page is shown). Hidden from assistive technology: the
 * card prints the address beside it.
 */
export async function qrSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', '<svg class="qr" aria-hidden="true" focusable="false" ');
}
