// Injected by browser_check.sh before a page's </body>, the page then shown in an iframe of the
// width under test (a headless window is at least 500 px wide): checks the page as laid out and
// writes the verdict into the outer page (a "browser-check" <pre>) for --dump-dom to carry out.
// The outer page's hash says what the run expects: "#w=400&dark=1".
(() => {
  const out = [];
  const fail = (m) => { if (out.length < 40) out.push('FAIL ' + m); };
  const want = Object.fromEntries(parent.location.hash.slice(1).split('&').map((kv) => kv.split('=')));
  const W = document.documentElement.clientWidth;
  const wantW = Number(want.w);
  if (!(W <= wantW && W >= wantW - 20)) fail(`viewport is ${W}px wide, expected ${wantW}`);
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  if (dark !== (want.dark === '1')) fail(`prefers-color-scheme dark is ${dark}`);

  // Nothing wider than the viewport, except inside a container that scrolls sideways.
  const page = document.scrollingElement.scrollWidth;
  if (page > W + 1) fail(`the page is ${page}px wide in a ${W}px viewport`);
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.left < -1 || r.right > W + 1) && !scrolls(el)) {
      fail(`<${el.localName} class="${el.className}"> spans ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }

  // A version's text is visible: a box, every line of it on screen horizontally, not hidden.
  let lines = 0;
  const visible = (el, what) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    if (r.width < 1 || r.height < 1) return fail(`${what}: no box`);
    if (cs.visibility !== 'visible' || Number(cs.opacity) === 0) return fail(`${what}: hidden`);
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter((q) => q.width > 0);
    if (!rects.length) return fail(`${what}: no text on screen`);
    for (const q of rects) {
      lines++;
      if (q.left < -1 || q.right > W + 1) {
        return fail(`${what}: text at ${Math.round(q.left)}..${Math.round(q.right)}`);
      }
    }
    const fg = colour(cs.color);
    if (contrast(fg, background(el)) < 3) fail(`${what}: text contrast below 3:1`);
  };
  const colour = (css) => (css.match(/[\d.]+/g) || []).map(Number);
  const background = (el) => {
    for (let p = el; p; p = p.parentElement) {
      const c = colour(getComputedStyle(p).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c;
    }
    return dark ? [0, 0, 0] : [255, 255, 255];
  };
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  if ((luminance(background(document.body)) < 0.2) !== dark) fail('the background does not follow the colour scheme');

  // Tables too wide for the viewport stack at phone width rather than scroll.
  for (const w of document.querySelectorAll('.wide')) {
    if (w.scrollWidth > w.clientWidth + 1) fail(`a table scrolls sideways (${w.scrollWidth}px in ${w.clientWidth}px)`);
  }

  let kind = 'review';
  const table = document.querySelector('table.rows');
  if (table) {
    kind = 'compare';
    const docs = table.querySelectorAll('thead th').length - 1;
    if (docs < 2) fail(`${docs} version columns`);
    const seen = new Array(docs).fill(0);
    const cells = [...document.querySelectorAll('table.rows td:not(:empty)')];
    for (const td of cells) {
      const d = td.cellIndex - 1;
      seen[d]++;
      visible(td, `[${d}] "${td.textContent.slice(0, 30)}"`);
    }
    seen.forEach((n, d) => { if (!n) fail(`no text of version [${d}]`); });
    const select = document.getElementById('ref');
    if (select) {
      if (select.offsetWidth < 1) fail('the reference selector is not shown');
      if (W > 700 && select.offsetWidth > W / 3) fail(`the reference selector is ${select.offsetWidth}px wide`);
      const first = select.value;
      for (const opt of select.options) {
        const r = opt.value;
        select.value = r;
        select.dispatchEvent(new Event('change'));
        if (document.body.className !== 'v' + r) { fail(`selecting [${r}] left class ${document.body.className}`); continue; }
        const named = [...document.querySelectorAll('.refs strong')].filter((s) => s.offsetWidth > 0);
        if (named.length !== 1 || !named[0].textContent.startsWith(`[${r}]`)) fail(`reference [${r}] not named`);
        const strips = [...document.querySelectorAll('.overview')].filter((s) => s.offsetWidth > 0);
        if (strips.length !== 1) fail(`${strips.length} overviews shown for [${r}]`);
        for (const sid of document.querySelectorAll('table.rows td, table.rows tbody th')) {
          const shown = [...sid.querySelectorAll('.alt')].filter((s) => s.getClientRects().length);
          if (shown.length > 1) fail(`reference [${r}]: ${shown.length} labels in "${sid.parentElement.textContent.slice(0, 30)}"`);
        }
        for (const m of document.querySelectorAll('table.rows td :is(s, u, i, span:not(.alt))')) {
          const line = getComputedStyle(m).textDecorationLine;
          const own = m.closest('td').cellIndex === Number(r) + 1;
          const has = (c) => m.classList.contains(c + r) || m.classList.contains(c + 'a');
          const want = has('m') ? (own ? 'line-through' : 'underline') : has('o') ? 'underline' : 'none';
          if (line !== want) { fail(`reference [${r}]: "${m.textContent}" is ${line}, expected ${want}`); break; }
        }
        for (const td of cells.filter((c) => c.cellIndex === Number(r) + 1)) visible(td, `reference [${r}] cell`);
      }
      select.value = first;
      select.dispatchEvent(new Event('change'));
    }
  } else {
    const quotes = document.querySelectorAll('blockquote');
    if (!quotes.length) fail('no quoted versions');
    quotes.forEach((q, n) => visible(q, `quote ${n}`));
    document.querySelectorAll('.badge').forEach((b, n) => visible(b, `badge ${n}`));
  }
  if (!out.length) out.push(`PASS ${kind} at ${W}px${dark ? ', dark' : ''}: ${lines} lines of text on screen`);
  const pre = parent.document.createElement('pre');
  pre.id = 'browser-check';
  pre.textContent = out.join('\n');
  parent.document.body.append(pre);
})();
