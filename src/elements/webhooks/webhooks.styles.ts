import { css } from 'lit';

// Over the inbox's own sheet (src/elements/inbox/inbox.styles.ts), which the bundle holds already.
export default css`
  .webhooks {
    display: grid;
    gap: 0.75rem;
  }
  h5 {
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
    flex: 1 1 12rem;
    min-width: 0;
  }
  .url,
  .deliveries h5 {
    overflow-wrap: anywhere;
  }
  code,
  .code {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.875em;
  }
  label.choice code {
    color: var(--_muted);
  }
  .editor {
    gap: 0.625rem;
  }
  .editor .fields {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr));
  }
  .ratings div {
    flex-wrap: wrap;
    min-width: 0;
  }
  dt {
    flex: none;
  }
  .events {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
  }
  .events label.choice {
    margin: 0;
    align-items: flex-start;
    padding: 0.375rem 0;
    min-height: 0;
  }
  .events input {
    margin-top: 0.15em;
    flex: none;
  }
  .secret {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 2px solid var(--_warn);
    border-radius: var(--_radius);
    background: var(--_soft);
    overflow-wrap: anywhere;
  }
  .secret .row input {
    flex: 1 1 14rem;
    min-width: 0;
  }
  .secret > button {
    justify-self: start;
  }
  .deliveries {
    display: grid;
    gap: 0.5rem;
    padding-top: 0.5rem;
    border-top: 1px solid var(--_border);
  }
  .delivery {
    display: grid;
    gap: 0.375rem;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    overflow-wrap: anywhere;
  }
  .delivery button {
    justify-self: start;
  }
  .list.list {
    gap: 0.5rem;
  }
  .state-delivered .state {
    color: var(--_accent);
  }
  .state-pending .state {
    color: var(--_warn);
  }
  .state-failed .state {
    color: var(--_danger);
  }
  button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_bg);
  }
  .signin-note {
    font-weight: 600;
  }
`;
