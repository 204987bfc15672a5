/**
 * Text into HTML: the characters that could end a text node or an attribute value (& < > " ')
 * as entities. For the HTML the product writes itself (the sync's reports, the preview's pages).
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
};

/** `text` (null and undefined as empty) safe in a text node or a quoted attribute value. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
