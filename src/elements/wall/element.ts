import { define } from '../define.js';
import { CxWall as WallElement } from './wall.component.js';

export type { WallLoad } from './wall.component.js';

/** The class registered as <cx-wall>: this copy's, or the one an earlier copy of the script defined. */
export const CxWall = define('cx-wall', WallElement);
export type CxWall = WallElement;

declare global {
  interface HTMLElementTagNameMap {
    'cx-wall': WallElement;
  }
}
