import type { TouchpointNames } from '../../core/inbox.js';
import { namesAttribute } from '../../core/names.js';
import { readOwnerOptions, type OwnerOptions } from '../owner-options.js';

export interface InboxOptions extends OwnerOptions {
  /** Display names from the `touchpoint-names` attribute, over the collector's (read as the wall and the journey read it). */
  names: TouchpointNames;
}

/** Reads the attributes of `<cx-inbox>`. A bad value warns once, naming the attribute, and falls back; nothing throws. */
export const readOptions = (el: Element): InboxOptions => ({ ...readOwnerOptions(el), names: namesAttribute(el) ?? {} });
