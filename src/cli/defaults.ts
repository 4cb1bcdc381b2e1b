/** Where things are when no flag says otherwise: relative to the directory npm runs in. */
export const DEFAULT_ARTICLES = 'index-data/articles'
export const DEFAULT_INDEX = 'index-data/newsdex.index'
export const DEFAULT_PORT = 3000
