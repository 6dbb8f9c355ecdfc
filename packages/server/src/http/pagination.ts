import { z } from 'zod';

/** Query of every list endpoint: page is 1-based, pageSize at most 100. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Response of every list endpoint. */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export function offsetOf(q: PageQuery): number {
  return (q.page - 1) * q.pageSize;
}
