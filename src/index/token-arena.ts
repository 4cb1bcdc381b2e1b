/** Bytes per chunk of an arena. */
const CHUNK = 4 * 1024 * 1024

/**
 * Packed tokens (token-table.ts: unsigned LEB128 varints) written end to end into large chunks,
 * each text a view of its chunk: a build packs a million texts, and a buffer apiece cost more
 * in allocation and heap than the bytes themselves. `begin` a text, `write` its values, `end`
 * it to get its bytes.
 */
export class TokenArena {
  #chunk = new Uint8Array(CHUNK)
  #start = 0
  #at = 0

  begin(): void {
    this.#start = this.#at
  }

  write(value: number): void {
    let rest = value
    while (rest >= 0x80) {
      this.#byte((rest & 0x7f) | 0x80)
      rest >>>= 7
    }
    this.#byte(rest)
  }

  end(): Uint8Array {
    return this.#chunk.subarray(this.#start, this.#at)
  }

  #byte(value: number): void {
    if (this.#at === this.#chunk.length) {
      // The text so far moves to a new chunk (one of its own if it is that long).
      const sofar = this.#at - this.#start
      const next = new Uint8Array(Math.max(CHUNK, 2 * sofar))
      next.set(this.#chunk.subarray(this.#start, this.#at))
      this.#chunk = next
      this.#start = 0
      this.#at = sofar
    }
    this.#chunk[this.#at++] = value
  }
}
