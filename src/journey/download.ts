/**
 * Saves `text` as a file through a Blob URL and a clicked `<a download>`, which a strict
 * Content-Security-Policy allows. The byte-order mark makes spreadsheet apps read UTF-8, so
 * accents in comments survive.
 */
export function download(text: string, filename: string, type: string, parent: Node): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  // Some browsers only follow a link that is in a document.
  parent.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download before the browser has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
