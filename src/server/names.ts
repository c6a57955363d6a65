import { readFileSync } from 'node:fs';
import { isObject, TOUCHPOINT_PATTERN } from '../core/answer.js';
import type { TouchpointNames } from '../core/inbox.js';

const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const NAME_MAX = 80;

/**
 * `TOUCHPOINT_NAMES`: display names of touchpoints per language, as JSON written inline or in a
 * file: `{"checkout": {"en": "Checkout", "es": "Pago"}}`. Throws one line saying what is wrong.
 */
export function readNames(value: string): TouchpointNames {
  let text = value;
  // JSON starts with a bracket or a quote; anything else is a path.
  if (!/^\s*[[{"]/.test(value)) {
    try {
      text = readFileSync(value, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${value}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; give JSON such as {"checkout": {"en": "Checkout", "es": "Pago"}} or a path to a file of it`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(json)) throw new Error('must be a JSON object of touchpoint → {language: name}');
  const names: TouchpointNames = {};
  for (const [touchpoint, byLang] of Object.entries(json)) {
    if (!TOUCHPOINT_PATTERN.test(touchpoint)) throw new Error(`"${touchpoint}" is not a touchpoint id (1-64 characters of A-Z a-z 0-9 . _ : -)`);
    if (!isObject(byLang)) throw new Error(`"${touchpoint}" must map languages to names, e.g. {"en": "Checkout"}`);
    names[touchpoint] = {};
    for (const [lang, name] of Object.entries(byLang)) {
      if (!LANG_TAG.test(lang)) throw new Error(`"${touchpoint}": "${lang}" is not a language tag such as en or es-MX`);
      if (typeof name !== 'string' || !name.trim() || name.length > NAME_MAX) throw new Error(`"${touchpoint}" in "${lang}" must be a name of 1 to ${NAME_MAX} characters`);
      names[touchpoint][lang.toLowerCase()] = name.trim();
    }
  }
  return names;
}
