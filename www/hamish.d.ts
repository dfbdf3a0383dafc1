// Type declarations for the Hamish embed loader (hamish.js).
//
// Offsets: `start`/`end` of annotations crossing the JavaScript API are
// UTF-16 code units of the article text (the unit of JavaScript strings and
// DOM ranges), end exclusive. Exported files state their own unit (Unicode
// code points for Hamish JSON, W3C Web Annotation and brat).

/** An entity or temporal type. */
export type HamishType = 'PER' | 'ORG' | 'LOC' | 'MISC' | 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** Export/import formats. */
export type HamishFormat = 'hamish' | 'w3c' | 'conll' | 'brat';

export interface HamishOptions {
  /** The article text (or use `src`). */
  text?: string;
  /** URL of a UTF-8 text file with the article (CORS applies across origins). */
  src?: string;
  /** Article language: 'ar', 'en' or 'auto' (per paragraph, by script). Default 'auto'. */
  lang?: 'ar' | 'en' | 'auto';
  /** Reference date for relative dates (YYYY-MM-DD), usually the publication date. */
  referenceDate?: string;
  /** Language of the widget's labels. Default 'ar'. */
  uiLang?: 'ar' | 'en';
  /** Highlights and cards only, no corrections. */
  readonly?: boolean;
  /** Types to show: an array or a comma-separated string. Default: all. */
  types?: HamishType[] | string;
  /** Save the reader's corrections in localStorage, keyed by the text and the id of the
   *  element that receives the events (`eventTarget`, else the mount element), if it has one:
   *  two widgets showing one text need different ids to both save. Default true. */
  persist?: boolean;
  /** Element that receives the hamish-* events. Default: the mount element. */
  eventTarget?: Element;
}

export interface HamishAnnotation {
  id: number;
  /** UTF-16 code units, inclusive. */
  start: number;
  /** UTF-16 code units, exclusive. */
  end: number;
  text: string;
  type: HamishType;
  /** TIMEX3 value for temporal types: '2025-05-16', '2022-02', 'P2D', 'PRESENT_REF', … */
  value: string | null;
  status: 'suggested' | 'decided';
  source: 'model' | 'lexicon' | 'rule' | 'reader';
  confidence: number;
  link: { canonical: string; id: string | null } | null;
  note: string | null;
}

/** What `setAnnotations` accepts (UTF-16 offsets). */
export interface HamishAnnotationInput {
  start: number;
  end: number;
  type: HamishType;
  value?: string;
  status?: 'suggested' | 'decided';
}

export interface HamishImportResult {
  placed: number;
  relocated: number;
  orphaned: { quote: string; type: HamishType; reason: string }[];
  warnings: string[];
}

/** A change of the annotation layer. Changes are reported after the widget renders: several
 *  API calls made in one task (say `setAnnotations` then `import`) arrive as one event with the
 *  net difference and the last operation, while `generation` (and undo) count each of them. */
export interface HamishChangeDetail {
  op: 'add' | 'retype' | 'delete' | 'resize' | 'accept' | 'reject' | 'accept-all' | 'reject-all'
    | 'set-value' | 'apply-to-all' | 'undo' | 'redo' | 'import'
    /** an analysis after the first (new reference date, `analyze()`), or another tab's saved work, changed the layer */
    | 'analyse';
  generation: number;
  added: HamishAnnotation[];
  removed: HamishAnnotation[];
  count: number;
  offsetUnit: 'utf16';
}

export interface HamishEventMap {
  'hamish-ready': CustomEvent<{ count: number }>;
  'hamish-change': CustomEvent<HamishChangeDetail>;
  'hamish-error': CustomEvent<{ kind: 'load' | 'storage' | 'import' | 'export' | 'options'; message: string }>;
}

/** A mounted widget. */
export interface WidgetHandle {
  readonly ready: boolean;
  /** The text annotation offsets index: the article as the widget reads it (for `enhance()`,
   *  one line per block of the host article, not its `textContent`). */
  readonly text: string;
  annotations(): HamishAnnotation[];
  /** Replaces the annotations (one undoable step); throws on invalid input and changes nothing. */
  setAnnotations(list: HamishAnnotationInput[]): void;
  analyze(): void;
  export(format?: HamishFormat): string;
  /** Throws an Error naming the line or field of an invalid file; changes nothing then. */
  import(data: string, format?: HamishFormat): HamishImportResult;
  /** Changes options; unspecified ones keep their value. Relative dates re-normalise at once. */
  update(options: HamishOptions): void;
  /**
   * Unmounts the widget: waiting corrections are saved, its highlights and listeners are
   * freed and its DOM removed (on the next task). Further calls on the handle throw.
   */
  destroy(): void;
}

/** Loads the WebAssembly module (once per page). */
export function load(): Promise<unknown>;
/** Mounts a widget inside `element` (its content is replaced). */
export function mount(element: Element, options?: HamishOptions): Promise<WidgetHandle>;
/** Annotates an article already on the page, in place (read-only). */
export function enhance(article: Element, options?: HamishOptions): Promise<WidgetHandle>;

/** `<hamish-annotator src lang reference-date readonly types ui-lang persist>` */
export class HamishAnnotator extends HTMLElement {
  annotations: HamishAnnotation[];
  whenMounted(): Promise<WidgetHandle | null>;
  analyze(): void;
  export(format?: HamishFormat): string;
  import(data: string, format?: HamishFormat): HamishImportResult;
  addEventListener<K extends keyof HamishEventMap>(type: K, listener: (ev: HamishEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'hamish-annotator': HamishAnnotator;
  }
}
