/** A page of any list of the API. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * Every page of a list that is small by nature (definitions: at most 200,
 * applications, a user's personas: at most a few hundred), followed until
 * next_cursor is null.
 */
export async function fetchAll<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    items.push(...p.items);
    cursor = p.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

/** The query of one page: the limit, and the cursor when there is one. */
export function pageQuery(cursor: string | undefined, limit = 100) {
  return { limit, ...(cursor ? { cursor } : {}) };
}

