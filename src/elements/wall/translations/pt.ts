import words from '../../../core/i18n/pt.js';
import type { WallStrings } from './strings.js';

// Neutral between Portugal and Brazil: "proporção" (not "percentagem"/"porcentagem"), no gerunds.
const answers = (n: string, count: number) => `${n} ${count === 1 ? 'resposta' : 'respostas'}`;

const pt: WallStrings = {
  ...words,
  title: 'O que os clientes nos disseram',
  answers,
  basisLoaded: (n, count) => (count === 1 ? 'Com base na única resposta carregada.' : `Com base nas ${answers(n, count)} carregadas.`),
  shares: (hard, negative) =>
    hard && negative
      ? `${hard} dos clientes acharam difícil e ${negative} sentiram frustração ou desilusão.`
      : hard
        ? `${hard} dos clientes acharam difícil.`
        : negative
          ? `${negative} dos clientes sentiram frustração ou desilusão.`
          : '',
  effortHeading: 'Quão fácil foi',
  scale: (points) => `Escala de ${points} pontos`,
  noEffort: 'Ainda ninguém avaliou se foi fácil.',
  emotionHeading: 'Como se sentiram',
  noEmotion: 'Ainda ninguém disse como se sentiu.',
  rating: 'Avaliação',
  count: 'Respostas',
  share: 'Proporção',
  listHeading: 'Todas as respostas, das mais recentes às mais antigas',
  showing: (shown, total) => (total === null ? `Respostas mostradas: ${shown}` : `Respostas mostradas: ${shown} de ${total}`),
  where: 'Onde',
  effort: 'Esforço',
  feeling: 'Sentimento',
  point: (point, scale) => `${point} de ${scale}`,
  reply: 'A nossa resposta',
  more: 'Ver mais',
  loadingMore: 'Carregamento em curso…',
  loading: 'Carregamento das respostas em curso…',
  empty: 'Ainda sem respostas',
  failed: 'Não foi possível carregar as respostas.',
  failedMore: 'Não foi possível carregar mais respostas.',
  retry: 'Tentar novamente',
  skipped: (n, count) =>
    count === 1
      ? 'Não foi possível ler 1 item do feed, que por isso não é mostrado.'
      : `Não foi possível ler ${n} itens do feed, que por isso não são mostrados.`,
  reasons: { 'personal-data': 'dados pessoais', abusive: 'ofensivo', spam: 'spam', 'off-topic': 'fora do tema', other: 'outro motivo' },
  commentWithheld: (reason) => `Comentário não publicado: ${reason}`,
  byReason: (n, _, reason) => `${reason} (${n})`,
  withheld: (n, count, reasons) => `${n} ${count === 1 ? 'comentário não publicado' : 'comentários não publicados'}: ${reasons}`,
};
export default pt;
