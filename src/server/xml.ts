// Text and attribute values for the XML documents newsdex serves (OpenSearch, Atom). Pure.

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

// What XML 1.0 cannot hold, even escaped, or advises against: control characters but tab,
// newline and return (Reuters' `&#5;` junk is one), unpaired surrogates, U+FFFE and U+FFFF.
const NOT_XML = /[^\P{Cc}\t\n\r]|\p{Cs}|[\uFFFE\uFFFF]/gu

/** Text escaped for XML content or a quoted attribute, without the characters XML forbids. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string)
}
