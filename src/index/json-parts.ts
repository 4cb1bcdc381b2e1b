// Saved indexes are written as JSON assembled from parts kept from the save before, so that an
// update re-encodes only what it changed.

const COMMA = Buffer.from(',')

/** `parts` with a comma between each two, as the elements of a JSON array. */
export function commaSeparated(parts: readonly Buffer[]): Buffer[] {
  return parts.flatMap((part, i) => (i === 0 ? [part] : [COMMA, part]))
}
