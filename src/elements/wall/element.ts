import { define } from '../define.js';
import { CxWall } from './wall.component.js';

export { CxWall };
export type { WallLoad } from './wall.component.js';

define('cx-wall', CxWall);

declare global {
  interface HTMLElementTagNameMap {
    'cx-wall': CxWall;
  }
}
