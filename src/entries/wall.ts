/**
 * The script-tag bundle (`dist/wall.js`, which adds `CxWall` to `window.Touchpoint`) and the ESM
 * entry `touchpoint-cx/wall`. Importing it defines `<cx-wall>`; none of it is in `dist/touchpoint.js`.
 */
export { CxWall } from '../elements/wall/element.js';
export type { WallLoad } from '../elements/wall/element.js';
export type { FeedItem, FeedPage, Reply } from '../core/feed.js';
