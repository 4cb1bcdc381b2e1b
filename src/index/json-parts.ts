// Saved indexes are written as JSON assembled from parts kept from the save before, so that an
// update re-encodes only what it changed.

const COMMA = Buffer.from(',')

/** `parts` with a comma between each two, as the elements of a JSON array. */
export function commaSeparated(parts: readonly Buffer[]): Buffer[] {
  const separated: Buffer[] = new Array(Math.max(0, 2 * parts.length - 1)).fill(COMMA)
  for (const [i, part] of parts.entries()) separated[2 * i] = part
  return separated
}
