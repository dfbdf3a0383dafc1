// Hamish embed loader — a stable URL in front of content-hashed assets.
//
//   <script type="module" src="https://YOUR-HOST/hamish/hamish.js"></script>
//   <hamish-annotator src="article.txt" reference-date="2025-05-17"></hamish-annotator>
//
// or, from JavaScript:
//
//   import { mount, enhance } from 'https://YOUR-HOST/hamish/hamish.js';
//   const handle = await mount(element, { text, referenceDate: '2025-05-17' });
//   await enhance(document.querySelector('article'));
//
// The WebAssembly is loaded on first use, once per page, from next to this
// file. `trunk build` writes the hashed file names below (scripts/trunk-post-build.sh).
const GLUE = '__HAMISH_GLUE__';
const WASM = '__HAMISH_WASM__';
const BASE = new URL('.', import.meta.url);

let modulePromise = null;

/** Loads and initialises the WebAssembly module (once per page). */
export function load() {
  if (!modulePromise) {
    modulePromise = import(new URL(GLUE, BASE).href).then(async (m) => {
      await m.default({ module_or_path: new URL(WASM, BASE) });
      return m;
    });
    modulePromise.catch(() => { modulePromise = null; });
  }
  return modulePromise;
}

/** Mounts a widget inside `element` (see hamish.d.ts for the options). */
export async function mount(element, options = {}) {
  const m = await load();
  return m.mount(element, { modelBase: BASE.href, ...options });
}

/** Annotates an article already on the page, in place. */
export async function enhance(article, options = {}) {
  const m = await load();
  return m.enhance(article, { modelBase: BASE.href, ...options });
}

const ATTRS = ['src', 'lang', 'reference-date', 'readonly', 'types', 'ui-lang', 'persist'];

function optionsOf(el) {
  const o = {};
  const src = el.getAttribute('src');
  if (src) o.src = new URL(src, document.baseURI).href;
  else o.text = el._hamishText ?? '';
  if (el.hasAttribute('lang')) o.lang = el.getAttribute('lang');
  if (el.hasAttribute('reference-date')) o.referenceDate = el.getAttribute('reference-date');
  if (el.hasAttribute('ui-lang')) o.uiLang = el.getAttribute('ui-lang');
  if (el.hasAttribute('types')) o.types = el.getAttribute('types');
  o.readonly = el.hasAttribute('readonly');
  if (el.hasAttribute('persist')) o.persist = el.getAttribute('persist') !== 'false';
  return o;
}

const HOST_CSS = `:host { display: block; all: initial; display: block; contain: content; }
:host([hidden]) { display: none; }`;

/** `<hamish-annotator>`: one independent widget per element. */
export class HamishAnnotator extends HTMLElement {
  static get observedAttributes() { return ATTRS; }

  constructor() {
    super();
    this._handle = null;
    this._pending = null;
    this._generation = 0;
  }

  connectedCallback() {
    // Moved (taken out and put back in one task): the widget lives on,
    // with everything the reader did.
    this._freeing = null;
    if (this._handle) return;
    if (!this.shadowRoot) {
      // The element's own text is the article (light DOM, never rendered
      // once the shadow root exists: it stays for search engines and for
      // readers without JavaScript until the widget is ready).
      this._hamishText = this.textContent;
      const root = this.attachShadow({ mode: 'open' });
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(HOST_CSS);
        root.adoptedStyleSheets = [sheet];
      } catch { /* older engines: the widget's own styles still apply */ }
      this._mountPoint = document.createElement('div');
      root.append(this._mountPoint);
    }
    const generation = ++this._generation;
    this._pending = load().then((m) => {
      if (!this.isConnected || generation !== this._generation || this._handle) return this._handle;
      try {
        this._handle = m.mount(this._mountPoint, { modelBase: BASE.href, ...optionsOf(this), eventTarget: this });
        this._mountPoint.removeAttribute('data-hamish-failed');
      } catch (e) {
        const message = String(e.message ?? e);
        // Not a blank box: the article stays readable, with what is wrong
        // (fixing the attribute mounts the widget).
        this._mountPoint.setAttribute('data-hamish-failed', '');
        this._mountPoint.replaceChildren(
          Object.assign(document.createElement('p'), { textContent: message, role: 'alert' }),
          Object.assign(document.createElement('div'), { textContent: this._hamishText ?? '' }),
        );
        this._mountPoint.lastChild.style.whiteSpace = 'pre-wrap';
        this.dispatchEvent(new CustomEvent('hamish-error', { bubbles: true, composed: true, detail: { kind: 'options', message } }));
      }
      return this._handle;
    }, (e) => {
      this.dispatchEvent(new CustomEvent('hamish-error', { bubbles: true, composed: true, detail: { kind: 'load', message: String(e.message ?? e) } }));
      return null;
    });
  }

  disconnectedCallback() {
    this._generation++;
    // Freed once the current task is over, unless the element is back in
    // the page by then (a move).
    const token = {};
    this._freeing = token;
    queueMicrotask(() => {
      if (this._freeing !== token || this.isConnected) return;
      this._freeing = null;
      if (this._handle) {
        this._handle.destroy();
        this._handle.free?.();
        this._handle = null;
      }
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    // A widget that could not mount (bad attribute) tries again.
    if (!this._handle) {
      if (this.isConnected && this._mountPoint?.hasAttribute('data-hamish-failed')) this.connectedCallback();
      return;
    }
    try {
      this._handle.update(optionsOf(this));
    } catch (e) {
      this.dispatchEvent(new CustomEvent('hamish-error', { bubbles: true, composed: true, detail: { kind: 'options', message: String(e.message ?? e) } }));
    }
  }

  /** Resolves when the widget is mounted. */
  whenMounted() { return this._pending ?? Promise.resolve(this._handle); }

  /** The annotations (UTF-16 offsets); empty until the widget is mounted. */
  get annotations() { return this._handle ? this._handle.annotations() : []; }
  set annotations(list) {
    if (!this._handle) throw new Error('hamish: the widget is not mounted yet');
    this._handle.setAnnotations(list);
  }

  /** Analyses the text again (reader decisions are kept). */
  analyze() { this._handle?.analyze(); }

  /** The annotations as a file: 'hamish', 'w3c', 'conll' or 'brat'. */
  export(format = 'hamish') {
    if (!this._handle) throw new Error('hamish: the widget is not mounted yet');
    return this._handle.export(format);
  }

  /** Imports a file's contents; returns {placed, relocated, orphaned, warnings}. */
  import(data, format) {
    if (!this._handle) throw new Error('hamish: the widget is not mounted yet');
    return this._handle.import(data, format);
  }
}

if (!customElements.get('hamish-annotator')) {
  customElements.define('hamish-annotator', HamishAnnotator);
}
