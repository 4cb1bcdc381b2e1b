// The bench's whole report, as `npm run bench -- --json FILE` writes it and the markdown renders it.
import type { BuildReport } from './bench-build.ts'
import type { ClusterSectionReport } from './bench-cluster.ts'
import type { HttpReport, SoakReport } from './bench-http.ts'
import type { PathologicalReport } from './bench-pathological.ts'
import type { KindSummaries } from './bench-queries.ts'
import type { RelatedSectionReport } from './bench-related.ts'
import type { ScaleReport } from './bench-repeat.ts'
import type { ScaleSectionReport } from './bench-scale.ts'
import type { BenchSettings } from './bench-settings.ts'
import type { UpdateReport } from './bench-update.ts'

/** The full report, as written with --json. */
export interface BenchReport {
  date: string
  machine: {
    cores: number
    cpu: string
    totalMemoryBytes: number
    freeMemoryBytes: number
    node: string
    platform: string
    /** 1-minute load averages when the bench started and when it ended: other work competes. */
    loadAverage: { start: number; end: number }
  }
  corpus: {
    path: string
    kind: BenchSettings['corpusKind']
    defaulted: boolean
    articles: number
    paragraphs: number
    bytes: number
    readMs: number
  }
  settings: Omit<BenchSettings, 'corpus' | 'corpusKind' | 'corpusDefaulted'>
  build: BuildReport[]
  queries: {
    counts: Record<string, number>
    warmup: number
    /** Searcher → kind (and `all`) → latency summary in µs. */
    searchers: Record<string, KindSummaries>
    /** newsdex with snippets p99 ÷ MiniSearch p99, per kind and all. */
    snippetsP99OverMiniSearchP99: Record<string, number>
  }
  pathological: { targetMs: number; queries: PathologicalReport[] }
  scale: ScaleReport[]
  reuters: ScaleSectionReport
  related: RelatedSectionReport
  /** newsdex through a local Sphinx cluster beside the embedded index (see bench-cluster.ts). */
  cluster: ClusterSectionReport
  update: UpdateReport
  http: HttpReport | { skipped: string }
  soak: SoakReport | null
}
