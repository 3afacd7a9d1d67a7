// Browser half of src/platform/browser.cpp, included into ties.js with --pre-js.
//
// Text input: glfw 3.1.6 only forwards `keypress` char codes, which drops anything typed through
// an IME, the on-screen keyboard or a non-ASCII `insertText`. So while an ImGui text field is
// active, a hidden <textarea> holds the focus: its `input` and `compositionend` events carry the
// text, and glfw's own keypress path is muted so nothing arrives twice. Key events (arrows,
// Backspace, shortcuts) still reach ImGui via glfw.
// Paste: Chromium may fire `paste` a task after the Ctrl+V keydown, when ImGui has already handled
// the shortcut, so the app inserts pasted text itself (see take_pasted_text) and ImGui's own
// Ctrl+V handling is a no-op (its clipboard getter returns nothing).
Module.tiesPlatform = (function () {
  'use strict';
  const params = new URLSearchParams(window.location.search);
  const typed = [];
  const pasted = [];
  let probeFrame = 0;

  const bridge = document.createElement('textarea');
  bridge.id = 'ties-text-bridge';
  bridge.setAttribute('aria-hidden', 'true');
  bridge.setAttribute('autocomplete', 'off');
  bridge.setAttribute('autocapitalize', 'off');
  bridge.setAttribute('autocorrect', 'off');
  bridge.spellcheck = false;
  bridge.tabIndex = -1;
  document.body.appendChild(bridge);

  // These capture listeners are registered before glfw's own (pre-js runs before main), so
  // they run first.
  window.addEventListener('keypress', (event) => {
    if (document.activeElement === bridge) event.stopImmediatePropagation();
  }, true);
  // Shortcuts that belong to the app, not the browser: undo/redo (the browser's would edit the
  // hidden input and move focus to it), Ctrl/Cmd+K (palette; the browser's search box) and
  // Ctrl/Cmd+L (quick log; the browser's address bar).
  const APP_SHORTCUTS = new Set(['z', 'y', 'k', 'l']);
  window.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && APP_SHORTCUTS.has(event.key.toLowerCase())) {
      event.preventDefault();
    }
  }, true);
  // glfw treats any element's blur seen in the capture phase as the window losing focus and
  // releases every key; only a real window blur should do that.
  window.addEventListener('blur', (event) => {
    if (event.target !== window) event.stopImmediatePropagation();
  }, true);

  // Typed text goes to the app at once, between glfw's key callbacks, so that it keeps its place
  // among the keys (Ctrl+A, then a word, then Enter) however many arrive before the next frame.
  // Until the app listens (its first frame), it waits here.
  let textLive = false;
  function deliverTyped(text) {
    if (!textLive) { typed.push(text); return; }
    const ptr = newString(text);
    Module._ties_platform_typed(ptr);
    _free(ptr);
  }
  bridge.addEventListener('input', (event) => {
    if (event.isComposing) return;  // the composition's result arrives with compositionend
    if ((event.inputType === 'insertText' || event.inputType === 'insertReplacementText') && event.data) {
      deliverTyped(event.data);
    }
    bridge.value = '';
  });
  bridge.addEventListener('compositionend', (event) => {
    if (event.data) deliverTyped(event.data);
    bridge.value = '';
  });
  bridge.addEventListener('paste', (event) => {
    event.preventDefault();
    const text = (event.clipboardData && event.clipboardData.getData('text/plain')) || '';
    if (text) pasted.push(text.replace(/\r\n?/g, '\n'));
  });

  // Touch: phones open their keyboard only when an input is focused inside the user's gesture,
  // and ImGui learns about a text field only a frame later. So the app publishes whether the
  // pointer is over a text field (ImGui shows the text cursor there), and the touchend handler
  // focuses the hidden input right away. One-finger drags become scroll steps for ImGui.
  // glfw 3.1.6 reads touch positions from an SDL-only property, so its touch handling presses
  // at a stale position: these listeners keep touches away from it. Taps still reach the app as
  // the browser's compatibility mouse events; drags are turned into scrolling at the finger.
  let cursorIsText = false;
  let touchScroll = 0;
  let touchPoint = null;  // where the finger went down or moved to, in canvas CSS pixels
  let touch = null;
  const onCanvas = (event) => event.target === Module.canvas;
  const TOUCH_SLOP = 8;
  function track(event) {
    const rect = Module.canvas.getBoundingClientRect();
    const t = event.touches[0];
    touchPoint = [t.clientX - rect.left, t.clientY - rect.top];
    return t;
  }
  // Pictures that pan and zoom (the Map) also get the drag in both directions and two-finger
  // pinches: the scale since the last frame and the point between the fingers.
  let touchDrag = [0, 0];
  let pinch = null;       // { distance } while two fingers are down
  let pinchScale = 1;
  let pinchPoint = [0, 0];
  function fingers(event) {
    const rect = Module.canvas.getBoundingClientRect();
    const [a, b] = [event.touches[0], event.touches[1]];
    return {
      distance: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY),
      x: (a.clientX + b.clientX) / 2 - rect.left,
      y: (a.clientY + b.clientY) / 2 - rect.top,
    };
  }
  window.addEventListener('touchstart', (event) => {
    if (!onCanvas(event)) return;
    event.stopImmediatePropagation();
    if (event.touches.length === 1) {
      const t = track(event);
      touch = { x: t.clientX, y: t.clientY, moved: false };
    } else {
      touch = null;
    }
    pinch = event.touches.length === 2 ? { distance: fingers(event).distance } : null;
  }, { capture: true, passive: true });
  window.addEventListener('touchmove', (event) => {
    if (!onCanvas(event)) return;
    event.stopImmediatePropagation();
    if (pinch && event.touches.length === 2) {
      const now = fingers(event);
      if (pinch.distance > 0 && now.distance > 0) pinchScale *= now.distance / pinch.distance;
      pinch.distance = now.distance;
      pinchPoint = [now.x, now.y];
      return;
    }
    if (!touch || event.touches.length !== 1) return;
    const t = track(event);
    const [x, y] = [t.clientX, t.clientY];
    if (!touch.moved && Math.hypot(x - touch.x, y - touch.y) < TOUCH_SLOP) return;
    touch.moved = true;
    touchScroll += y - touch.y;
    touchDrag = [touchDrag[0] + x - touch.x, touchDrag[1] + y - touch.y];
    touch.x = x;
    touch.y = y;
  }, { capture: true, passive: true });
  for (const type of ['touchend', 'touchcancel']) {
    window.addEventListener(type, (event) => {
      if (!onCanvas(event)) return;
      event.stopImmediatePropagation();
      const tapped = type === 'touchend' && touch && !touch.moved;
      touch = null;
      if (event.touches.length < 2) pinch = null;
      if (tapped) leaveAfterTap = true;
      if (tapped && cursorIsText) {
        bridge.blur();
        bridge.focus({ preventScroll: true });
      }
    }, true);
  }

  // A finger has no hover: once the tap's compatibility mouseup is handled, the pointer leaves
  // the canvas, so no tooltip or hover highlight stays stuck where the finger was.
  let leaveAfterTap = false;
  window.addEventListener('mouseup', (event) => {
    if (!leaveAfterTap || !onCanvas(event)) return;
    leaveAfterTap = false;
    setTimeout(() => Module.canvas.dispatchEvent(new MouseEvent('mouseleave')), 0);
  }, true);

  // The mouse wheel. Dear ImGui's backend listens on the document, where Chrome makes wheel
  // listeners passive: its preventDefault fails with a console error and Ctrl+wheel zooms the
  // page. The app drops that listener (platform::take_over_wheel) and reads the wheel here, on
  // the canvas, in ImGui's steps (100 pixels, 3 lines or 1/80 page a step; positive is up).
  let wheel = [0, 0];
  window.addEventListener('wheel', (event) => {
    if (!onCanvas(event)) return;
    event.preventDefault();
    const step = event.deltaMode === 1 ? 1 / 3 : event.deltaMode === 2 ? 80 : 1 / 100;
    wheel = [wheel[0] - event.deltaX * step, wheel[1] - event.deltaY * step];
  }, { capture: true, passive: false });

  const darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function newString(text) {
    const size = lengthBytesUTF8(text) + 1;
    const ptr = _malloc(size);
    stringToUTF8(text, ptr, size);
    return ptr;
  }

  function takeAll(queue) {
    if (queue.length === 0) return 0;
    const text = queue.join('');
    queue.length = 0;
    return newString(text);
  }

  function legacyCopy(text) {
    const active = document.activeElement;
    bridge.value = text;
    bridge.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    bridge.value = '';
    if (active && active !== bridge && active.focus) active.focus();
    if (!ok) console.warn('Ties: the browser refused clipboard access; the text stays in the app.');
  }

  // An idle app sleeps: the frame loop pauses until input, a change in storage or files, or its
  // own timer (a save to retry, or the date to check) wakes it, so an untouched tab runs no wasm
  // at all. Every wake asks for one frame to be drawn, through a flag in wasm memory.
  let sleeping = false;
  let sleepTimer = 0;
  let wakeFlag = 0;
  function wake() {
    if (wakeFlag) HEAP32[wakeFlag >> 2] = 1;
    if (!sleeping) return;
    sleeping = false;
    clearTimeout(sleepTimer);
    Module.resumeMainLoop();
  }
  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'mousedown', 'mousemove', 'mouseup', 'mouseleave',
                      'wheel', 'keydown', 'keyup', 'keypress', 'touchstart', 'touchmove', 'touchend', 'touchcancel',
                      'input', 'compositionend', 'paste', 'focus', 'blur', 'resize', 'visibilitychange', 'dragover',
                      'drop', 'change']) {
    window.addEventListener(type, wake, { capture: true, passive: true });
  }
  if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener('change', wake);
  // The network came back: sync sends what waited (read once by the app).
  let onlineAgain = false;
  window.addEventListener('online', () => { onlineAgain = true; wake(); });

  return {
    testMode: params.has('test'),
    wake,
    watchWakes(flag) { wakeFlag = flag; },
    takeOnline() { const was = onlineAgain; onlineAgain = false; return was; },
    sleep(ms) {
      if (sleeping) return;
      sleeping = true;
      Module.pauseMainLoop();
      sleepTimer = setTimeout(wake, Math.max(0, ms));
    },
    newString,

    syncCanvas(out) {
      const canvas = Module.canvas;
      const ratio = window.devicePixelRatio || 1;
      const cssWidth = Math.max(1, canvas.clientWidth);
      const cssHeight = Math.max(1, canvas.clientHeight);
      const pixelWidth = Math.max(1, Math.round(cssWidth * ratio));
      const pixelHeight = Math.max(1, Math.round(cssHeight * ratio));
      if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
      if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
      const base = out >> 2;
      HEAPF32[base] = cssWidth;
      HEAPF32[base + 1] = cssHeight;
      HEAPF32[base + 2] = pixelWidth;
      HEAPF32[base + 3] = pixelHeight;
      HEAPF32[base + 4] = ratio;
    },

    // The app listens for typed text from now on: what was typed before goes first.
    listenForText() {
      textLive = true;
      if (typed.length) deliverTyped(typed.splice(0).join(''));
    },
    takePasted() { return takeAll(pasted); },

    // A web page in a new tab with no way back to Ties, or a mail draft in the person's mail
    // program. The mail link is followed in this page (a new tab would stay blank), which some
    // browsers announce as leaving it: storage.js does not ask "leave the site?" just then.
    // `opened` keeps the last few, so a test can see what a click opened.
    opened: [],
    mailOpenedAt: -Infinity,
    openUrl(target) {
      const web = target.startsWith('https:' + '//') || target.startsWith('http:' + '//');
      const mail = target.startsWith('mailto:');
      if (!web && !mail) return;
      this.opened.push(target);
      if (this.opened.length > 20) this.opened.shift();
      if (web) {
        window.open(target, '_blank', 'noopener,noreferrer');
        return;
      }
      this.mailOpenedAt = performance.now();
      const link = document.createElement('a');
      link.href = target;
      link.rel = 'noopener';
      link.style.display = 'none';
      document.body.appendChild(link);
      link.click();
      link.remove();
    },

    // The screen reader's copy of a page only the canvas shows: a visually hidden region, built
    // with textContent from an outline ("# " heading, "- " item, else a paragraph); '' removes it.
    setPageText(outline) {
      let region = document.getElementById('page-text');
      if (!outline) {
        if (region) region.remove();
        return;
      }
      if (!region) {
        region = document.createElement('section');
        region.id = 'page-text';
        region.setAttribute('aria-label', 'This page as text');
        Object.assign(region.style, { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden',
          clip: 'rect(0 0 0 0)', clipPath: 'inset(50%)', whiteSpace: 'nowrap', margin: '-1px', padding: '0', border: '0' });
        Module.canvas.parentNode.insertBefore(region, Module.canvas);
      }
      region.replaceChildren();
      let list = null;
      for (const line of outline.split('\n')) {
        if (line.startsWith('- ')) {
          if (!list) list = region.appendChild(document.createElement('ul'));
          list.appendChild(document.createElement('li')).textContent = line.slice(2);
          continue;
        }
        list = null;
        if (line.startsWith('# ')) region.appendChild(document.createElement('h2')).textContent = line.slice(2);
        else if (line) region.appendChild(document.createElement('p')).textContent = line;
      }
    },

    writeClipboard(text) {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(() => legacyCopy(text));
      } else {
        legacyCopy(text);
      }
    },

    setTextInput(active, x, y, lineHeight) {
      if (active) {
        bridge.style.left = x + 'px';
        bridge.style.top = y + 'px';
        bridge.style.height = Math.max(lineHeight, 1) + 'px';
        if (document.activeElement !== bridge) bridge.focus({ preventScroll: true });
      } else if (document.activeElement === bridge) {
        bridge.blur();
      }
    },

    setCursor(css) {
      cursorIsText = css === 'text';
      if (Module.canvas.style.cursor !== css) Module.canvas.style.cursor = css;
    },

    takeTouchScroll() {
      const pixels = touchScroll;
      touchScroll = 0;
      return pixels;
    },

    takeTouchGesture(out) {
      if (touchDrag[0] === 0 && touchDrag[1] === 0 && pinchScale === 1) return 0;
      const f = out >> 2;
      HEAPF32[f] = touchDrag[0];
      HEAPF32[f + 1] = touchDrag[1];
      HEAPF32[f + 2] = pinchScale;
      HEAPF32[f + 3] = pinchPoint[0];
      HEAPF32[f + 4] = pinchPoint[1];
      touchDrag = [0, 0];
      pinchScale = 1;
      return 1;
    },

    takeWheel(out) {
      if (wheel[0] === 0 && wheel[1] === 0) return 0;
      HEAPF32[out >> 2] = wheel[0];
      HEAPF32[(out >> 2) + 1] = wheel[1];
      wheel = [0, 0];
      return 1;
    },

    takeTouchPoint(out) {
      if (!touchPoint) return 0;
      HEAPF32[out >> 2] = touchPoint[0];
      HEAPF32[(out >> 2) + 1] = touchPoint[1];
      touchPoint = null;
      return 1;
    },

    prefersDark() { return !!(darkQuery && darkQuery.matches); },
    isMac() { return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent); },

    loadPreference(key) {
      try {
        const value = window.localStorage.getItem('ties.' + key);
        return value === null ? 0 : newString(value);
      } catch (e) {
        return 0;  // storage disabled: defaults apply
      }
    },

    savePreference(key, value) {
      try { window.localStorage.setItem('ties.' + key, value); } catch (e) { /* kept for this visit only */ }
    },

    // While a large store opens in slices, the page's loading screen says how far it has got.
    loadProgress(fraction) {
      const text = document.getElementById('loading-text');
      if (text) text.textContent = `Opening your network\u2026 ${Math.floor(fraction * 100)}%`;
      document.documentElement.dataset.tiesState = 'opening';
    },

    ready() {
      document.documentElement.dataset.tiesState = 'ready';
      if (typeof Module.onTiesReady === 'function') Module.onTiesReady();
    },

    publishProbe(json) {
      const probe = JSON.parse(json);
      probe.frame = ++probeFrame;
      probe.textInput = document.activeElement === bridge;
      window.__ties = probe;
    },
  };
})();
