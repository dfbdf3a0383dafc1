// The blog's own script (counts clicks on the article's link), then one
// line that adds Hamish highlighting to the article in place.
import { enhance } from '../hamish.js';

const link = document.getElementById('link');
let clicks = 0;
link.addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('clicks').textContent = String(++clicks);
});

enhance(document.getElementById('post'), { uiLang: 'ar' });
