// Numbers and tables as the bench's markdown shows them.

export const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–'
  return value >= 100 ? int.format(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2)
}

export function us(value: number): string {
  if (!Number.isFinite(value)) return '–'
  return value >= 100 ? int.format(value) : value.toFixed(1)
}

export function mb(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / 1024 / 1024).toFixed(1) : '–'
}

export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–'
}

export function table(header: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ]
}
