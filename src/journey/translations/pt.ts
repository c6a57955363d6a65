import words from '../../core/i18n/pt.js';
import type { JourneyStrings } from './strings.js';

// Neutral between Portugal and Brazil: "ponto de interação" ("contacto"/"contato" differ),
// "Exportar CSV" ("transferir"/"baixar" differ), "fonte", no gerunds.
// `previous` has no article: the sentences below say "em relação aos 7 dias anteriores".
const pt: JourneyStrings = {
  ...words,
  title: 'Jornada do cliente',
  period: 'Período',
  periods: { '7d': 'Últimos 7 dias', '30d': 'Últimos 30 dias', '90d': 'Últimos 90 dias', all: 'Todo o período' },
  previous: { '7d': '7 dias anteriores', '30d': '30 dias anteriores', '90d': '90 dias anteriores' },
  lane: 'A jornada',
  afterLane: 'Após o serviço',
  stages: { during: 'Durante', after: 'Após o serviço' },
  answers: (n, x) => (n === 1 ? '1 resposta' : `${x} respostas`),
  noAnswers: 'Ainda sem respostas',
  notAnswered: 'Sem resposta',
  effort: 'Pontuação de esforço',
  effortOf: (mean) => `${mean} de 7`,
  easy: (share) => `${share} acharam fácil`,
  emotion: 'Emoção',
  emotionMix: 'Distribuição das emoções',
  net: 'Saldo emocional',
  trend: (what, direction, amount, since) =>
    direction === 'flat'
      ? `${what}: sem alteração em relação aos ${since}`
      : `${what}: ${direction === 'up' ? 'aumentou' : 'diminuiu'} ${amount} em relação aos ${since}`,
  trendNote: (since) => `As setas indicam a variação em relação aos ${since}.`,
  moment: 'Momento da verdade',
  comments: 'Últimos comentários negativos',
  commentsOf: (touchpoint) => `em ${touchpoint}`,
  noComments: 'Sem comentários negativos por escrito.',
  openInInbox: 'abrir na caixa de entrada',
  actFirst: 'Agir primeiro em, do mais urgente ao menos urgente:',
  why: (touchpoint, answers, reasons) => `${touchpoint}: ${answers}; ${reasons}.`,
  hardReason: (share, high) => `menos de metade o achou fácil (${share}, no máximo ${high})`,
  badReason: (net, high) => `mais clientes se sentiram mal do que bem (saldo emocional ${net}, no máximo ${high})`,
  undecided: (list) => `Ainda há poucas respostas para decidir: ${list}.`,
  tooFew: 'Poucas respostas para decidir',
  range: (low, high) => `provavelmente entre ${low} e ${high}`,
  noMoments: 'Nenhum momento da verdade neste período.',
  threshold: (min, easy) =>
    `Um ponto de interação é um momento da verdade quando tem pelo menos ${min} respostas e, com 95 % de confiança, menos de ${easy} dos clientes o acharam fácil ou há mais clientes que se sentiram mal do que bem.`,
  table: 'A jornada em números',
  columns: {
    touchpoint: 'Ponto de interação',
    stage: 'Etapa',
    answers: 'Respostas',
    effort: 'Pontuação de esforço (de 7)',
    easy: 'Acharam fácil',
    hard: 'Acharam difícil',
    net: 'Saldo emocional',
    effortChange: 'Variação do esforço',
    netChange: 'Variação do saldo emocional',
    moment: 'Momento da verdade',
  },
  yes: 'Sim',
  no: 'Não',
  download: 'Exportar CSV',
  loading: 'Carregamento da jornada em curso…',
  empty: 'Ainda não há respostas neste período.',
  skippedAnswers: (n, x) =>
    n === 1 ? '1 resposta foi ignorada: não é uma resposta válida.' : `${x} respostas foram ignoradas: não são respostas válidas.`,
  skippedTouchpoints: (n, x) =>
    n === 1
      ? 'Não foi possível ler 1 ponto de interação do resumo, que foi ignorado.'
      : `Não foi possível ler ${x} pontos de interação do resumo, que foram ignorados.`,
  more: (shown, all) => `São mostrados os primeiros ${shown} de ${all} pontos de interação; o CSV tem todos.`,
  errors: {
    source: 'Indique no atributo source o endereço URL de um resumo ou de uma lista de respostas.',
    network: 'Não foi possível comunicar com a fonte.',
    http: 'A fonte respondeu com um erro.',
    json: 'A fonte não enviou JSON.',
    shape: 'A fonte não enviou um resumo nem uma lista de respostas.',
  },
  status: (code) => `(HTTP ${code})`,
  notices: {
    title: 'Avisos e como foram sentidos',
    severity: { info: 'Informação', minor: 'Perturbação ligeira', major: 'Perturbação grave', critical: 'Serviço em baixo', maintenance: 'Manutenção programada' },
    during: 'Enquanto era mostrado',
    outside: 'Mesmos pontos de contacto, fora do aviso',
    comments: 'Comentários enquanto era mostrado',
    since: (from) => `Desde ${from}, em curso`,
    between: (from, to) => `De ${from} a ${to}`,
    everywhere: 'Todos os pontos de contacto',
    caption: (title) => `Como «${title}» foi sentido`,
  },
};
export default pt;
