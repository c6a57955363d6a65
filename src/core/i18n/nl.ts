import type { Words } from './words.js';

const nl: Words = {
  effort7: ['Heel moeilijk', 'Moeilijk', 'Redelijk moeilijk', 'Niet makkelijk, niet moeilijk', 'Redelijk makkelijk', 'Makkelijk', 'Heel makkelijk'],
  emotions: {
    frustrated: 'Gefrustreerd',
    disappointed: 'Teleurgesteld',
    indifferent: 'Onverschillig',
    satisfied: 'Tevreden',
    delighted: 'Enthousiast',
  },
};
export default nl;
