/**
 * The script-tag bundle (`dist/wall.js`) and the ESM entry `touchpoint-cx/wall`. Importing it
 * defines `<cx-wall>`; nothing here is part of `dist/touchpoint.js`. The script-tag bundles export
 * no values (see rollup.config.mjs), so the class is reached as `customElements.get('cx-wall')`
 * and its type is exported here.
 */
import '../elements/wall/element.js';

export type { CxWall, WallLoad } from '../elements/wall/element.js';
export type { FeedItem, FeedPage, Reply } from '../core/feed.js';
