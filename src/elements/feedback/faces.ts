/**
 * The five faces, frustrated to delighted, are one shape (a circle, two eyes, a mouth) whose
 * mouth bends from a frown to a smile, so they look the same on every platform (no emoji font),
 * take the colour of the text and follow forced-colours mode. This is the path of face `index`
 * in a 24 × 24 box: `bend` is how far the middle of the mouth sits below its ends.
 */
export function face(index: number): string {
  const bend = [-3, -1.5, 0, 2, 3.5][index];
  const y = 15.5 - bend / 2;
  return `M9 9v1.5M15 9v1.5M7.5 ${y}Q12 ${y + 2 * bend} 16.5 ${y}`;
}
