import type { FeedItem } from '../../core/feed.js';
import { fetchJson } from '../fetch-json.js';
import { pageUrl, readBatch, type FeedShape } from './feed.js';

/** Requests one `fill()` may make, so a feed of empty (or all-broken) pages cannot keep the wall spinning. */
const FETCHES_PER_FILL = 5;

/**
 * Reads a feed page by page and keeps what it has read: the usable items, in feed order and
 * without duplicates, and how many items were skipped as unusable. For a plain array the first
 * request reads the whole feed.
 */
export class FeedReader {
  readonly items: FeedItem[] = [];
  skipped = 0;
  shape: FeedShape | null = null;
  private _next: string | null = null;
  private _ids = new Set<string>();

  constructor(
    private readonly _source: string,
    private readonly _touchpoint: string | null,
    private readonly _pageSize: number,
    private readonly _signal: AbortSignal,
  ) {}

  /** Whether the source may hold items not read yet. */
  get more(): boolean {
    return this.shape === null || this._next !== null;
  }

  /** Reads pages until `count` items are loaded or the feed ends. Rejects when a request fails. */
  async fill(count: number): Promise<void> {
    for (let i = 0; i < FETCHES_PER_FILL && this.items.length < count && this.more; i++) await this._read();
  }

  private async _read(): Promise<void> {
    const before = this._next;
    const url = pageUrl(this._source, { touchpoint: this._touchpoint, before, limit: this._pageSize });
    const body = await fetchJson(url, this._signal);
    const batch = readBatch(body, this._touchpoint);
    this.shape = batch.shape;
    this.skipped += batch.skipped;
    for (const item of batch.items) {
      if (this._ids.has(item.id)) continue;
      this._ids.add(item.id);
      this.items.push(item);
    }
    // A cursor that does not move would read the same page forever.
    this._next = batch.next === before ? null : batch.next;
  }
}
