import { describe, expect, it } from 'vitest';
import ar from '../../src/journey/translations/ar.js';
import ca from '../../src/journey/translations/ca.js';
import de from '../../src/journey/translations/de.js';
import en from '../../src/journey/translations/en.js';
import es from '../../src/journey/translations/es.js';
import fr from '../../src/journey/translations/fr.js';
import it_ from '../../src/journey/translations/it.js';
import nl from '../../src/journey/translations/nl.js';
import pt from '../../src/journey/translations/pt.js';

const ALL = { ar, ca, de, en, es, fr, it: it_, nl, pt };

describe('where to act first, in every language', () => {
  for (const [lang, t] of Object.entries(ALL))
    it(`${lang}: says why with every number it is given, and its own words`, () => {
      const reasons = [t.hardReason('32 %', '45 %'), t.badReason('-0,68', '-0,46')];
      const why = t.why('checkout', t.answers(62, '62'), reasons.join(' / '));
      for (const part of ['checkout', '62', '32 %', '45 %', '-0,68', '-0,46']) expect(why).toContain(part);
      expect(t.undecided('cart')).toContain('cart');
      expect(t.range('22 %', '45 %')).toMatch(/22 %.*45 %/);
      expect(t.threshold('5', '50 %')).toMatch(/95/);
      // Translated, not English left in place.
      if (lang !== 'en') for (const key of ['actFirst', 'tooFew'] as const) expect(t[key]).not.toBe(en[key]);
      if (lang !== 'en') expect(t.hardReason('1', '2')).not.toBe(en.hardReason('1', '2'));
    });
});
