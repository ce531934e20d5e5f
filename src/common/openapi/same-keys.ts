/**
 * Compile-time checks that a response DTO declares the fields of the type it documents. `implements` catches a
 * required field the DTO lacks, not an optional one, nor a field the DTO documents that the type never has:
 *   export type _StageKeys = Expect<SameKeys<ModelStageDto, ResolvedStage>>;   // fails to compile on any difference
 */
export type SameKeys<Dto, T> = [Exclude<keyof T, keyof Dto>, Exclude<keyof Dto, keyof T>] extends [never, never]
  ? true
  : { missing: Exclude<keyof T, keyof Dto>; extra: Exclude<keyof Dto, keyof T> };

export type Expect<T extends true> = T;
