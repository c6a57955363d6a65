import words from '../../../core/i18n/pt.js';
import type { FeedbackStrings } from './strings.js';

// Neutral between Portugal and Brazil: no "você"/"tu", no gerund vs "a + infinitive".
const pt: FeedbackStrings = {
  ...words,
  effortQuestion: 'Foi fácil ou difícil?',
  emotionQuestion: 'Como se sentiu?',
  commentQuestion: 'Algo a acrescentar?',
  optional: 'opcional',
  send: 'Enviar',
  close: 'Fechar',
  launcher: 'Como foi?',
  dialog: 'A sua opinião',
  needAnswer: 'Escolha primeiro uma resposta.',
  saved: 'Guardada. Será enviada.',
  sending: 'Envio em curso…',
  sent: 'Enviada.',
  failed: 'Não foi possível entregá-la.',
  full: 'Neste momento não há espaço para mais respostas. Tente mais tarde.',
  thanks: 'Obrigado!',
  already: 'Obrigado, já recebemos a sua resposta.',
};
export default pt;
