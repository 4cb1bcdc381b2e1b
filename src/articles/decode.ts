// Bytes → text: UTF-8 when the bytes are valid UTF-8, else Windows-1252 (reported), after
// refusing what is not text at all. Pure.

/** How many leading bytes are examined for NULs and control characters. */
const SNIFF_BYTES = 8 * 1024
/** Above this share of control bytes in the sniffed part, a file is taken to be binary. */
const CONTROL_SHARE = 0.3

export type Encoding = 'utf-8' | 'windows-1252'

export interface Decoded {
  text: string
  encoding: Encoding
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node's TextDecoder('windows-1252') maps
// those bytes to C1 controls (it treats the label as Latin-1), so the table is spelt out here.
// The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD.
const CP1252_HIGH = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ'

/** Decodes Windows-1252. */
export function decodeCp1252(bytes: Uint8Array): string {
  const parts: string[] = []
  const CHUNK = 8192
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length)
    let chunk = ''
    for (let i = start; i < end; i++) {
      const byte = bytes[i] as number
      chunk += byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte)
    }
    parts.push(chunk)
  }
  return parts.join('')
}

/**
 * Why `bytes` cannot be read as text, or `undefined` when they can: an empty file, UTF-16
 * (which this reader does not decode), NUL bytes or mostly control characters early on.
 */
export function notTextReason(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'empty file'
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return 'UTF-16 text is not supported: save the file as UTF-8'
  }
  const sniff = Math.min(bytes.length, SNIFF_BYTES)
  let controls = 0
  for (let i = 0; i < sniff; i++) {
    const byte = bytes[i] as number
    if (byte === 0) return 'binary file (NUL bytes in the first 8 KB)'
    // Tab, line feed, vertical tab, form feed and carriage return are ordinary text.
    if ((byte < 0x20 && (byte < 0x09 || byte > 0x0d)) || byte === 0x7f) controls++
  }
  if (controls > sniff * CONTROL_SHARE) {
    return `binary file (${Math.round((100 * controls) / sniff)}% control characters in the first 8 KB)`
  }
  return undefined
}

// C0 controls other than tab/line breaks, DEL and C1 controls: never meant to be shown.
const CONTROLS = /[^\P{Cc}\t\n\v\f\r]/gu

/**
 * Decodes text bytes: UTF-8 (a BOM is dropped) or, when they are not valid UTF-8,
 * Windows-1252. The result is NFC-normalised and free of control characters; line structure is
 * kept. Call `notTextReason` first.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  let text: string
  let encoding: Encoding = 'utf-8'
  try {
    text = utf8.decode(bytes)
  } catch {
    text = decodeCp1252(bytes)
    encoding = 'windows-1252'
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return { text: text.replace(CONTROLS, '').normalize('NFC'), encoding }
}
