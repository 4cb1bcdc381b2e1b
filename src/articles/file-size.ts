// File sizes in words, for the reasons files are skipped and for the cli's summaries. Pure.

/** Sizes in words a person reads at a glance: `512 bytes`, `3.4 KB`, `20 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / 1024 / 1024, 'MB']
  return `${Number(value.toFixed(1))} ${unit}`
}

/**
 * Why a file of `size` bytes is refused under a limit of `max`: in bytes when the rounded sizes
 * would read the same (`20 MB (limit 20 MB)` says nothing).
 */
export function tooLargeReason(size: number, max: number): string {
  const [shown, limit] = [formatBytes(size), formatBytes(max)]
  return shown === limit
    ? `too large: ${size.toLocaleString('en')} bytes (limit ${max.toLocaleString('en')} bytes)`
    : `too large: ${shown} (limit ${limit})`
}
