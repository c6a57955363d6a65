// The demo shop's small behaviours: language, cart, search, checkout and the order-complete event.
// Loaded without defer in <head> so the page language is set before anything renders; the rest
// waits for the DOM. No inline scripts anywhere: the pages are served with a strict CSP.
(() => {
  'use strict';

  const LANG_KEY = 'touchpoint-demo:lang';
  const CART_KEY = 'touchpoint-demo:cart';
  const ORDER_KEY = 'touchpoint-demo:order';

  const stored = (key, fallback) => {
    try {
      return JSON.parse(localStorage.getItem(key)) ?? fallback;
    } catch {
      return fallback;
    }
  };
  const store = (key, value) => {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Private mode or storage full: the demo still works for this page view.
    }
  };

  const initialLang = () => {
    const saved = stored(LANG_KEY, null);
    if (saved === 'es' || saved === 'en') return saved;
    return /^es\b/i.test(navigator.language || '') ? 'es' : 'en';
  };
  document.documentElement.lang = initialLang();
  const lang = () => document.documentElement.lang;

  const PRODUCTS = [
    { id: 'mug', price: 14, swatch: 'terracotta', name: { en: 'Stoneware mug', es: 'Taza de gres' }, about: { en: 'Thrown by hand, 350 ml, dishwasher safe.', es: 'Torneada a mano, 350 ml, apta para lavavajillas.' } },
    { id: 'apron', price: 32, swatch: 'sage', name: { en: 'Linen apron', es: 'Delantal de lino' }, about: { en: 'Washed linen with two deep pockets.', es: 'Lino lavado con dos bolsillos hondos.' } },
    { id: 'grinder', price: 59, swatch: 'walnut', name: { en: 'Hand coffee grinder', es: 'Molinillo de café manual' }, about: { en: 'Steel burrs, twelve grind settings.', es: 'Muelas de acero, doce ajustes de molienda.' } },
    { id: 'teapot', price: 45, swatch: 'slate', name: { en: 'Cast-iron teapot', es: 'Tetera de hierro fundido' }, about: { en: '0.8 litres, with a stainless infuser.', es: '0,8 litros, con infusor de acero.' } },
    { id: 'board', price: 38, swatch: 'olive', name: { en: 'Olive-wood board', es: 'Tabla de olivo' }, about: { en: 'One piece of olive wood, oiled.', es: 'Una sola pieza de olivo, aceitada.' } },
    { id: 'towels', price: 18, swatch: 'sky', name: { en: 'Cotton tea towels (2)', es: 'Paños de cocina de algodón (2)' }, about: { en: 'Organic cotton, woven stripes.', es: 'Algodón orgánico, rayas tejidas.' } },
  ];
  const productById = (id) => PRODUCTS.find((p) => p.id === id);
  const price = (n) => new Intl.NumberFormat(lang() === 'es' ? 'es-ES' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(n);

  /** An element; children are nodes or strings. */
  const h = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  /** Text in both languages; the stylesheet shows the one matching <html lang>. */
  const both = (text) => [h('span', { lang: 'en' }, text.en), h('span', { lang: 'es' }, text.es)];

  // ---------- Language ----------

  function applyLang(next) {
    document.documentElement.lang = next;
    store(LANG_KEY, next);
    const title = document.documentElement.dataset[next === 'es' ? 'titleEs' : 'titleEn'];
    if (title) document.title = title;
    for (const button of document.querySelectorAll('[data-switch-lang]')) {
      button.textContent = next === 'es' ? 'English' : 'Español';
      button.setAttribute('aria-label', next === 'es' ? 'Switch to English' : 'Cambiar a español');
    }
    // An <option> holds text only (no <span lang>): it takes the language's text from its data-*.
    for (const option of document.querySelectorAll('option[data-en]')) option.textContent = option.dataset[next];
    // Each widget follows the switch through its own lang attribute.
    for (const widget of document.querySelectorAll('cx-feedback, cx-wall, cx-journey')) widget.setAttribute('lang', next);
    renderPrices();
  }

  // ---------- Cart ----------

  const cart = () => stored(CART_KEY, {});
  const cartCount = () => Object.values(cart()).reduce((n, q) => n + q, 0);
  function setCart(next) {
    store(CART_KEY, next);
    for (const badge of document.querySelectorAll('[data-cart-count]')) badge.textContent = String(cartCount());
  }

  function renderPrices() {
    for (const node of document.querySelectorAll('[data-price]')) node.textContent = price(Number(node.dataset.price));
  }

  function productCard(p) {
    return h(
      'li',
      { class: 'card product-card' },
      h('div', { class: `swatch swatch-${p.swatch}`, 'aria-hidden': 'true' }),
      h('h3', {}, h('a', { href: `/product?id=${p.id}` }, ...both(p.name))),
      h('p', { class: 'price', 'data-price': p.price }, price(p.price)),
    );
  }

  // ---------- Pages ----------

  const pages = {
    home() {
      const list = document.querySelector('[data-products]');
      const input = document.querySelector('[data-search]');
      const status = document.querySelector('[data-search-status]');
      const render = () => {
        const q = (input?.value || '').trim().toLowerCase();
        const found = PRODUCTS.filter((p) => !q || [p.name.en, p.name.es, p.about.en, p.about.es].some((s) => s.toLowerCase().includes(q)));
        list.replaceChildren(...found.map(productCard));
        status.replaceChildren(
          ...both({
            en: found.length ? `${found.length} product${found.length === 1 ? '' : 's'}` : 'Nothing found. Try “mug” or “tea”.',
            es: found.length ? `${found.length} producto${found.length === 1 ? '' : 's'}` : 'No hay resultados. Prueba con «taza» o «té».',
          }),
        );
      };
      input?.closest('form')?.addEventListener('submit', (e) => e.preventDefault());
      input?.addEventListener('input', render);
      render();
    },

    product() {
      const p = productById(new URLSearchParams(location.search).get('id')) ?? PRODUCTS[0];
      document.documentElement.dataset.titleEn = `${p.name.en} · Touchpoint Shop`;
      document.documentElement.dataset.titleEs = `${p.name.es} · Tienda Touchpoint`;
      document.querySelector('[data-product-name]').replaceChildren(...both(p.name));
      document.querySelector('[data-product-about]').replaceChildren(...both(p.about));
      document.querySelector('[data-product-swatch]').className = `swatch swatch-large swatch-${p.swatch}`;
      const priceNode = document.querySelector('[data-product-price]');
      priceNode.dataset.price = String(p.price);
      priceNode.textContent = price(p.price);
      // The product goes into the answer's context.
      document.querySelector('cx-feedback')?.setAttribute('data-product', p.id);
      const added = document.querySelector('[data-added]');
      document.querySelector('[data-add-to-cart]').addEventListener('click', () => {
        const next = cart();
        next[p.id] = (next[p.id] || 0) + 1;
        setCart(next);
        added.hidden = false;
      });
      const others = document.querySelector('[data-related]');
      others?.replaceChildren(...PRODUCTS.filter((o) => o !== p).slice(0, 3).map(productCard));
    },

    cart() {
      const list = document.querySelector('[data-cart-items]');
      const total = document.querySelector('[data-cart-total]');
      const empty = document.querySelector('[data-cart-empty]');
      const full = document.querySelector('[data-cart-full]');
      const render = () => {
        const items = Object.entries(cart()).filter(([id, q]) => productById(id) && q > 0);
        empty.hidden = items.length > 0;
        full.hidden = items.length === 0;
        list.replaceChildren(
          ...items.map(([id, q]) => {
            const p = productById(id);
            const remove = h('button', { type: 'button', class: 'link-button' }, ...both({ en: 'Remove', es: 'Quitar' }));
            remove.addEventListener('click', () => {
              const next = cart();
              delete next[id];
              setCart(next);
              render();
            });
            return h('li', { class: 'cart-line' }, h('span', {}, ...both(p.name), ` × ${q}`), h('span', { 'data-price': p.price * q }, price(p.price * q)), remove);
          }),
        );
        const sum = items.reduce((n, [id, q]) => n + productById(id).price * q, 0);
        total.dataset.price = String(sum);
        total.textContent = price(sum);
      };
      render();
    },

    checkout() {
      const form = document.querySelector('[data-checkout]');
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        if (!form.reportValidity()) return;
        store(ORDER_KEY, { number: `TP-${Math.floor(100000 + Math.random() * 900000)}`, at: new Date().toISOString() });
        setCart({});
        location.assign('/confirmation');
      });
    },

    confirmation() {
      const order = stored(ORDER_KEY, null);
      const number = document.querySelector('[data-order-number]');
      if (order?.number) number.textContent = order.number;
      // The order is complete: tell the page, and the floating widget opens (open-on="order-complete").
      const complete = () => dispatchEvent(new CustomEvent('order-complete', { detail: { order: order?.number ?? null } }));
      if (document.readyState === 'complete') setTimeout(complete, 800);
      else addEventListener('load', () => setTimeout(complete, 800), { once: true });
      document.querySelector('[data-rate-order]')?.addEventListener('click', complete);
    },

    delivery() {
      const form = document.querySelector('[data-track]');
      const input = form.querySelector('input');
      const result = document.querySelector('[data-tracking]');
      input.value = stored(ORDER_KEY, null)?.number ?? '';
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        if (!form.reportValidity()) return;
        document.querySelector('[data-tracking-number]').textContent = input.value.trim().toUpperCase();
        result.hidden = false;
        result.focus();
      });
    },

    support() {
      const form = document.querySelector('[data-contact]');
      const sent = document.querySelector('[data-contact-sent]');
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        if (!form.reportValidity()) return;
        form.reset();
        sent.hidden = false;
        sent.focus();
      });
    },
  };

  document.addEventListener('DOMContentLoaded', () => {
    for (const button of document.querySelectorAll('[data-switch-lang]'))
      button.addEventListener('click', () => applyLang(lang() === 'es' ? 'en' : 'es'));
    setCart(cart());
    pages[document.body.dataset.page]?.();
    applyLang(lang());
  });
})();
