// Logs the widget's events (example page; no inline script, so it also runs
// under a strict Content-Security-Policy).
const log = document.getElementById('log');
const el = document.getElementById('demo');
for (const name of ['hamish-ready', 'hamish-change', 'hamish-error']) {
  el.addEventListener(name, (e) => {
    const li = document.createElement('li');
    li.dataset.event = name;
    li.textContent = `${name}: ${JSON.stringify(e.detail).slice(0, 300)}`;
    log.append(li);
  });
}
