/**
 * Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP, "CSV Injection").
 * Only text is guarded: numbers are written by the caller, so −0.25 stays a number.
 */
export const guardFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** Quotes a field holding a quote, comma, CR or LF, doubling its quotes (RFC 4180). */
export const quoteField = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
