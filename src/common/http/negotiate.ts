import Negotiator from 'negotiator';

/** The best of `offered` media types for an Accept header (the first offered when the header is absent or * / *). */
export function negotiate<T extends string>(accept: string | undefined, offered: readonly T[]): T | undefined {
  if (!accept) return offered[0];
  const best = new Negotiator({ headers: { accept } }).mediaType(offered as unknown as string[]);
  return best as T | undefined;
}
