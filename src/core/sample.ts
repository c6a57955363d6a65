/**
 * Whether this journey falls inside a sample of probability `p`. The journey id is random, so
 * its first 32 bits are a uniform draw made once per customer: the same customer gets the same
 * answer on every page, instead of meeting the launcher on one page in five.
 */
export const inSample = (journey: string, p: number): boolean => parseInt(journey.slice(0, 8), 16) / 2 ** 32 < p;
