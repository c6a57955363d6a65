import type { FeedItem } from '../core/feed.js';

/**
 * What the public feed shows of an answer: what the wall displays, and the owner's reply. Not a
 * comment the owner withheld (only why: `"comment": null, "withheld": "abusive"`). Not the
 * journey id (it links one person's answers across touchpoints), not the page address, and of
 * `context` (every `data-*` a site put on the widget: order numbers, plans) only the keys the owner
 * lists in `TOUCHPOINT_PUBLIC_CONTEXT`.
 */
export function publicProjection(publicContext: readonly string[]) {
  const keys = new Set(publicContext);
  return (item: FeedItem & { v?: number }): FeedItem & { v?: number } => {
    const context: Record<string, string> = {};
    for (const [key, value] of Object.entries(item.context ?? {})) if (keys.has(key)) context[key] = value as string;
    const { id, v, touchpoint, effort, effortScale, emotion, comment, lang, createdAt, reply, withheld } = item;
    // A withheld comment is not published, in any form; the reason is, so the wall can say why.
    if (withheld) return { id, v, touchpoint, effort, effortScale, emotion, comment: null, lang, createdAt, context, reply, withheld };
    return { id, v, touchpoint, effort, effortScale, emotion, comment, lang, createdAt, context, reply };
  };
}
