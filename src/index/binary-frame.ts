/**
 * A line of an index file holding JSON and typed arrays as raw bytes, so that loading the arrays
 * is a copy, not a parse: `NDXB`, the JSON's byte length (uint32, little-endian), the JSON (it
 * also gives each array's type and length), then the arrays in order, each starting at a
 * multiple of 8 bytes from the frame's start, and a newline. Arrays are read as views of the
 * frame's bytes, which must therefore start 8-byte aligned (see `decodeFrame`).
 */
const MAGIC = 'NDXB'
const HEAD = 8

export type FrameArray = Int32Array | Uint8Array | Uint16Array | Float32Array

const TYPES = { i32: Int32Array, u8: Uint8Array, u16: Uint16Array, f32: Float32Array } as const
type TypeName = keyof typeof TYPES

function typeName(array: FrameArray): TypeName {
  if (array instanceof Int32Array) return 'i32'
  if (array instanceof Float32Array) return 'f32'
  if (array instanceof Uint16Array) return 'u16'
  return 'u8'
}

const pad = (offset: number) => (8 - (offset % 8)) % 8

/** A frame as parts to write (the arrays' bytes are not copied), ending in a newline. */
export function encodeFrame(json: unknown, arrays: readonly FrameArray[]): Buffer[] {
  const described = JSON.stringify({
    json,
    arrays: arrays.map((array) => [typeName(array), array.length]),
  })
  const text = Buffer.from(described)
  const head = Buffer.alloc(HEAD)
  head.write(MAGIC, 0, 'latin1')
  head.writeUInt32LE(text.length, 4)
  const parts: Buffer[] = [head, text]
  let offset = HEAD + text.length
  for (const array of arrays) {
    parts.push(Buffer.alloc(pad(offset)))
    offset += pad(offset)
    parts.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength))
    offset += array.byteLength
  }
  parts.push(Buffer.from('\n'))
  return parts
}

/** A frame's JSON and arrays (views of `bytes`). Throws when the frame is not whole. */
export function decodeFrame(bytes: Uint8Array): { json: unknown; arrays: FrameArray[] } {
  if (bytes.byteOffset % 8 !== 0) throw new Error('a binary frame must start 8-byte aligned')
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.length < HEAD || view.toString('latin1', 0, 4) !== MAGIC) {
    throw new Error('not a binary frame')
  }
  const textLength = view.readUInt32LE(4)
  if (HEAD + textLength > view.length) throw new Error('the binary frame is cut short')
  const { json, arrays } = JSON.parse(view.toString('utf8', HEAD, HEAD + textLength)) as {
    json: unknown
    arrays: [TypeName, number][]
  }
  let offset = HEAD + textLength
  const read = arrays.map(([type, length]) => {
    const Type = TYPES[type]
    if (Type === undefined || !Number.isSafeInteger(length) || length < 0) {
      throw new Error('the binary frame lists a bad array')
    }
    offset += pad(offset)
    const byteLength = length * Type.BYTES_PER_ELEMENT
    if (offset + byteLength > view.length) throw new Error('the binary frame is cut short')
    const array = new Type(view.buffer as ArrayBuffer, view.byteOffset + offset, length)
    offset += byteLength
    return array
  })
  // Exactly the newline left: anything else is a frame of another shape.
  if (offset !== view.length - 1 || view[offset] !== 0x0a) {
    throw new Error('the binary frame does not end where it should')
  }
  return { json, arrays: read }
}
