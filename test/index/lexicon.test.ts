// The lexicon: words as written, counted, with their stems; prefixes and typos looked up in it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { analyze } from '../../src/analysis/analyzer.ts'
import { Lexicon } from '../../src/index/lexicon.ts'

const lexiconOf = (...texts: string[]) => {
  const lexicon = new Lexicon()
  for (const text of texts) lexicon.addTokens(analyze(text))
  return lexicon
}

/** Levenshtein distance (insertions, deletions, substitutions), by the textbook table. */
function editDistance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const row = [i]
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1)
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, substitution)
    }
    previous = row
  }
  return previous[y.length] as number
}

describe('Lexicon', () => {
  it('counts words as written, with their stem, and returns the stems to index', () => {
    const lexicon = new Lexicon()
    assert.deepEqual(lexicon.addTokens(analyze('The talks, the talking.')), ['talk', 'talk'])
    assert.deepEqual(lexicon.get('talks'), { term: 'talk', count: 1, display: 'talks' })
    assert.deepEqual(lexicon.get('the'), { term: null, count: 2, display: 'the' })
    assert.equal(lexicon.size, 3)
  })

  it('shows a word capitalised only while the text never writes it in lower case', () => {
    const lexicon = lexiconOf('Geneva talks.', 'Geneva’s lake.')
    assert.equal(lexicon.get('geneva')?.display, 'Geneva')
    lexicon.addTokens(analyze('Talks in geneva.'))
    assert.equal(lexicon.get('geneva')?.display, 'geneva')
  })

  it('forgets a word when its last occurrence is removed', () => {
    const lexicon = lexiconOf('oil talks', 'oil')
    assert.deepEqual(lexicon.removeTokens(analyze('oil talks')), ['oil', 'talk'])
    assert.equal(lexicon.get('oil')?.count, 1)
    assert.equal(lexicon.get('talks'), undefined)
    assert.deepEqual(lexicon.withPrefix('ta', 5), [])
  })

  it('reads back the rows it saves', () => {
    const lexicon = lexiconOf('Geneva talks on oil.', 'More oil.')
    const restored = Lexicon.fromRows(lexicon.toRows())
    assert.deepEqual(restored.toRows(), lexicon.toRows())
    assert.deepEqual(restored.get('geneva'), { term: 'geneva', count: 1, display: 'Geneva' })
  })

  it('completes a prefix to its most frequent words first, then in word order', () => {
    const lexicon = lexiconOf('harbour harbours harbours harbourmaster harm')
    assert.deepEqual(
      lexicon.withPrefix('harb', 10).map(([word, entry]) => `${word} ${entry.count}`),
      ['harbours 2', 'harbour 1', 'harbourmaster 1'],
    )
    assert.deepEqual(
      lexicon.withPrefix('har', 2).map(([word]) => word),
      ['harbours', 'harbour'],
    )
  })

  it('finds near spellings nearest first, then most frequent', () => {
    const lexicon = lexiconOf('harbour harbours harbours harbor')
    assert.deepEqual(
      lexicon.near('harbour', 1, 10).map(([word, , edits]) => `${word} ${edits}`),
      ['harbour 0', 'harbours 1', 'harbor 1'],
    )
    assert.deepEqual(
      lexicon.near('harbour', 1, 2).map(([word]) => word),
      ['harbour', 'harbours'],
      'at most the limit, the nearest kept',
    )
  })

  it('finds a word added or removed after a lookup', () => {
    const lexicon = lexiconOf('harbour')
    const completions = () => lexicon.withPrefix('harb', 10).map(([word]) => word)
    assert.deepEqual(completions(), ['harbour'])
    lexicon.addTokens(analyze('harbourmaster'))
    assert.deepEqual(completions(), ['harbour', 'harbourmaster'])
    lexicon.removeTokens(analyze('harbour'))
    assert.deepEqual(completions(), ['harbourmaster'])
    assert.deepEqual(lexicon.near('harbour', 1, 10), [])
  })

  it('finds exactly the words a brute-force edit distance finds within the distance', () => {
    const letters = fc.constantFrom('a', 'b', 'c', 'é', 'ß')
    const word = fc.array(letters, { minLength: 1, maxLength: 7 }).map((l) => l.join(''))
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 30 }),
        word,
        fc.integer({ min: 0, max: 3 }),
        (words, query, distance) => {
          const lexicon = new Lexicon(
            new Map(words.map((w) => [w, { term: w, count: 1, display: w }] as const)),
          )
          const found = lexicon.near(query, distance, Number.POSITIVE_INFINITY)
          const expected = words
            .map((w) => [w, editDistance(w, query)] as const)
            .filter(([, edits]) => edits <= distance)
          assert.deepEqual(
            found.map(([w, , edits]) => `${w} ${edits}`).sort(),
            expected.map(([w, edits]) => `${w} ${edits}`).sort(),
          )
        },
      ),
      { numRuns: 300 },
    )
  })
})
