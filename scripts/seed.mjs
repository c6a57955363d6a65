// Fills a running collector with a realistic demo data set: `npm run seed`.
//
// Simulates a few hundred shoppers' journeys through the demo shop over the last 90 days, in
// Spanish and English, and posts the answers they would have given through the public API
// (POST /api/feedback, in batches, backing off on 429). Plenty of it is hard and unhappy: a
// checkout that is a moment of truth, deliveries that got worse in the last month, the error page.
// With TOUCHPOINT_ADMIN_TOKEN set it also posts a few owner replies.
//
//   TOUCHPOINT_URL          collector base URL, default http://127.0.0.1:8080
//   TOUCHPOINT_ADMIN_TOKEN  optional, for the owner replies
//   SEED                    PRNG seed, default 2026: the same seed gives the same answers (ids aside)
import { randomUUID } from 'node:crypto';
import { mulberry32 } from './lib/mulberry32.mjs';

const BASE = (process.env.TOUCHPOINT_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const TOKEN = process.env.TOUCHPOINT_ADMIN_TOKEN?.trim();
const TARGET = 420;
const BATCH = 50;
const DAY = 86_400_000;
const MINUTE = 60_000;
const NOW = Date.now();

/** mulberry32: small, fast, good enough for test data, and reproducible from its seed. */
const prng = mulberry32;
const random = prng(Number(process.env.SEED ?? 2026));
const chance = (p) => random() < p;
const oneOf = (list) => list[Math.floor(random() * list.length)];
/** An index picked in proportion to its weight. */
function weighted(weights) {
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
  return weights.length - 1;
}

const EMOTIONS = ['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted'];
const PRODUCTS = ['mug', 'apron', 'grinder', 'teapot', 'board', 'towels'];

// Per touchpoint: what the demo's widget asks, the effort weights (1 = very difficult … top = very
// easy) and emotion weights (frustrated … delighted). `recent` replaces them for the last 30 days.
const PROFILES = {
  home: { path: '/', ask: ['effort', 'comment'], effort: [1, 1, 2, 3, 6, 10, 9] },
  product: { path: '/product', ask: ['effort', 'emotion', 'comment'], effort: [1, 1, 2, 3, 6, 9, 8], emotion: [1, 2, 4, 10, 7] },
  cart: { path: '/cart', ask: ['effort', 'emotion'], effort: [1, 2, 3, 4, 7, 8, 5], emotion: [2, 3, 5, 9, 4] },
  checkout: { path: '/checkout', ask: ['effort', 'emotion', 'comment'], effort: [6, 7, 7, 5, 4, 3, 2], emotion: [9, 7, 5, 4, 2] },
  confirmation: { path: '/confirmation', ask: ['effort', 'emotion', 'comment'], effort: [0, 1, 1, 2, 5, 9, 10], emotion: [1, 1, 3, 9, 10] },
  delivery: {
    path: '/delivery',
    ask: ['effort', 'emotion', 'comment'],
    stage: 'after',
    effort: [1, 2, 3, 4, 7, 8, 6],
    emotion: [2, 3, 4, 8, 5],
    // A new courier since last month: late parcels.
    recent: { effort: [6, 6, 5, 4, 3, 2, 1], emotion: [9, 8, 4, 3, 1] },
  },
  support: { path: '/support', ask: ['effort', 'emotion', 'comment'], stage: 'after', scale: 5, effort: [5, 5, 3, 4, 4], emotion: [6, 5, 4, 5, 4] },
  error: { path: '/error', ask: ['effort', 'emotion', 'comment'], effort: [8, 6, 4, 3, 2, 1, 1], emotion: [10, 7, 4, 2, 0] },
};

// What people write, by touchpoint and mood, in both languages.
const COMMENTS = {
  home: {
    bad: { en: ['Search found nothing for "teapot" at first.', 'Too many banners before I saw any product.', 'Could not filter by price.'], es: ['El buscador no encontraba «tetera» al principio.', 'Demasiados banners antes de ver un producto.', 'No se puede filtrar por precio.'] },
    good: { en: ['Found what I wanted in seconds.', 'Clean and simple, love it.'], es: ['Encontré lo que buscaba en segundos.', 'Limpia y sencilla, me encanta.'] },
  },
  product: {
    bad: { en: ['No dimensions for the board.', 'Photos do not show the real colour.', 'Is the mug microwave safe? It does not say.'], es: ['No pone las medidas de la tabla.', 'Las fotos no muestran el color real.', '¿La taza va al microondas? No lo dice.'] },
    good: { en: ['Clear description and price.', 'The grinder details answered all my questions.'], es: ['Descripción y precio claros.', 'Los detalles del molinillo respondieron todas mis dudas.'] },
  },
  checkout: {
    bad: {
      en: ['My card was declined twice and no reason given.', 'Too many fields, and it forgot my address when I went back.', 'Shipping cost only appeared at the very end.', 'The coupon box is hidden. Took me ages.', 'Page froze after I pressed pay. Was I charged?'],
      es: ['Me rechazó la tarjeta dos veces sin decir por qué.', 'Demasiados campos y al volver atrás se borró la dirección.', 'El coste de envío solo aparece al final.', 'El cuadro del cupón está escondido. Me costó muchísimo.', 'La página se quedó colgada al pagar. ¿Me han cobrado?'],
    },
    good: { en: ['Quick checkout, no account needed.', 'Paid in under a minute.'], es: ['Pago rápido, sin tener que crear cuenta.', 'Pagado en menos de un minuto.'] },
  },
  confirmation: {
    bad: { en: ['No confirmation email arrived.', 'The order number is hard to find.'], es: ['No me llegó el correo de confirmación.', 'Cuesta encontrar el número de pedido.'] },
    good: { en: ['Nice, clear confirmation.', 'Thanks! Looking forward to it.'], es: ['Confirmación clara, genial.', '¡Gracias! Con ganas de recibirlo.'] },
  },
  delivery: {
    bad: {
      en: ['A week late and tracking said "in transit" the whole time.', 'The courier never rang, just left a note.', 'Parcel arrived with the teapot lid broken.', 'Tracking number did not work for three days.'],
      es: ['Una semana tarde y el seguimiento decía «en tránsito» todo el rato.', 'El repartidor ni llamó, solo dejó un aviso.', 'El paquete llegó con la tapa de la tetera rota.', 'El número de seguimiento no funcionó durante tres días.'],
    },
    good: { en: ['Arrived a day early, well packed.', 'Tracking was spot on.'], es: ['Llegó un día antes y bien embalado.', 'El seguimiento fue exacto.'] },
  },
  support: {
    bad: { en: ['Waited four days for an answer.', 'Had to explain the problem three times.', 'Still waiting for my refund.'], es: ['Cuatro días esperando respuesta.', 'Tuve que explicar el problema tres veces.', 'Sigo esperando el reembolso.'] },
    good: { en: ['Laura sorted it out the same day. Thank you!', 'Replacement sent without any fuss.'], es: ['Laura lo resolvió el mismo día. ¡Gracias!', 'Me enviaron otro sin poner pegas.'] },
  },
  error: {
    bad: { en: ['I lost my whole cart.', 'Clicked a link in your email and got this page.', 'Happened right after paying. Very worrying.'], es: ['He perdido todo el carrito.', 'Pinché un enlace de vuestro correo y salió esto.', 'Justo después de pagar. Muy preocupante.'] },
    good: { en: ['At least the link back worked.'], es: ['Al menos el enlace de vuelta funcionó.'] },
  },
  any: {
    meh: { en: ['It was fine.', 'OK, nothing special.', 'Does the job.'], es: ['Estuvo bien.', 'Normal, nada especial.', 'Cumple.'] },
  },
};

const REPLIES = {
  en: ['Sorry about this. We have fixed it and written to you.', 'Thank you for telling us. We changed courier for your area this week.', 'You are right: we have made this clearer on the page.'],
  es: ['Perdona las molestias. Ya está arreglado y te hemos escrito.', 'Gracias por contárnoslo. Esta semana cambiamos de mensajería en tu zona.', 'Tienes razón: ya lo hemos dejado más claro en la página.'],
};

/** One shopper's answer at a touchpoint, as the demo's widget would send it. */
function answerAt(touchpoint, journey, at, lang) {
  const p = PROFILES[touchpoint];
  const recent = p.recent && NOW - at < 30 * DAY ? p.recent : p;
  const scale = p.scale ?? 7;
  const asks = (q) => p.ask.includes(q);
  let effort = asks('effort') && chance(0.93) ? 1 + weighted(recent.effort) : null;
  let emotion = null;
  if (asks('emotion') && chance(0.9)) {
    // How people feel mostly follows how hard it was; now and then it does not.
    const follows = effort !== null && chance(0.7);
    const near = Math.round(((effort - 1) / (scale - 1)) * 4) + oneOf([-1, 0, 0, 1]);
    emotion = follows ? EMOTIONS[Math.min(4, Math.max(0, near))] : EMOTIONS[weighted(recent.emotion)];
  }
  const hard = effort !== null && effort <= Math.floor(scale / 2);
  const unhappy = emotion === 'frustrated' || emotion === 'disappointed';
  const mood = hard || unhappy ? 'bad' : (effort === null || effort > Math.ceil(scale / 2)) && emotion !== 'indifferent' ? 'good' : 'meh';
  let comment = null;
  if (asks('comment') && chance(mood === 'bad' ? 0.6 : 0.25)) {
    const pool = mood === 'meh' ? COMMENTS.any.meh : COMMENTS[touchpoint]?.[mood] ?? COMMENTS.any.meh;
    comment = oneOf(pool[lang]);
  }
  // Some people skip the ratings and only write.
  if (comment && mood === 'bad' && chance(0.12)) effort = emotion = null;
  if (effort === null && emotion === null && comment === null) effort = asks('effort') ? 1 + weighted(recent.effort) : null;
  if (effort === null && emotion === null && comment === null) emotion = EMOTIONS[weighted(recent.emotion ?? [1, 1, 1, 1, 1])];
  const context = {};
  if (p.stage) context.stage = p.stage;
  if (touchpoint === 'product') context.product = oneOf(PRODUCTS);
  if (touchpoint === 'error') context.moment = 'truth';
  return {
    id: randomUUID(),
    v: 1,
    touchpoint,
    journey,
    effort,
    effortScale: scale,
    emotion,
    comment,
    page: BASE + p.path,
    lang,
    createdAt: new Date(at).toISOString(),
    context,
  };
}

/** A shopper's visit: home, maybe a product, the cart, checkout…, answering at some of the steps. */
function journey() {
  const id = randomUUID();
  const lang = chance(0.55) ? 'es' : 'en';
  // More visits lately, as a growing shop has.
  let at = NOW - Math.pow(random(), 0.8) * 90 * DAY;
  const answers = [];
  const visit = (touchpoint, p, later = (1 + random() * 4) * MINUTE) => {
    at += later;
    // Drawn whatever the time, so a seed gives the same sequence on any day.
    const answered = chance(p);
    if (answered && at < NOW - MINUTE) answers.push(answerAt(touchpoint, id, at, lang));
  };
  visit('home', 0.25, 0);
  if (chance(0.08)) visit('error', 0.6);
  if (chance(0.9)) {
    visit('product', 0.35);
    if (chance(0.55)) {
      visit('cart', 0.3);
      if (chance(0.8)) {
        visit('checkout', 0.6);
        if (chance(0.85)) {
          visit('confirmation', 0.55, 0.5 * MINUTE);
          visit('delivery', 0.5, (2 + random() * 4) * DAY);
          if (chance(0.25)) visit('support', 0.7, (1 + random() * 6) * DAY);
        }
      }
    }
  }
  if (chance(0.06)) visit('support', 0.7, (1 + random() * 3) * DAY);
  return answers;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** POSTs JSON, waiting and trying again when the collector says 429 (honouring Retry-After). */
async function send(path, body, headers = {}) {
  for (let attempt = 1; ; attempt++) {
    let response;
    try {
      response = await fetch(BASE + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    } catch (error) {
      throw new Error(`cannot reach the collector at ${BASE} (${error.cause?.code ?? error.message}); start it with \`npm start\` or set TOUCHPOINT_URL`);
    }
    if (response.status !== 429 || attempt > 10) return response;
    const wait = Math.min(Number(response.headers.get('retry-after')) || 5, 60);
    console.log(`  rate limited: waiting ${wait} s`);
    await sleep(wait * 1000);
  }
}

async function main() {
  const answers = [];
  while (answers.length < TARGET) answers.push(...journey());
  answers.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

  const totals = { accepted: 0, duplicates: 0, rejected: [] };
  for (let i = 0; i < answers.length; i += BATCH) {
    const response = await send('/api/feedback', { events: answers.slice(i, i + BATCH) });
    const body = await response.json().catch(() => ({}));
    if (response.status !== 200) throw new Error(`the collector answered ${response.status}: ${body.error ?? 'no reason given'}`);
    totals.accepted += body.accepted;
    totals.duplicates += body.duplicates;
    totals.rejected.push(...body.rejected);
  }

  let replies = 0;
  if (TOKEN) {
    const unhappy = answers.filter((a) => a.comment && (a.emotion === 'frustrated' || (a.effort !== null && a.effort <= 2))).slice(-8);
    for (const a of unhappy) {
      const response = await send(`/api/feedback/${a.id}/reply`, { text: oneOf(REPLIES[a.lang]) }, { Authorization: `Bearer ${TOKEN}` });
      if (response.ok) replies++;
      else {
        console.warn(`  replies skipped: ${(await response.json().catch(() => ({}))).error ?? response.status}`);
        break;
      }
    }
  }

  const hard = answers.filter((a) => a.effort !== null && a.effort <= Math.floor(a.effortScale / 2)).length;
  const unhappy = answers.filter((a) => a.emotion === 'frustrated' || a.emotion === 'disappointed').length;
  const es = answers.filter((a) => a.lang === 'es').length;
  console.log(
    `Seeded ${BASE}: ${totals.accepted} accepted, ${totals.duplicates} duplicates, ${totals.rejected.length} rejected ` +
      `(${answers.length} answers: ${hard} hard, ${unhappy} unhappy, ${es} in Spanish, ${answers.length - es} in English)` +
      (TOKEN ? `, ${replies} owner replies.` : '. Set TOUCHPOINT_ADMIN_TOKEN to add owner replies.'),
  );
  console.log(`See them at ${BASE}/wall and ${BASE}/journey`);
  if (totals.rejected.length) {
    console.error('Rejected (a bug in this script):', totals.rejected.slice(0, 5));
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`seed: ${error.message}`);
  process.exitCode = 1;
});
