/** The id of every answer a collector keeps, read through its public feed (`GET …/api/feedback`) to the last page. */
export async function feedIds(feedUrl: string): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = null;
  do {
    const page = await (await fetch(`${feedUrl}?limit=100${next ? `&before=${encodeURIComponent(next)}` : ''}`)).json();
    ids.push(...page.items.map((item: { id: string }) => item.id));
    next = page.next;
  } while (next);
  return ids;
}
