import words from '../../../core/i18n/es.js';
import type { InboxStrings } from './strings.js';

const plural = (count: number, one: string, other: string) => (count === 1 ? one : other);

const es: InboxStrings = {
  ...words,
  title: 'Bandeja de entrada',
  checking: 'Comprobando tu sesión…',

  signInHeading: 'Inicia sesión en la bandeja',
  signInWith: 'Iniciar sesión con',
  password: 'Contraseña',
  token: 'Token de administración',
  yourName: 'Tu nombre (opcional)',
  yourNameHint: 'Aparece en el registro junto a lo que hagas.',
  signIn: 'Iniciar sesión',
  signingIn: 'Iniciando sesión…',
  signInFailed: 'No ha funcionado: revisa la contraseña o el token.',
  sessionEnded: 'Tu sesión ha terminado. Vuelve a iniciar sesión para seguir.',
  signOut: 'Cerrar sesión',
  signedInAs: (name) => (name ? `Sesión de ${name}` : 'Sesión iniciada'),

  filters: 'Filtros',
  state: 'Estado',
  allStates: 'Todas',
  states: { new: 'Nueva', acknowledged: 'Vista', resolved: 'Resuelta' },
  count: (n, exact) => (exact ? n : `al menos ${n}`),
  touchpoint: 'Punto de contacto',
  anyTouchpoint: 'Cualquier punto',
  emotion: 'Sentimiento',
  anyEmotion: 'Cualquier sentimiento',
  effort: 'Esfuerzo',
  anyEffort: 'Cualquier esfuerzo',
  efforts: { hard: 'Difícil', neutral: 'Neutro', easy: 'Fácil' },
  comment: 'Comentario',
  anyComment: 'Con o sin',
  withComment: 'Con comentario',
  withoutComment: 'Sin comentario',
  since: 'Desde',
  until: 'Hasta',
  search: 'Buscar en los comentarios',
  apply: 'Aplicar',
  clear: 'Quitar filtros',
  exportCsv: 'Exportar CSV',
  exportNdjson: 'Exportar NDJSON',

  listHeading: 'Respuestas, de la más reciente a la más antigua',
  showing: (shown, total) => (total === null ? `Se muestran ${shown}` : `Se muestran ${shown} de ${total}`),
  loading: 'Cargando respuestas…',
  failed: 'No se han podido cargar las respuestas.',
  retry: 'Reintentar',
  empty: 'Ninguna respuesta coincide con estos filtros.',
  more: 'Cargar más',
  loadingMore: 'Cargando más…',
  linked: 'La respuesta enlazada',
  linkedMissing: 'La respuesta enlazada no existe (o ya no).',
  closeLinked: 'Cerrar',

  select: (what) => `Seleccionar ${what}`,
  selectAll: 'Seleccionar todas las mostradas',
  where: 'Dónde',
  when: 'Cuándo',
  feeling: 'Sentimiento',
  point: (point, scale) => `${point} de ${scale}`,
  noComment: 'Sin comentario.',
  reasons: { 'personal-data': 'datos personales', abusive: 'ofensivo', spam: 'spam', 'off-topic': 'fuera de tema', other: 'otro motivo' },
  withheldMark: (reason) => `Retenido del muro: ${reason}`,
  byAt: (by, at) => `por ${by}, ${at}`,
  reply: 'Respuesta pública',
  version: (n) => `versión ${n}`,
  replyHistory: (count) => `${plural(count, 'Texto anterior', 'Textos anteriores')} de la respuesta (${count})`,
  notes: (count) => `${plural(count, 'Nota privada', 'Notas privadas')} (${count})`,
  log: (count) => `Registro (${count})`,
  logLine: (e, t) => {
    switch (e.action) {
      case 'state':
        return `Estado: ${t.states[e.from]} → ${t.states[e.to]}`;
      case 'withhold':
        return `Comentario retenido: ${t.reasons[e.reason]}${e.note ? ` («${e.note}»)` : ''}`;
      case 'unwithhold':
        return `Comentario visible de nuevo (estaba retenido: ${t.reasons[e.previous]})`;
      case 'reply':
        return `Respondido: «${e.text}»`;
      case 'reply-edit':
        return `Respuesta editada (versión ${e.version}): «${e.text}»`;
      case 'reply-delete':
        return `Respuesta borrada: «${e.previous}»`;
      case 'note':
        return `Nota: «${e.text}»`;
    }
  },
  answer: 'Respuesta',

  actionsFor: (what) => `Acciones para ${what}`,
  setState: { new: 'Reabrir', acknowledged: 'Marcar vista', resolved: 'Resolver' },
  withhold: 'Retener comentario',
  changeReason: 'Cambiar motivo',
  unhide: 'Volver a mostrar en el muro',
  reasonLegend: '¿Por qué no mostrar este comentario en el muro público? (La valoración sigue contando.)',
  reasonNote: 'Nota',
  reasonNoteRequired: 'Explica el motivo en la nota: es obligatoria para «otro motivo».',
  writeReply: 'Responder',
  editReply: 'Editar respuesta',
  deleteReply: 'Borrar respuesta',
  replyLabel: 'Respuesta pública, se muestra bajo la respuesta en el muro',
  replyEmpty: 'Escribe primero la respuesta.',
  save: 'Guardar',
  cancel: 'Cancelar',
  addNote: 'Añadir nota',
  noteLabel: 'Nota privada, solo para el equipo',
  noteEmpty: 'Escribe primero la nota.',
  conflict: 'Otra persona ha cambiado esta respuesta mientras la editabas. Ahora se ve su versión; tu texto sigue en el cuadro: guarda de nuevo para sustituir la suya.',
  working: 'Guardando…',
  done: 'Guardado.',
  actionFailed: (reason) => `No ha funcionado: ${reason}`,

  selected: (n, count) => `${n} ${plural(count, 'respuesta seleccionada', 'respuestas seleccionadas')}`,
  bulkActions: 'Con las respuestas seleccionadas',
  clearSelection: 'Quitar selección',
  bulkDone: (n, count, state) => `${n} ${plural(count, 'respuesta', 'respuestas')}: ${state.toLowerCase()}.`,

  audit: 'Registro de auditoría',
  auditHeading: 'Todo lo hecho, lo más reciente primero',
  auditEmpty: 'Todavía no se ha hecho nada.',
  openAnswer: 'Abrir respuesta',

  keys: 'Teclas',
  keysHeading: 'Atajos de teclado',
  keyHelp: {
    move: 'Respuesta siguiente / anterior',
    acknowledge: 'Marcar vista',
    resolve: 'Resolver',
    reply: 'Responder',
    hide: 'Retener el comentario (elegir motivo)',
    help: 'Mostrar u ocultar estas teclas',
  },
  close: 'Cerrar',
};
export default es;
