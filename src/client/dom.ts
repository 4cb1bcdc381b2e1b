// Safe DOM building: text always goes in as text, and the only markup ever made from the
// server's strings is an attribute-less `<mark>`.
import type { Highlight } from '../search/types.ts'

/** A child of `h`: `undefined` and `false` are left out, so conditions read inline. */
export type Child = Node | string | undefined | false

/** An element with attributes (an `undefined` one is left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value)
  }
  for (const child of children) {
    if (child !== undefined && child !== false) element.append(child)
  }
  return element
}

/** Text with `<mark>` around the highlighted ranges, built as nodes: no HTML is parsed. */
export function markedText(text: string, highlights: readonly Highlight[]): DocumentFragment {
  const fragment = document.createDocumentFragment()
  let cursor = 0
  for (const [start, end] of highlights) {
    if (start < cursor || end <= start || end > text.length) continue
    if (start > cursor) fragment.append(text.slice(cursor, start))
    fragment.append(h('mark', {}, text.slice(start, end)))
    cursor = end
  }
  if (cursor < text.length) fragment.append(text.slice(cursor))
  return fragment
}

/**
 * The server's escaped HTML with `<mark>` (a title), as nodes, accepted only if it holds nothing
 * but text and attribute-less `<mark>`s of text; otherwise `fallback` is shown as plain text. A
 * `<template>`'s content is inert: nothing in it runs or loads while it is inspected.
 */
export function markedHtml(html: string, fallback: string): DocumentFragment {
  const template = document.createElement('template')
  template.innerHTML = html
  const fragment = document.createDocumentFragment()
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) fragment.append(node.textContent ?? '')
    else if (
      node instanceof HTMLElement &&
      node.tagName === 'MARK' &&
      node.attributes.length === 0 &&
      [...node.childNodes].every((child) => child.nodeType === Node.TEXT_NODE)
    ) {
      fragment.append(h('mark', {}, node.textContent ?? ''))
    } else {
      const plain = document.createDocumentFragment()
      plain.append(fallback)
      return plain
    }
  }
  return fragment
}
