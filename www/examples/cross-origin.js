// Loads Hamish from the widget host named in ?widget=… and mounts it with
// the JS API; the article is fetched from the widget host too.
const params = new URLSearchParams(location.search);
const base = new URL(params.get('widget') ?? '../', location.href);
const { mount } = await import(new URL('hamish.js', base).href);
const el = document.getElementById('mount');
const log = document.getElementById('log');
el.addEventListener('hamish-ready', (e) => {
  const li = document.createElement('li');
  li.dataset.event = 'hamish-ready';
  li.textContent = `hamish-ready ${JSON.stringify(e.detail)}`;
  log.append(li);
});
window.hamishHandle = await mount(el, {
  src: new URL('kremlin-talks.ar.txt', base).href,
  lang: 'ar',
  referenceDate: '2025-05-17',
});
