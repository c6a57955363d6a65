import type { StatusStrings } from './strings.js';

// Neutral between Portugal and Brazil, as the other Portuguese strings.
const pt: StatusStrings = {
  severity: { info: 'Informação', minor: 'Falha leve', major: 'Falha grave', critical: 'Serviço indisponível', maintenance: 'Manutenção programada' },
  updated: (when) => `Atualizado ${when}`,
  posted: (when) => `Publicado ${when}`,
  until: (when) => `Até ${when}`,
  more: 'Mais informações',
  dismiss: (title) => `Fechar: ${title}`,
  asOf: (when) => `Últimas informações recebidas: ${when}.`,
};
export default pt;
