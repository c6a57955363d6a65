// What the screenshot scripts share: Chromium as the tests launch it, and the views the project
// looks at (320, 390 and 1280 px wide, light and dark, English and Spanish).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchChromium = () =>
  chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });

/** Every width, colour scheme and language, widths outermost, as the screenshots are named and looked at. */
export const VIEWS = [320, 390, 1280].flatMap((width) => ['light', 'dark'].flatMap((os) => ['en', 'es'].map((lang) => ({ width, os, lang }))));
